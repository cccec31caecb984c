// `npm run goldens [-- --check]`: regenerates the engine's golden files from a real run of Debezium 3.2.7.Final's
// and Kafka 3.9.1's own classes (the Maven project in harness/engine/events/goldens, see its README.md).
//   harness/engine/events/type-map.golden.ts       ← TypeMapGolden over harness/engine/events/goldens/cases/*.tsv
//   harness/engine/events/event-builder.golden.ts  ← EventRecordGolden
//   harness/engine/events/column-mappers.golden.ts ← ColumnMapperGolden over harness/engine/events/goldens/cases/column-mappers.tsv
//   harness/engine/events/goldens/probes.txt       ← ConfigProbe, TopicNamingProbe, HeaderGolden (values the engine
//                                             tests hold inline; the script checks that they still do)
// --check writes nothing and exits 1 when a generated file would change (CI: goldens match the Java run).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findMaven, findToolchain } from '../harness/runtime/native/toolchain.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const engineDir = path.join(root, 'harness/engine');
const eventsDir = path.join(engineDir, 'events');
const goldensDir = path.join(eventsDir, 'goldens');
const pom = path.join(goldensDir, 'pom.xml');
const check = process.argv.includes('--check');
const unknown = process.argv.slice(2).filter((a) => a !== '--check');
if (unknown.length) {
  console.error(`unknown arguments: ${unknown.join(' ')}\nusage: npm run goldens [-- --check]`);
  process.exit(2);
}

interface Run { code: number | null; stdout: string; stderr: string }

function run(cmd: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input ?? '');
  });
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// ---- build: compile the generator and ask Maven for its runtime classpath ----

const { java } = await findToolchain();
const mvn = await findMaven((line) => console.log(line));
const build = await run(mvn, ['-q', '-B', '-f', pom, 'compile', 'dependency:build-classpath']);
if (build.code !== 0) fail(`mvn -f ${path.relative(root, pom)} compile dependency:build-classpath failed (exit ${build.code}):\n${build.stdout}${build.stderr}`);
const classpath = [path.join(goldensDir, 'target/classes'), readFileSync(path.join(goldensDir, 'target/classpath.txt'), 'utf8').trim()].join(path.delimiter);

// Fixed JVM defaults: the outputs must not depend on the machine's zone, locale or charset.
const jvmFlags = ['-Duser.timezone=UTC', '-Duser.language=en', '-Duser.country=US', '-Dfile.encoding=UTF-8', '-Dsun.stdout.encoding=UTF-8', '-Dsun.stderr.encoding=UTF-8'];

async function runJava(mainClass: string, input?: string): Promise<string[]> {
  const r = await run(java, [...jvmFlags, '-cp', classpath, mainClass], input);
  if (r.code !== 0) fail(`${mainClass} failed (exit ${r.code}):\n${r.stderr}`);
  const lines = r.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

// ---- case files ----

/** One line of a case file: an id, then the columns TypeMapGolden reads (see TypeMapGolden.java). */
interface CaseRow {
  id: string;
  config: string;
  type: string;
  typeMod: number;
  nullable: boolean;
  element: string;
  enumValues: string;
  value: string;
  defaultExpression?: string;
  /** the line piped to TypeMapGolden: every column but the id */
  javaLine: string;
}

function readCases(name: string): CaseRow[] {
  const file = path.join(goldensDir, 'cases', name);
  return readFileSync(file, 'utf8').split('\n').flatMap((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return [];
    const p = line.split('\t');
    if (p.length !== 10 && p.length !== 11) fail(`${path.relative(root, file)}:${i + 1}: expected 10 or 11 tab-separated columns, found ${p.length}`);
    const [id, config, type, , , typeMod, optional, element, enumValues, value, defaultExpression] = p;
    return [{ id, config, type, typeMod: Number(typeMod), nullable: optional === 'true', element, enumValues, value, defaultExpression, javaLine: p.slice(1).join('\t') }];
  });
}

/** TypeMapGolden's JsonConverter line for struct R {c}, split into c's field schema (without "field") and c's JSON. */
function splitRecord(line: string, id: string): { schema: string; payload: string } {
  const head = '{"schema":{"type":"struct","fields":[';
  const middle = ',"field":"c"}],"optional":true,"name":"R"},"payload":{"c":';
  const at = line.indexOf(middle);
  if (!line.startsWith(head) || at < 0 || !line.endsWith('}}')) fail(`${id}: unexpected TypeMapGolden output: ${line}`);
  return { schema: line.slice(head.length, at) + '}', payload: line.slice(at + middle.length, -2) };
}

async function generate(files: string[]): Promise<Map<string, { row: CaseRow; out: string }[]>> {
  const rows = files.map(readCases);
  const lines = await runJava('dev.cdclabs.goldens.TypeMapGolden', rows.flat().map((r) => r.javaLine + '\n').join(''));
  const total = rows.reduce((n, r) => n + r.length, 0);
  if (lines.length !== total) fail(`TypeMapGolden printed ${lines.length} lines for ${total} cases`);
  const result = new Map<string, { row: CaseRow; out: string }[]>();
  let next = 0;
  files.forEach((f, i) => result.set(f, rows[i].map((row) => ({ row, out: lines[next++] }))));
  return result;
}

// ---- rendering (the files keep the layout they were first committed with: one case per line) ----

/** JSON with ", " and ": " separators, members in insertion order. */
function pyJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}

