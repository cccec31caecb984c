// For labs that compare Kafka clusters (ZooKeeper vs KRaft): start a cluster of their own beside the
// lab's stack, reach its server processes and config files, and run Kafka's own command-line tools.
// Native runtime only. The runtime is imported lazily, so specs and docs never load it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KafkaInfo, KafkaMode } from '../runtime/types.ts';

/** One server process of an own cluster ('zookeeper', 'kafka-1', …). */
export interface OwnServer {
  readonly name: string;
  readonly pid: number | undefined;
  readonly hasExited: boolean;
  /** The server's folder: its config (server.properties / zookeeper.properties), log and data. */
  readonly dir: string;
  logTail(lines?: number): string;
  /** SIGKILL, as a crash would end it. */
  killNow(): void;
  stop(): Promise<void>;
}

export interface OwnKafka {
  mode: KafkaMode;
  info: KafkaInfo;
  /** The folder holding every server's folder. */
  dir: string;
  /** Kafka's jar folder: `java -cp "<lib>/*" <main class>` runs its command-line tools. */
  lib: string;
  servers: ReadonlyMap<string, OwnServer>;
  stop(): Promise<void>;
}

export async function startOwnKafka(opts: { mode: KafkaMode; nodes?: number }): Promise<OwnKafka> {
  const { ensureJars } = await import('../runtime/native/jars.ts');
  const { startKraft, startZookeeperKafka } = await import('../runtime/native/kafka.ts');
  const lib = await ensureJars('kafka');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cdc-labs-own-${opts.mode}-`));
  const classpath = path.join(lib, '*');
  let started;
  try {
    started = opts.mode === 'zookeeper' ? await startZookeeperKafka(dir, classpath, opts.nodes ?? 1) : await startKraft(dir, classpath, opts.nodes ?? 1);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const servers = new Map<string, OwnServer>();
  const serverOf = (name: string, proc: (typeof started.processes)[number]): OwnServer => ({
    name,
    get pid() {
      return proc.pid;
    },
    get hasExited() {
      return proc.hasExited;
    },
    dir: path.join(dir, name),
    logTail: (lines) => proc.logTail(lines),
    killNow: () => proc.killNow(),
    stop: () => proc.stop(),
  });
  if (opts.mode === 'zookeeper') servers.set('zookeeper', serverOf('zookeeper', started.processes[0]!));
  for (const [id, proc] of started.nodes) servers.set(`kafka-${id}`, serverOf(`kafka-${id}`, proc));
  let stopped = false;
  return {
    mode: opts.mode,
    info: started.info,
    dir,
    lib,
    servers,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const proc of [...started.processes].reverse()) await proc.stop();
      if (!process.env.CDC_LABS_KEEP_LOGS) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BrokerRefusal {
  exitCode: number | null | undefined;
  logTail: string;
  message: string;
}

/**
 * Starts `kafka.Kafka` on a server.properties text and waits for it to exit, as a broker does when
 * it refuses its configuration. Rejects if it is still running after `timeoutMs` (then stopped).
 */
export async function startBrokerExpectingRefusal(properties: string, timeoutMs = 60_000): Promise<BrokerRefusal> {
  const { ensureJars } = await import('../runtime/native/jars.ts');
  const { startJvm } = await import('../runtime/native/jvm.ts');
  const lib = await ensureJars('kafka');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-labs-refused-'));
  try {
    fs.writeFileSync(path.join(dir, 'server.properties'), properties.replaceAll('<dir>', dir));
    const proc = await startJvm({ name: 'kafka-mixed', dir, heapMb: 256, classpath: path.join(lib, '*'), mainClass: 'kafka.Kafka', args: ['server.properties'] });
    const timer = setTimeout(() => void proc.stop(), timeoutMs);
    await proc.waitForExit();
    clearTimeout(timer);
    const error = proc.error(`exited while starting (exit code ${proc.exitCode})`);
    if (proc.exitCode === 0 || proc.exitCode === null) throw new Error(`the broker did not refuse the configuration: it ran until stopped\n${error.message}`);
    return { exitCode: proc.exitCode, logTail: proc.logTail(15), message: error.message };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one of Kafka's command-line tools (`java -cp "<lib>/*" <mainClass> args…`) to completion. */
export async function runKafkaTool(lib: string, mainClass: string, args: string[], timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const { findToolchain } = await import('../runtime/native/toolchain.ts');
  const { java } = await findToolchain();
  // the tools' own log4j settings would print to stdout; keep their logging on stderr, warnings only
  const log4j = path.join(os.tmpdir(), 'cdc-labs-tools-log4j.properties');
  if (!fs.existsSync(log4j)) fs.writeFileSync(log4j, 'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stderr.layout.ConversionPattern=%p %m%n\n');
  const jvm = ['-Xmx128m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', `-Dlog4j.configuration=file:${log4j}`];
  return new Promise((resolve) => {
    execFile(java, [...jvm, '-cp', path.join(lib, '*'), mainClass, ...args], { timeout: timeoutMs, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts one more `kafka.Kafka` server on a properties text, in `dir` (created if needed): a node
 * restarted with a new configuration, or a controller added to a cluster. With `clusterId`, its
 * storage is formatted first (`kafka.tools.StorageTool format`), as a new KRaft node needs.
 * Readiness is the caller's to wait for; stop it with the handle.
 */
export async function startKafkaServer(opts: { name: string; dir: string; properties: string; clusterId?: string }): Promise<OwnServer> {
  const { ensureJars } = await import('../runtime/native/jars.ts');
  const { runJvmTool, startJvm } = await import('../runtime/native/jvm.ts');
  const lib = await ensureJars('kafka');
  const classpath = path.join(lib, '*');
  fs.mkdirSync(opts.dir, { recursive: true });
  const config = path.join(opts.dir, 'server.properties');
  fs.writeFileSync(config, opts.properties);
  if (opts.clusterId !== undefined) {
    await runJvmTool({ name: `${opts.name}-format`, dir: opts.dir, heapMb: 128, classpath, mainClass: 'kafka.tools.StorageTool', args: ['format', '-t', opts.clusterId, '-c', config, '--ignore-formatted'] });
  }
  const proc = await startJvm({ name: opts.name, dir: opts.dir, heapMb: 512, classpath, mainClass: 'kafka.Kafka', args: [config] });
  return {
    name: opts.name,
    get pid() {
      return proc.pid;
    },
    get hasExited() {
      return proc.hasExited;
    },
    dir: opts.dir,
    logTail: (lines) => proc.logTail(lines),
    killNow: () => proc.killNow(),
    stop: () => proc.stop(),
  };
}

/** A free TCP port on 127.0.0.1 (for a server a lab adds to its own cluster). */
export async function freePort(): Promise<number> {
  const mod = await import('../runtime/process/free-port.ts');
  return mod.freePort();
}
