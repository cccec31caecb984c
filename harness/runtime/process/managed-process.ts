import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceError } from './errors.ts';
import { tailFile } from './log-tail.ts';
import { register, unregister, type Stoppable } from './registry.ts';

export interface ProcessSpec {
  /** the service's name in messages: 'kafka-1', 'zookeeper', 'connect' … */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr both go here, so the tail can be shown when something fails */
  logFile: string;
  /** found in the command line; lets a later run recognise the process as ours (see registry.ts) */
  marker: string;
  /** run as this user (PostgreSQL refuses to run as root) */
  uid?: number;
  gid?: number;
  /** the signal for a graceful stop (PostgreSQL: SIGINT is "fast shutdown"; SIGTERM waits for clients) */
  stopSignal?: NodeJS.Signals;
}

export interface ReadyOptions {
  timeoutMs: number;
  hint?: string;
  /** poll interval; readiness is polled, never assumed after a fixed sleep */
  intervalMs?: number;
}

/** A server running as a child process in its own process group, with its log kept on disk. */
export class ManagedProcess implements Stoppable {
  readonly name: string;
  readonly logFile: string;
  private readonly child: ChildProcess;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  private stopping: Promise<void> | undefined;
  private readonly stopSignal: NodeJS.Signals;

  private constructor(spec: ProcessSpec) {
    this.name = spec.name;
    this.logFile = spec.logFile;
    this.stopSignal = spec.stopSignal ?? 'SIGTERM';
    const fd = fs.openSync(spec.logFile, 'a');
    try {
      this.child = spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: spec.env ?? process.env,
        // its own group: Ctrl-C in the terminal reaches us, not the server, so we stop servers in
        // order; and stop() can signal the whole group
        detached: true,
        stdio: ['ignore', fd, fd],
        uid: spec.uid,
        gid: spec.gid,
      });
    } finally {
      fs.closeSync(fd);
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        unregister(this);
        resolve();
      });
      this.child.once('error', (error) => {
        fs.appendFileSync(this.logFile, `\n[harness] could not start ${spec.command}: ${error.message}\n`);
        this.exitInfo = { code: -1, signal: null };
        unregister(this);
        resolve();
      });
    });
    register(this, spec.marker, true);
  }

  static spawn(spec: ProcessSpec): ManagedProcess {
    return new ManagedProcess(spec);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** undefined while running; null when ended by a signal */
  get exitCode(): number | null | undefined {
    return this.exitInfo?.code;
  }

  logTail(lines = 40): string {
    return tailFile(this.logFile, lines);
  }

  error(reason: string, hint?: string): ServiceError {
    return new ServiceError(this.name, reason, this.logFile, this.logTail(), hint);
  }

  /** Polls `check` until it answers true; fails fast, with the log tail, if the process dies. */
  async waitReady(check: () => Promise<boolean>, options: ReadyOptions): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    const interval = options.intervalMs ?? 100;
    for (;;) {
      if (this.exitInfo) {
        const { code, signal } = this.exitInfo;
        throw this.error(`exited while starting (${signal ? `signal ${signal}` : `exit code ${code}`})`, options.hint);
      }
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) {
        throw this.error(`not ready after ${Math.round(options.timeoutMs / 1000)} s`, options.hint);
      }
      await sleep(interval);
    }
  }

  /** The stop signal to the group, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs = 10_000): Promise<void> {
    this.stopping ??= (async () => {
      if (this.exitInfo) return;
      this.signal(this.stopSignal);
      const timedOut = await Promise.race([this.exited.then(() => false), sleep(graceMs).then(() => true)]);
      if (timedOut) {
        this.signal('SIGKILL');
        await this.exited;
      }
    })();
    return this.stopping;
  }

  killNow(): void {
    if (!this.exitInfo) this.signal('SIGKILL');
  }

  /** Resolves when the process has exited, for whatever reason. */
  waitForExit(): Promise<void> {
    return this.exited;
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      /* already gone */
    }
  }
}
