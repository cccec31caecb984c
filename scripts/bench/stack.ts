// `npm run bench -- stack [--runs N] [--cold]`: time until the native stack is ready, warm (jar
// cache filled) and, with --cold, with an empty jar cache and an empty Maven repository, for
// PostgreSQL + Kafka KRaft, + ZooKeeper mode, and + Connect; peak RSS of every server process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NativeStack, startNativeStack } from '../../harness/runtime/native/native-stack.ts';
import type { StackOptions } from '../../harness/runtime/types.ts';
import { machineLine, median } from './machine.ts';
import { peakRssMiB } from './process-memory.ts';

const configs: Array<{ label: string; options: StackOptions }> = [
  { label: 'PostgreSQL + Kafka KRaft', options: { kafka: 'kraft' } },
  { label: 'PostgreSQL + Kafka ZooKeeper mode', options: { kafka: 'zookeeper' } },
  { label: 'PostgreSQL + Kafka KRaft + Connect', options: { kafka: 'kraft', with: ['connect'] } },
];

async function measure(options: StackOptions): Promise<{ seconds: number; rss: Record<string, number | undefined> }> {
  const started = performance.now();
  const stack: NativeStack = await startNativeStack(options);
  const seconds = (performance.now() - started) / 1000;
  const rss: Record<string, number | undefined> = {};
  for (const [name, proc] of stack.processMap) rss[name] = peakRssMiB(proc.pid);
  await stack.stop();
  return { seconds, rss };
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '3' }, cold: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  console.log(`machine: ${machineLine()}\n`);
  const rows: string[] = ['| stack | cold ready (s) | warm ready, median of ' + runs + ' (s) | peak RSS per process (MiB) |', '|---|---|---|---|'];
  for (const { label, options } of configs) {
    let cold = '–';
    if (values.cold) {
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-labs-cold-'));
      process.env.CDC_LABS_CACHE = path.join(scratch, 'cache');
      process.env.CDC_LABS_MAVEN_REPO = path.join(scratch, 'm2');
      const result = await measure({ ...options, onProgress: (l) => l.startsWith('fetching') && console.log(`  ${l}`) });
      cold = result.seconds.toFixed(1);
      delete process.env.CDC_LABS_CACHE;
      delete process.env.CDC_LABS_MAVEN_REPO;
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    const warm: number[] = [];
    let rss: Record<string, number | undefined> = {};
    for (let i = 0; i < runs; i++) {
      const result = await measure(options);
      warm.push(result.seconds);
      rss = result.rss;
      console.log(`  ${label}: run ${i + 1} ready in ${result.seconds.toFixed(1)} s`);
    }
    const memory = Object.entries(rss).map(([name, mib]) => `${name} ${mib ?? '?'}`).join(', ');
    rows.push(`| ${label} | ${cold} | ${median(warm).toFixed(1)} (${warm.map((s) => s.toFixed(1)).join(', ')}) | ${memory} |`);
  }
  console.log(`\n${rows.join('\n')}`);
}
