import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Every server process the harness starts is registered twice: in memory, so exit and Ctrl-C
// stop it, and as a pid file, so that a run killed with SIGKILL (nothing runs on SIGKILL) has its
// leftovers swept by the next run instead of leaving orphan java/postgres processes behind.

export interface Stoppable {
  readonly name: string;
  readonly pid: number | undefined;
  /** graceful stop; must be safe to call twice */
  stop(): Promise<void>;
  /** immediate SIGKILL, used from the synchronous 'exit' handler */
  killNow(): void;
}

const live = new Set<Stoppable>();
let handlersInstalled = false;

export const pidDir = path.join(os.tmpdir(), 'cdc-labs-pids');

interface PidRecord {
  ownerPid: number;
  pid: number;
  name: string;
  /** a string that must appear in /proc/<pid>/cmdline, so a recycled pid is never killed */
  marker: string;
  group: boolean;
}

export function register(proc: Stoppable, marker: string, group: boolean): void {
  live.add(proc);
  installHandlers();
  if (proc.pid === undefined) return;
  fs.mkdirSync(pidDir, { recursive: true });
  const record: PidRecord = { ownerPid: process.pid, pid: proc.pid, name: proc.name, marker, group };
  fs.writeFileSync(path.join(pidDir, `${proc.pid}.json`), JSON.stringify(record));
}

export function unregister(proc: Stoppable): void {
  live.delete(proc);
  if (proc.pid !== undefined) fs.rmSync(path.join(pidDir, `${proc.pid}.json`), { force: true });
}

export function liveProcesses(): Stoppable[] {
  return [...live];
}

export async function stopAll(): Promise<void> {
  // newest first: Connect before Kafka before ZooKeeper
  for (const proc of [...live].reverse()) await proc.stop().catch(() => proc.killNow());
}

/** True for a running process; a zombie (exited, not yet reaped) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S …" — the state letter follows the last ')'
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Kills servers whose owning run died without stopping them. Returns what it killed. */
export function sweepOrphans(): string[] {
  let files: string[];
  try {
    files = fs.readdirSync(pidDir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const killed: string[] = [];
  for (const file of files) {
    const full = path.join(pidDir, file);
    let record: PidRecord;
    try {
      record = JSON.parse(fs.readFileSync(full, 'utf8')) as PidRecord;
    } catch {
      fs.rmSync(full, { force: true });
      continue;
    }
    if (isAlive(record.ownerPid)) continue;
    if (isAlive(record.pid) && cmdline(record.pid).includes(record.marker)) {
      try {
        process.kill(record.group ? -record.pid : record.pid, 'SIGKILL');
        killed.push(`${record.name} (pid ${record.pid})`);
      } catch {
        /* already gone */
      }
    }
    fs.rmSync(full, { force: true });
  }
  return killed;
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const proc of live) proc.killNow();
  });
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    if (live.size) process.stderr.write(`\n${signal}: stopping ${live.size} server process(es)…\n`);
    void stopAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => onSignal('SIGINT', 130));
  process.once('SIGTERM', () => onSignal('SIGTERM', 143));
  process.once('SIGHUP', () => onSignal('SIGHUP', 129));
}
