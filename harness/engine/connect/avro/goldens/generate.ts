// Regenerates ../avro-data.golden.ts from the Java classes (see README.md):
//   node harness/engine/connect/avro/goldens/generate.ts           # rewrite cases.jsonl and the golden file
//   node harness/engine/connect/avro/goldens/generate.ts --check   # compare only; exit 1 on a difference
// Inputs are Connect records Debezium 3.2.7 itself produced (harness/engine/events' goldens), so the mapping
// is checked on the schemas the engine really emits.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { debeziumRecords } from '../../../events/event-builder.golden.ts';
import { goldenCases, goldenDefaults, goldenExtensionCases, goldenTemporalEdgeCases } from '../../../events/type-map.golden.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const check = process.argv.includes('--check');

interface Case { id: string; record: string }
const cases: Case[] = [];

// whole Debezium records (envelopes, keys, heartbeats, transaction metadata)
for (const [id, record] of Object.entries(debeziumRecords)) {
  if (!record.startsWith('{"schema":{')) continue; // schemaless and tombstones have nothing for AvroData
  cases.push({ id: `record_${id}`, record });
}

// one column per type-map golden, as the value struct of a one-column table
const typeCases = [...goldenCases, ...goldenExtensionCases, ...goldenTemporalEdgeCases].filter((c) => c.schema && c.payload !== undefined && !c.expect);
const fieldName = (id: string): string => id.replace(/[^A-Za-z0-9_]/g, '_');
const schemaText = (name: string, fields: Array<{ name: string; schema: string }>): string =>
  `{"type":"struct","fields":[${fields.map((f) => `${f.schema.slice(0, -1)},"field":"${f.name}"}`).join(',')}],"optional":false,"name":"${name}"}`;
// payload text spliced as it is: int64 and decimals must keep every digit
const payloadText = (fields: Array<{ name: string; payload: string }>): string => `{${fields.map((f) => `"${f.name}":${f.payload}`).join(',')}}`;
const wrap = (name: string, fields: Array<{ name: string; schema: string; payload: string }>): string =>
  `{"schema":${schemaText(name, fields)},"payload":${payloadText(fields)}}`;
const seen = new Set<string>();
for (const c of typeCases) {
  const id = `column_${fieldName(c.id)}`;
  if (seen.has(id)) continue;
  seen.add(id);
  cases.push({ id, record: wrap('dbserver1.public.types.Value', [{ name: 'c', schema: c.schema!, payload: c.payload! }]) });
}
goldenDefaults.forEach((d, i) => {
  cases.push({ id: `default_${i}_${fieldName(d.type)}`, record: wrap('dbserver1.public.defaults.Value', [{ name: 'c', schema: d.schema, payload: 'null' }]) });
});

// a wide table in Debezium's envelope: every column type at once, the Value record defined in "before" and
// referred to by name in "after", nested named types (VariableScaleDecimal, Point) reused
const create = debeziumRecords.create;
const wide = typeCases.filter((c) => !c.id.includes('toast')).map((c) => ({ name: `c_${fieldName(c.id)}`, schema: c.schema!, payload: c.payload! }));
const uniqueWide = wide.filter((f, i) => wide.findIndex((g) => g.name === f.name) === i);
const envelope = JSON.parse(create.slice('{"schema":'.length, create.indexOf(',"payload":'))) as { name: string; fields: Array<Record<string, unknown>> };
const valueSchema = JSON.parse(schemaText('dbserver1.public.wide.Value', uniqueWide)) as { fields: unknown };
for (const f of envelope.fields) {
  if (f.field === 'before' || f.field === 'after') {
    f.fields = valueSchema.fields;
    f.name = 'dbserver1.public.wide.Value';
  }
}
envelope.name = 'dbserver1.public.wide.Envelope';
const createPayload = create.slice(create.indexOf(',"payload":') + ',"payload":'.length, -1);
const after = '"after":{"id":1,"name":"Ann"}';
if (!createPayload.includes(after)) throw new Error('the create golden changed: update generate.ts');
cases.push({ id: 'record_wide_create', record: `{"schema":${JSON.stringify(envelope)},"payload":${createPayload.replace(after, `"after":${payloadText(uniqueWide)}`)}}` });

// names Avro refuses (Debezium without schema.name.adjustment.mode=avro fails on them) and ones it takes
const nameCases: Array<[string, string, string]> = [
  ['name_dash_table', 'dbserver1.public.my-table.Value', 'id'],
  ['name_digit_schema', 'dbserver1.1schema.t.Value', 'id'],
  ['name_space_field', 'dbserver1.public.t.Value', 'my col'],
  ['name_unicode', 'dbserver1.public.café.Value', 'größe'],
  ['name_dollar_field', 'dbserver1.public.t.Value', 'a$b'],
];
for (const [id, name, field] of nameCases) {
  cases.push({ id, record: wrap(name, [{ name: field, schema: '{"type":"int32","optional":false}', payload: '1' }]) });
}

const casesFile = path.join(here, 'cases.jsonl');
const casesText = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';

const cpFile = path.join(here, 'target', 'classpath.txt');
execFileSync('mvn', ['-q', '-f', path.join(here, 'pom.xml'), 'dependency:build-classpath', `-Dmdep.outputFile=${cpFile}`], { stdio: 'inherit' });
const output = execFileSync('java', ['-Duser.timezone=UTC', '-Dfile.encoding=UTF-8', '-cp', readFileSync(cpFile, 'utf8').trim(), path.join(here, 'AvroDataGolden.java')], {
  input: casesText, maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'inherit'],
}).toString('utf8');
const results = output.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);

const golden = `// Generated by harness/engine/connect/avro/goldens/generate.ts (see goldens/README.md); do not edit.
// Apicurio Registry 2.6.13's AvroData (Confluent's AvroData, ported) with its default config, on Connect records
// Debezium 3.2.7 produced (cases.jsonl): the Avro schema as Avro 1.12's Schema.toString() prints it (what the
// converter registers), the datum's Avro binary (hex, without the 5-byte header), and the record decoded back
// (GenericDatumReader → AvroData.toConnectData → Kafka 3.9.1's JsonConverter).
export interface AvroGolden { id: string; record: string; avroSchema?: string; avroHex?: string; connectJson?: string; error?: string }

export const avroGoldens: AvroGolden[] = [
${results.map((r, i) => `  ${JSON.stringify({ id: r.id, record: cases[i].record, ...r })},`).join('\n')}
];
`;
const goldenFile = path.join(here, '..', 'avro-data.golden.ts');
if (check) {
  const same = readFileSync(goldenFile, 'utf8') === golden && readFileSync(casesFile, 'utf8') === casesText;
  console.log(same ? 'avro goldens: up to date' : 'avro goldens: differ from the Java run');
  process.exit(same ? 0 : 1);
}
writeFileSync(casesFile, casesText);
writeFileSync(goldenFile, golden);
console.log(`avro goldens: ${results.length} cases, ${results.filter((r) => r.error).length} errors from AvroData`);
