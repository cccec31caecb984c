// The engine as the benchmarks run it: its CLI in a child process (so its CPU and memory are its
// own, measured apart from the benchmark's), output collected for progress and failure messages.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface EngineProcess {
  child: ChildProcess;
  /** everything it printed so far, stdout and stderr interleaved */
  output(): string;
}

export interface EngineProcessOptions {
  /** connector JSON ({ name, config }) written next to the run */
  connector: { name: string; config: Record<string, unknown> };
  /** where connector.json goes */
  dir: string;
  bootstrapServers: string[];
  /** extra node flags, e.g. --cpu-prof */
  nodeArgs?: string[];
}

export function spawnEngine(opts: EngineProcessOptions): EngineProcess {
  const configPath = path.join(opts.dir, `${opts.connector.name}.json`);
  fs.writeFileSync(configPath, JSON.stringify(opts.connector));
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), 'harness/engine/cli.ts', '--config', configPath, '--bootstrap-servers', opts.bootstrapServers.join(',')],
    { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

/** Resolves when the CLI printed its snapshot-done line; fails with its output if it exits first or times out. */
export async function untilSnapshotDone(engine: EngineProcess, timeoutMs = 60_000, onTick?: (output: string) => void): Promise<void> {
  for (const end = Date.now() + timeoutMs; !engine.output().includes('SNAPSHOT DONE'); ) {
    if (engine.child.exitCode !== null) throw new Error(`the engine exited:\n${engine.output()}`);
    if (Date.now() > end) throw new Error(`the engine did not finish its snapshot in ${timeoutMs} ms:\n${engine.output()}`);
    onTick?.(engine.output());
    await new Promise((r) => setTimeout(r, 20));
  }
}
