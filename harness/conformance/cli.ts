// `npm run conformance [-- --stack-info <file.json>] [--dump <pairs.json>] [--profile <name>] [--write-docs]`: the conformance check from the command line.
// Starts a stack with Kafka Connect (or uses the one described by a StackInfo JSON file), runs the
// workload through real Debezium and our engine, and prints every difference, known ones marked.
// Exit code 1 when a difference is not listed in known-differences.ts.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { startStack, type RuntimeChoice, type Stack, type StackInfo } from '../runtime/index.ts';
import { formatDifferences } from './diff.ts';
import { PAGE_PATH, writeCompatibilityPage } from './docs-page.ts';
import { toJson } from './record.ts';
import { runConformance } from './run.ts';
import { PROFILES } from './profiles.ts';

const { values } = parseArgs({
  options: {
    'stack-info': { type: 'string' },
    runtime: { type: 'string', default: 'auto' },
    /** writes every masked record pair to this JSON file */
    dump: { type: 'string' },
    /** regenerates docs/engine-compatibility.mdx from known-differences.ts, without a run */
    'write-docs': { type: 'boolean', default: false },
    /** a configuration from profiles.ts on top of the base one (default: default) */
    profile: { type: 'string', default: 'default' },
  },
});
const log = (line: string): void => console.error(`[conformance] ${line}`);
if (values['write-docs']) {
  writeCompatibilityPage();
  console.log(`wrote ${PAGE_PATH}`);
  process.exit(0);
}
let stack: Stack | undefined;
let code = 0;
try {
  const profile = PROFILES[values.profile!];
  if (!profile) throw new Error(`unknown profile ${values.profile}; profiles: ${Object.keys(PROFILES).join(', ')}`);
  let info: StackInfo;
  if (values['stack-info']) info = JSON.parse(fs.readFileSync(values['stack-info'], 'utf8')) as StackInfo;
  else {
    // the avro profile also needs a schema registry
    stack = await startStack({ runtime: values.runtime as RuntimeChoice, kafka: 'kraft', with: ['connect', ...(profile.services ?? [])], onProgress: log });
    info = stack.info;
  }
  const result = await runConformance(info, log, undefined, profile);
  if (values.dump) fs.writeFileSync(values.dump, toJson(result.pairs, 2));
  const { known, unknown, unused } = result.classified;
  console.log(`conformance: real Debezium ${result.counts.debezium} records, our engine ${result.counts.ours}, in ${result.topics.debezium.length} / ${result.topics.ours.length} topics`);
  console.log(`compared ${result.pairs.length} record pairs: ${result.differences.length} differences, ${known.length} known, ${unknown.length} not known\n`);
  for (const [engine, failure] of Object.entries(result.failures)) console.log(`${engine}: the connector task FAILED during the workload: ${failure}`);
  // the servers' own words on a failed Debezium task (a registry refusal shows in both logs)
  if (result.failures.debezium && stack) {
    for (const service of ['connect', ...(profile.services ?? [])] as const) console.log(`\n${service} log, last lines:\n${stack.logTail(service, 60)}`);
  }
  if (result.differences.length) {
    console.log(formatDifferences(result.differences, (d) => {
      const k = known.find((c) => c.difference === d)?.because;
      return k ? `known: ${k.id}` : 'NOT KNOWN';
    }));
  }
  if (unused.length) console.log(`\nknown differences this run did not show (remove them once fixed): ${unused.map((k) => k.id).join(', ')}`);
  if (unknown.length) code = 1;
} catch (error) {
  console.error(error);
  code = 2;
} finally {
  await stack?.stop();
}
process.exit(code);
