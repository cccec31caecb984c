// docs/engine-compatibility.mdx, generated from known-differences.ts and the workload files, so the
// page lists exactly what `npm test` accepts. A unit test keeps the committed page in step.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXED_DIFFERENCES, KNOWN_DIFFERENCES } from './known-differences.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PAGE_PATH = path.join(root, 'docs', 'engine-compatibility.mdx');

/** Text safe in MDX prose and table cells. */
export function mdxText(text: string): string {
  return text.replace(/[\\`*_{}<>[\]|]/g, (c) => (c === '|' ? '\\|' : `\\${c}`)).replace(/\n/g, ' ');
}

export function renderCompatibilityPage(): string {
  const lines = [
    '---',
    'sidebar_position: 5',
    'title: Engine compatibility',
    '---',
    '',
    '{/* Generated from harness/conformance/known-differences.ts by `npm run conformance -- --write-docs`; do not edit. */}',
    '',
    '# Engine compatibility',
    '',
    'Our engine (`--engine native`) claims to emit exactly what Debezium 3.2 emits. The conformance check holds it to that:',
    'one workload goes through real Kafka Connect with Debezium 3.2.7 and through our engine, on the same PostgreSQL and Kafka,',
    'each with its own topic prefix and slot, and every record — key, value and headers, schema and payload — is compared field by field.',
    '',
    'The workload (`harness/conformance/workload/`) covers the column types the engine maps — integers, floats, numeric with and',
    'without a scale (NaN and infinities included), money, bool, the text types, bytea, uuid, json/jsonb, xml, the date/time',
    'types with their infinities, interval, arrays, enums, network types, ranges, bit strings, point, hstore, ltree and citext —,',
    'each replica identity',
    '(`DEFAULT`, `FULL`, `USING INDEX`, and `NOTHING` for inserts), an unchanged TOAST value, a primary-key change, `TRUNCATE`',
    '(with `skipped.operations=none`), multi-statement transactions with `provide.transaction.metadata=true`, a table without a',
    'primary key and a table whose name needs quoting. Before comparing, the check masks what legitimately differs between two',
    'runs: LSNs, transaction ids, `xmin`, `sequence`, the `ts_*` timestamps, and the topic prefix and connector name.',
    '',
    'Run it with `npm run conformance`; it also runs in `npm test`, where any difference not listed below fails the build.',
    '',
    '## Known differences',
    '',
  ];
  if (KNOWN_DIFFERENCES.length === 0) {
    lines.push('None: on the workload above, every record our engine emits equals the one Debezium emits, after masking.');
  } else {
    lines.push('| Difference | Where | Why it stays |', '| --- | --- | --- |');
    for (const k of KNOWN_DIFFERENCES) lines.push(`| ${mdxText(k.summary)} | \`${k.topic}\` \`${k.path}\` | ${mdxText(k.reason)} |`);
  }
  lines.push('', '## Found and fixed', '', 'Differences the check found, which the engine no longer has:', '');
  for (const f of FIXED_DIFFERENCES) lines.push(`- **${mdxText(f.summary)}.** ${mdxText(f.fix)}`);
  lines.push('');
  return lines.join('\n');
}

export function writeCompatibilityPage(): void {
  fs.writeFileSync(PAGE_PATH, renderCompatibilityPage());
}
