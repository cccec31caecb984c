// docs/engine-compatibility.mdx, generated from known-differences.ts and the workload files, so the
// page lists exactly what `npm test` accepts. A unit test keeps the committed page in step.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXED_DIFFERENCES, KNOWN_DIFFERENCES } from './known-differences.ts';
import { PROFILES } from './profiles.ts';
import { KEY_CATALOGUE as catalogue, type CatalogueKey } from '../engine/index.ts';

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
    '{/* Generated from harness/conformance/known-differences.ts and harness/engine/source/key-catalogue.json by `npm run conformance -- --write-docs`; do not edit. */}',
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
    'The workload runs under each of these profiles (`harness/conformance/profiles.ts`, `npm run conformance -- --profile <name>`),',
    'a connector configuration both engines get:',
    '',
    ...Object.values(PROFILES).map((p) => `- **${p.name}**: ${mdxText(p.description)}.`),
    '',
    '## Known differences',
    '',
  ];
  if (KNOWN_DIFFERENCES.length === 0) {
    lines.push('None: on the workload above, under every profile, every record our engine emits equals the one Debezium emits, after masking.');
  } else {
    lines.push('| Difference | Where | Why it stays |', '| --- | --- | --- |');
    for (const k of KNOWN_DIFFERENCES) lines.push(`| ${mdxText(k.summary)} | \`${k.topic}\` \`${k.path}\` | ${mdxText(k.reason)} |`);
  }
  lines.push('', '## Found and fixed', '', 'Differences the check found, which the engine no longer has:', '');
  for (const f of FIXED_DIFFERENCES) lines.push(`- **${mdxText(f.summary)}.** ${mdxText(f.fix)}`);
  lines.push('', ...renderKeyTable());
  lines.push('');
  return lines.join('\n');
}

const STATUS_TEXT: Record<CatalogueKey['status'], string> = {
  implemented: 'implemented',
  'accepted-no-effect': 'accepted, no effect',
  refused: 'refused',
  unclassified: 'unclassified',
};

/** The source connector's keys, from harness/engine/source/key-catalogue.json (scripts/key-catalogue.ts). */
export function renderKeyTable(): string[] {
  const keys = catalogue.keys as CatalogueKey[];
  const count = (s: string) => keys.filter((k) => k.status === s).length;
  const lines = [
    '## Source connector configuration keys',
    '',
    `Every key Debezium ${mdxText(catalogue.sources.debezium)} defines for the PostgreSQL connector and every key Kafka Connect`,
    `(${mdxText(catalogue.sources.kafka)}) reads for a source connector, read from their Java sources by \`scripts/key-catalogue.ts\`.`,
    `Of ${keys.length}: ${count('implemented')} implemented, ${count('accepted-no-effect')} accepted with no effect on the records, ${count('refused')} refused`,
    'before anything connects, with an error naming the key. A refused key that lists accepted values takes those (the default',
    'behaviour) and refuses the others. A key that neither Debezium nor Connect defines is a warning in the log, as Connect',
    'only logs keys it did not use. `name*` is every key under that prefix; `(d+)` stands for a number.',
    '',
    '| Key | Defined by | Status | Test, or why |',
    '| --- | --- | --- | --- |',
  ];
  for (const k of keys) {
    const accepts = 'accepts' in k && k.accepts ? ` (accepts ${k.accepts.map((a) => `\`${a}\``).join(', ')})` : '';
    const detail = k.status === 'implemented' ? `\`${k.test}\`${accepts}` : k.status === 'unclassified' ? '' : `${mdxText(k.reason)}${accepts}`;
    lines.push(`| \`${k.name}\` | ${mdxText(k.origin)}${k.internal ? ' (internal)' : ''} | ${STATUS_TEXT[k.status]} | ${detail} |`);
  }
  return lines;
}

export function writeCompatibilityPage(): void {
  fs.writeFileSync(PAGE_PATH, renderCompatibilityPage());
}