function textValue(v: string): string | null {
  return v === '\\N' ? null : v === '\\T' ? 'TOAST' : v;
}

function caseEntry({ row, out }: { row: CaseRow; out: string }): string {
  const c: Record<string, unknown> = { id: row.id };
  if (row.config) c.cfg = Object.fromEntries(row.config.split(',').map((kv) => kv.split('=')));
  Object.assign(c, { type: row.type, typeMod: row.typeMod, nullable: row.nullable });
  if (row.element !== '-') c.element = row.element.split('/')[0];
  if (row.enumValues !== '-') c.enumValues = row.enumValues.split(',');
  c.value = textValue(row.value);
  if (out === 'SKIPPED') Object.assign(c, { expect: 'skipped', debeziumSays: out });
  else if (out.startsWith('ERROR ')) Object.assign(c, { expect: 'error', debeziumSays: out });
  else Object.assign(c, splitRecord(out, row.id));
  return `  ${pyJson(c)},`;
}

function defaultEntry({ row, out }: { row: CaseRow; out: string }): string {
  if (!row.defaultExpression) fail(`${row.id}: no default expression`);
  if (out === 'SKIPPED' || out.startsWith('ERROR ')) fail(`${row.id}: ${out}`);
  const d: Record<string, unknown> = { type: row.type, typeMod: row.typeMod, nullable: row.nullable, defaultExpression: row.defaultExpression, schema: splitRecord(out, row.id).schema };
  if (row.enumValues !== '-') d.enumValues = row.enumValues.split(',');
  return `  ${pyJson(d)},`;
}

const TYPE_MAP_HEAD = `// Generated by npm run goldens from harness/engine/events/goldens (cases and Java sources, see its README.md); do not edit.
// Expected outputs generated by running Debezium 3.2.7.Final's own classes, not written by hand:
// io.debezium.connector.postgresql.connection.ReplicationMessageColumnValueResolver (the pgoutput path) →
// io.debezium.connector.postgresql.PostgresValueConverter.schemaBuilder/converter → Kafka 3.9.1's
// org.apache.kafka.connect.json.JsonConverter (schemas.enable=true), one single-column struct per case;
// 'schema' is the column's field schema without its "field" name and 'payload' the column's JSON value.
// Column length/scale were set as pgjdbc 42.7.7's TypeInfoCache reports them (unconstrained numeric: 131089/0).
// Unchanged TOAST inputs went through UnchangedToastedReplicationMessageColumn.getValue.
export interface GoldenCase {
  id: string;
  cfg?: Record<string, string>;
  type: string;
  typeMod: number;
  nullable: boolean;
  element?: string;
  enumValues?: string[];
  /** PostgreSQL text; null = SQL NULL; 'TOAST' = unchanged TOASTed value */
  value: string | null;
  expect?: 'skipped' | 'error';
  debeziumSays?: string;
  schema?: string;
  payload?: string;
}

export const goldenCases: GoldenCase[] = [`;

const DEFAULTS_HEAD = `// Column defaults: Debezium 3.2.7's PostgresDefaultValueConverter.parseDefaultValue on the same column,
// then the JsonConverter's field schema (the "default" member is what these cases pin down).
export interface GoldenDefault {
  type: string;
  typeMod: number;
  nullable: boolean;
  enumValues?: string[];
  defaultExpression: string;
  schema: string;
}

export const goldenDefaults: GoldenDefault[] = [`;

const EXTENSIONS_HEAD = `// Extension types (hstore, ltree, citext): same generator, with the TypeRegistry's extension OIDs set.
export const goldenExtensionCases: GoldenCase[] = [`;

const TEMPORAL_HEAD = `// Temporal edge values (±infinity, BC years, years past 9999): same generator.
export const goldenTemporalEdgeCases: GoldenCase[] = [`;

const EVENT_HEAD = `// Generated by npm run goldens from harness/engine/events/goldens (cases and Java sources, see its README.md); do not edit.
// Expected records produced by Debezium 3.2.7.Final's own classes and Kafka 3.9.1's JsonConverter /
// SimpleHeaderConverter (PostgresSourceInfoStructMaker + SourceInfo, Envelope.defineSchema()...withTransaction,
// SchemaFactory heartbeat/transaction schemas), for table public.customers(id int4 NOT NULL DEFAULT 0 PRIMARY KEY,
// name text), topic.prefix=dbserver1, database.dbname=inventory, commit at 1700000000.123456 s, txId 767,
// lsn 33227720, last commit lsn 33227000, processing instant 1700000001.987654321 s.
export const debeziumRecords: Record<string, string> = {`;

const block = (head: string, entries: string[]) => [head, ...entries, '];'].join('\n');

