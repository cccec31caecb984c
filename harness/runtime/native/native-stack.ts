import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { looksLikePortClash, ServiceError } from '../process/errors.ts';
import { freePort } from '../process/free-port.ts';
import type { ManagedProcess } from '../process/managed-process.ts';
import { sweepOrphans } from '../process/registry.ts';
import type { ServiceName, Stack, StackInfo, StackOptions } from '../types.ts';
import { startConnect } from './connect.ts';
import { ensureJars } from './jars.ts';
import { startKraft, startZookeeperKafka, type StartedKafka } from './kafka.ts';
import { startPostgres } from './postgres.ts';
import { ensureRegistryServer, externalRegistry, startRegistryServer } from './registry.ts';
import { startS3Mock } from './s3mock.ts';
import { findToolchain } from './toolchain.ts';

/** Runs `start`; when the server lost a race for its port, tries again (new ports each time). */
export async function retryOnPortClash<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || !(error instanceof ServiceError) || !looksLikePortClash(error.logTail)) throw error;
    }
  }
}

export class NativeStack implements Stack {
  private readonly processes = new Map<string, ManagedProcess>();
  private stopped = false;

  readonly info: StackInfo;
  readonly dir: string;
  readonly kafka: StartedKafka;
  constructor(
    info: StackInfo,
    dir: string,
    processes: Array<[string, ManagedProcess]>,
    kafka: StartedKafka,
  ) {
    this.info = info;
    this.dir = dir;
    this.kafka = kafka;
    for (const [name, proc] of processes) this.processes.set(name, proc);
  }

  /** The managed processes by name ('postgres', 'zookeeper', 'kafka-1', 'connect', 's3', 'registry'). */
  get processMap(): ReadonlyMap<string, ManagedProcess> {
    return this.processes;
  }

  logTail(service: ServiceName, lines = 40): string {
    const proc = this.processes.get(service === 'kafka' ? 'kafka-1' : service);
    return proc?.logTail(lines) ?? '';
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // clients first: Connect, then the brokers, then ZooKeeper and the stores
    const order = [...this.processes.values()].reverse();
    for (const proc of order) await proc.stop();
    if (!process.env.CDC_LABS_KEEP_LOGS) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function startNativeStack(options: StackOptions): Promise<NativeStack> {
  const progress = options.onProgress ?? (() => {});
  const extras = new Set(options.with ?? []);
  await findToolchain();
  // before anything starts: a registry named by CDC_LABS_SCHEMA_REGISTRY_URL must be a URL (then none is started)
  const externalRegistryInfo = extras.has('registry') ? externalRegistry() : undefined;
  const swept = sweepOrphans();
  if (swept.length) progress(`stopped servers left behind by an earlier run: ${swept.join(', ')}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-labs-stack-'));
  // PostgreSQL runs as the `postgres` user when we are root: it must reach its folder
  fs.chmodSync(dir, 0o755);
  const started: Array<[string, ManagedProcess]> = [];
  const keep = (name: string, proc: ManagedProcess) => started.push([name, proc]);
  try {
    const kafkaLib = ensureJars('kafka', progress);
    const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const t0 = Date.now();
      const result = await work();
      progress(`${name} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return result;
    };
    // PostgreSQL and the Kafka side start side by side; Connect waits for Kafka
    const postgresP = timed('postgres', () =>
      retryOnPortClash(async () => {
        const pg = await startPostgres(path.join(dir, 'postgres'), await freePort());
        keep('postgres', pg.process);
        return pg;
      }),
    );
    const kafkaP = kafkaLib.then((lib) =>
      timed(`kafka (${options.kafka ?? 'kraft'})`, () =>
        retryOnPortClash(async () => {
          const classpath = path.join(lib, '*');
          const kafka = options.kafka === 'zookeeper'
            ? await startZookeeperKafka(dir, classpath, options.kafkaNodes ?? 1)
            : await startKraft(dir, classpath, options.kafkaNodes ?? 1);
          if (kafka.info.mode === 'zookeeper') keep('zookeeper', kafka.processes[0]!);
          for (const [id, proc] of kafka.nodes) keep(`kafka-${id}`, proc);
          return kafka;
        }),
      ),
    );
    const s3P = extras.has('s3')
      ? ensureJars('s3mock', progress).then((s3Dir) =>
          timed('s3', () =>
            retryOnPortClash(async () => {
              const s3 = await startS3Mock(dir, path.join(s3Dir, 's3mock-exec.jar'));
              keep('s3', s3.process);
              return s3;
            }),
          ),
        )
      : undefined;
    // Apicurio Registry, built from Maven Central on first use (registry.ts), unless the user names their own
    const registryP = extras.has('registry') && !externalRegistryInfo
      ? ensureRegistryServer(progress).then((jar) =>
          timed('registry', () =>
            retryOnPortClash(async () => {
              const registry = await startRegistryServer(dir, jar);
              keep('registry', registry.process);
              return registry;
            }),
          ),
        )
      : undefined;
    // Apicurio's converter plugin is fetched only for stacks with a registry (it costs a first-run download)
    const pluginsP = extras.has('connect')
      ? ensureJars('debezium-postgres', progress)
          .then(() => ensureJars('debezium-jdbc', progress))
          // plugin.path names folders OF plugin folders: a folder of loose jars would make each jar a plugin
          // of its own, and the converter would not see its serde jars (Kafka's PluginUtils.pluginLocations)
          .then(async (debezium) => (extras.has('registry') ? `${debezium},${path.dirname(await ensureJars('apicurio-converter', progress))}` : debezium))
      : undefined;
    // wait for every sibling to settle, so that a failure never leaves a half-started server behind
    const settled = await Promise.allSettled([postgresP, kafkaP, s3P, pluginsP, registryP]);
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    const [pg, kafka, s3, pluginPath, startedRegistry] = await Promise.all([postgresP, kafkaP, s3P, pluginsP, registryP]);
    const registry = externalRegistryInfo ?? startedRegistry?.info;
    let connect;
    if (pluginPath) {
      const lib = await kafkaLib;
      connect = await timed('connect', () =>
        retryOnPortClash(async () => {
          const c = await startConnect(dir, path.join(lib, '*'), pluginPath, kafka.info.bootstrapServers, pg.info);
          keep('connect', c.process);
          return c;
        }),
      );
    }
    const info: StackInfo = { runtime: 'native', postgres: pg.info, kafka: kafka.info, connect: connect?.info, s3: s3?.info, registry };
    return new NativeStack(info, dir, started, kafka);
  } catch (error) {
    await Promise.allSettled(started.map(([, proc]) => proc.stop()));
    if (!process.env.CDC_LABS_KEEP_LOGS) fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
