import fs from 'node:fs';
import path from 'node:path';
import { ManagedProcess } from '../process/managed-process.ts';
import { log4jProperties } from './properties.ts';
import { findToolchain } from './toolchain.ts';

// Options that make a JVM server start fast and stay small on a 2-core machine: the serial GC and
// the C1 compiler only (these servers run short labs, not long benchmarks of their own).
// CDC_LABS_JVM_OPTS replaces them, e.g. for a benchmark that wants C2.
export function jvmOptions(heapMb: number): string[] {
  const custom = process.env.CDC_LABS_JVM_OPTS;
  const tuning = custom ? custom.split(/\s+/).filter(Boolean) : ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss512k'];
  return [`-Xmx${heapMb}m`, `-Xms${Math.min(64, heapMb)}m`, ...tuning, '-Djava.awt.headless=true'];
}

export interface JvmSpec {
  name: string;
  /** the service's own folder: its log, config and data live here */
  dir: string;
  heapMb: number;
  classpath?: string;
  mainClass?: string;
  jar?: string;
  args: string[];
  systemProperties?: Record<string, string>;
}

/** Starts a JVM server as a ManagedProcess logging to <dir>/<name>.log. */
export async function startJvm(spec: JvmSpec): Promise<ManagedProcess> {
  const { java } = await findToolchain();
  const log4j = path.join(spec.dir, 'log4j.properties');
  if (!fs.existsSync(log4j)) fs.writeFileSync(log4j, log4jProperties);
  const props = { 'log4j.configuration': `file:${log4j}`, ...spec.systemProperties };
  const args = [
    ...jvmOptions(spec.heapMb),
    ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`),
    // the service dir is in the command line so the orphan sweep can recognise the process
    `-Dcdc.labs.dir=${spec.dir}`,
    ...(spec.jar ? ['-jar', spec.jar] : ['-cp', spec.classpath ?? '', spec.mainClass ?? '']),
    ...spec.args,
  ];
  return ManagedProcess.spawn({
    name: spec.name,
    command: java,
    args,
    cwd: spec.dir,
    logFile: path.join(spec.dir, `${spec.name}.log`),
    marker: `-Dcdc.labs.dir=${spec.dir}`,
  });
}

/** Runs a short-lived JVM tool (e.g. the storage formatter) to completion. */
export async function runJvmTool(spec: JvmSpec): Promise<void> {
  const proc = await startJvm(spec);
  await proc.waitForExit();
  if (proc.exitCode !== 0) throw proc.error(`failed with exit code ${proc.exitCode}`);
}