const caseFiles = ['type-map.tsv', 'defaults.tsv', 'extensions.tsv', 'temporal-edges.tsv'];
const results = await generate(caseFiles);
const typeMap = [
  block(TYPE_MAP_HEAD, results.get('type-map.tsv')!.map(caseEntry)),
  block(DEFAULTS_HEAD, results.get('defaults.tsv')!.map(defaultEntry)),
  block(EXTENSIONS_HEAD, results.get('extensions.tsv')!.map(caseEntry)),
  block(TEMPORAL_HEAD, results.get('temporal-edges.tsv')!.map(caseEntry)),
].join('\n\n') + '\n';

// Column mappers: config entries separated by ';' (regex lists hold commas), each split at its first '='.
const MAPPERS_HEAD = `// Generated by npm run goldens from harness/engine/events/goldens (cases and Java sources, see its README.md); do not edit.
// Expected outputs of Debezium 3.2.7.Final's column mappers (io.debezium.relational.mapping.ColumnMappers.create →
// mapperFor/alterFieldSchema/mappingConverterFor: MaskStrings, TruncateColumn, PropagateSourceMetadataToSchemaParameter)
// over one column c of table public.t built as pgoutput's ColumnMetaData builds it (length and scale from pgjdbc 42.7.7's
// TypeInfoCache, unknownLength Integer.MAX_VALUE), after PostgresValueConverter, through Kafka 3.9.1's JsonConverter.
import type { GoldenCase } from './type-map.golden.ts';

export const goldenMapperCases: GoldenCase[] = [`;
const mapperRows = readCases('column-mappers.tsv');
const mapperLines = await runJava('dev.cdclabs.goldens.ColumnMapperGolden', mapperRows.map((r) => r.javaLine + '\n').join(''));
if (mapperLines.length !== mapperRows.length) fail(`ColumnMapperGolden printed ${mapperLines.length} lines for ${mapperRows.length} cases`);
const mapperEntries = mapperRows.map((row, i) => {
  const cfg = Object.fromEntries(row.config.split(';').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  return caseEntry({ row: { ...row, config: '' }, out: mapperLines[i] }).replace(/^  \{"id": ("[^"]*"), /, (_, id: string) => `  {"id": ${id}, "cfg": ${pyJson(cfg)}, `);
});
const columnMappers = block(MAPPERS_HEAD, mapperEntries) + '\n';

const records = (await runJava('io.debezium.connector.postgresql.EventRecordGolden')).map((line) => {
  const tab = line.indexOf('\t');
  if (tab < 0) fail(`unexpected EventRecordGolden output: ${line}`);
  return `  ${JSON.stringify(line.slice(0, tab))}: ${JSON.stringify(line.slice(tab + 1))}`;
});
const eventBuilder = `${EVENT_HEAD}\n${records.join(',\n')}\n};\n`;

const probes: string[] = [];
const probeOutput: Record<string, string[]> = {};
for (const probe of ['ConfigProbe', 'TopicNamingProbe', 'HeaderGolden']) {
  probeOutput[probe] = await runJava(`dev.cdclabs.goldens.${probe}`);
  probes.push(`# ${probe}`, ...probeOutput[probe]);
}
const probesText = probes.join('\n') + '\n';

// ---- inline expectations: tests that hold a probe's output in their own source ----

/** A single-quoted TypeScript string literal, as the tests write them. */
const tsLiteral = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const inline: { file: string; expected: string; from: string }[] = [
  { file: 'connect/header-format.test.ts', expected: tsLiteral(probeOutput.HeaderGolden[0]), from: 'HeaderGolden' },
  { file: 'events/event-builder.test.ts', expected: tsLiteral(probeOutput.TopicNamingProbe[1]), from: 'TopicNamingProbe (dataChangeTopic)' },
  { file: 'events/event-builder.test.ts', expected: tsLiteral(probeOutput.TopicNamingProbe[3]), from: 'TopicNamingProbe (heartbeatTopic)' },
];
const stale = inline.filter(({ file, expected }) => !readFileSync(path.join(engineDir, file), 'utf8').includes(expected));

// ---- write or compare ----

const outputs: [string, string][] = [
  [path.join(eventsDir, 'type-map.golden.ts'), typeMap],
  [path.join(eventsDir, 'event-builder.golden.ts'), eventBuilder],
  [path.join(eventsDir, 'column-mappers.golden.ts'), columnMappers],
  [path.join(goldensDir, 'probes.txt'), probesText],
];
const counts = caseFiles.map((f) => `${results.get(f)!.length} ${f.replace('.tsv', '')}`).join(', ');
let changed = 0;
for (const [file, text] of outputs) {
  const same = existsSync(file) && readFileSync(file, 'utf8') === text;
  if (!same) changed++;
  if (!same && !check) writeFileSync(file, text);
  console.log(`${path.relative(root, file)}: ${same ? 'unchanged' : check ? 'DIFFERS from the Java run' : 'rewritten'}`);
}
console.log(`cases: ${counts}, ${mapperRows.length} column-mappers; ${records.length} event records; ${Object.keys(probeOutput).length} probes`);
for (const s of stale) console.error(`${path.relative(root, path.join(engineDir, s.file))} no longer holds ${s.from}'s output ${s.expected}`);
if (stale.length || (check && changed)) process.exit(1);
