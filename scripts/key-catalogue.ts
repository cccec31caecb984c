// Writes harness/engine/source/key-catalogue.json: every configuration key Debezium 3.2.7's PostgresConnector
// and Kafka Connect's source connector config define, read from their Java sources (Field.create / ConfigDef.define),
// each with the status harness/engine/source/key-status.ts gives it from config-keys.ts.
//
// Regenerate: fetch github:debezium/debezium and github:apache/kafka (the `fetch` tool puts bare git dirs under
// /work/.mirror), then `node scripts/key-catalogue.ts`. Without the mirrors, `node scripts/key-catalogue.ts --statuses`
// keeps the stored key list and only recomputes the statuses (run it after editing config-keys.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { keyStatus, type CatalogueEntry, type KeyCatalogue } from '../harness/engine/index.ts';

const OUT = fileURLToPath(new URL('../harness/engine/source/key-catalogue.json', import.meta.url));
const DEBEZIUM = { git: '/work/.mirror/debezium+debezium/repo', rev: 'v3.2.7.Final' };
// The Kafka mirror has no 3.9.1 tag; 3.9.0-rc3 is the 3.9.0 release, and the connector-level keys are the same in 3.9.1.
const KAFKA = { git: '/work/.mirror/apache+kafka/repo', rev: '3.9.0-rc3' };

const show = (repo: { git: string; rev: string }, path: string): string =>
  execFileSync('git', ['-C', repo.git, 'show', `${repo.rev}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 });

/** Java source with comments removed, so commented-out fields and `//` inside lists do not count. */
const stripComments = (src: string): string => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"])\/\/.*$/gm, '$1');

interface JavaFile { cls: string; src: string; parents: string[] }

/** String and Field constants of a set of Java files, resolved on demand (concatenations of literals and names). */
class Constants {
  private readonly exprs = new Map<string, string>(); // "Class.NAME" -> expression
  private readonly files: JavaFile[];
  constructor(files: JavaFile[]) {
    this.files = files;
    for (const f of files) {
      for (const m of f.src.matchAll(/\b(String|Field)\s+([A-Z][A-Z0-9_]*)\s*=\s*/g)) {
        const expr = m[1] === 'Field' ? firstCreateArgument(f.src, m.index + m[0].length) : f.src.slice(m.index + m[0].length).match(/^[^;]*/)![0];
        if (expr !== undefined) this.exprs.set(`${f.cls}.${m[2]}`, expr.trim());
      }
    }
  }
  /** The value of NAME seen from class `from` (its own constants, then its parents', then any file's). */
  resolve(ref: string, from: string): string {
    const [cls, name] = ref.includes('.') ? (ref.split('.') as [string, string]) : [undefined, ref];
    const order = cls ? [cls] : [from, ...(this.files.find((f) => f.cls === from)?.parents ?? []), ...this.files.map((f) => f.cls)];
    for (const c of order) {
      const expr = this.exprs.get(`${c}.${name}`);
      if (expr !== undefined) return this.evaluate(expr, c);
    }
    throw new Error(`cannot resolve ${ref} from ${from}`);
  }
  private evaluate(expr: string, from: string): string {
    return [...expr.matchAll(/"(?:[^"\\]|\\.)*"|[A-Za-z_][\w.]*/g)]
      .map((m) => m[0])
      .map((t) => (t.startsWith('"') ? JSON.parse(t) as string : this.resolve(t, from)))
      .join('');
  }
}

/** `Field.create(<first argument>, …)` at `at`: the first argument's text (strings may hold parentheses and commas). */
function firstCreateArgument(src: string, at: number): string | undefined {
  const head = src.slice(at).match(/^Field\.create(?:Internal)?\(/);
  if (!head) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = at + head[0].length; i < src.length; i++) {
    const c = src[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if ((c === ')' || c === ',') && depth === 0) return src.slice(at + head[0].length, i);
  }
  return undefined;
}

/** The identifiers passed to .type/.events/.connector (added) and .excluding (removed) of a CONFIG_DEFINITION, in order. */
function configDefinitionOps(f: JavaFile): { op: 'add' | 'remove'; ref: string }[] {
  const block = f.src.match(/CONFIG_DEFINITION\s*=\s*([\s\S]*?)\.create\(\);/)?.[1];
  if (!block) throw new Error(`${f.cls}: no CONFIG_DEFINITION`);
  const ops: { op: 'add' | 'remove'; ref: string }[] = [];
  for (const m of block.matchAll(/\.(type|events|connector|excluding)\(([^)]*)\)/g)) {
    for (const ref of m[2]!.split(',').map((s) => s.trim()).filter(Boolean)) ops.push({ op: m[1] === 'excluding' ? 'remove' : 'add', ref });
  }
  return ops;
}

function debeziumKeys(): CatalogueEntry[] {
  const paths: Record<string, [string, string[]]> = {
    PostgresConnectorConfig: ['debezium-connector-postgres/src/main/java/io/debezium/connector/postgresql/PostgresConnectorConfig.java', ['RelationalDatabaseConnectorConfig', 'CommonConnectorConfig']],
    RelationalDatabaseConnectorConfig: ['debezium-core/src/main/java/io/debezium/relational/RelationalDatabaseConnectorConfig.java', ['CommonConnectorConfig']],
    CommonConnectorConfig: ['debezium-core/src/main/java/io/debezium/config/CommonConnectorConfig.java', []],
    ConfigurationNames: ['debezium-common/src/main/java/io/debezium/config/ConfigurationNames.java', []],
    JdbcConfiguration: ['debezium-core/src/main/java/io/debezium/jdbc/JdbcConfiguration.java', []],
    Heartbeat: ['debezium-core/src/main/java/io/debezium/heartbeat/Heartbeat.java', []],
    DatabaseHeartbeatImpl: ['debezium-core/src/main/java/io/debezium/heartbeat/DatabaseHeartbeatImpl.java', []],
    SinkNotificationChannel: ['debezium-core/src/main/java/io/debezium/pipeline/notification/channels/SinkNotificationChannel.java', []],
    OpenLineageConfig: ['debezium-openlineage/debezium-openlineage-api/src/main/java/io/debezium/openlineage/OpenLineageConfig.java', []],
    AbstractTopicNamingStrategy: ['debezium-core/src/main/java/io/debezium/schema/AbstractTopicNamingStrategy.java', []],
  };
  const files = Object.entries(paths).map(([cls, [path, parents]]) => ({ cls, src: stripComments(show(DEBEZIUM, path)), parents }));
  const consts = new Constants(files);
  const byName = new Map<string, CatalogueEntry>();
  // Connect sees PostgresConnector.config() = PostgresConnectorConfig.configDef(): Common's CONFIG_DEFINITION, edited by
  // Relational's, edited by Postgres's (with its .excluding calls).
  for (const cls of ['CommonConnectorConfig', 'RelationalDatabaseConnectorConfig', 'PostgresConnectorConfig']) {
    const f = files.find((x) => x.cls === cls)!;
    for (const { op, ref } of configDefinitionOps(f)) {
      const name = consts.resolve(ref, cls);
      const owner = ref.includes('.') ? ref.split('.')[0]! : ownerOf(files, ref, cls);
      if (op === 'remove') byName.delete(name);
      else byName.set(name, { name, kind: name.includes('(') ? 'pattern' : 'key', origin: owner, internal: isInternal(files, owner, ref) });
    }
  }
  // Fields these classes define that Debezium reads (config.getXxx(Field)) though Connect's ConfigDef does not list them
  // (money.fraction.digits, read.only, field.name.adjustment.mode, …), and the default topic naming strategy's own keys.
  for (const cls of ['PostgresConnectorConfig', 'RelationalDatabaseConnectorConfig', 'CommonConnectorConfig', 'AbstractTopicNamingStrategy']) {
    for (const m of files.find((f) => f.cls === cls)!.src.matchAll(/Field\s+([A-Z_]+)\s*=\s*Field\.create(Internal)?\(/g)) {
      const name = consts.resolve(`${cls}.${m[1]}`, cls);
      if (!byName.has(name)) byName.set(name, { name, kind: name.includes('(') ? 'pattern' : 'key', origin: `${cls} (not in the ConfigDef)`, internal: m[2] !== undefined });
    }
  }
  // Field names of the column mappers are regexes in Debezium's source ("column.mask.with.(d+).chars"); keep them
  // as patterns, and the per-value prefixes Debezium reads below a key (converters.<name>.*, …) as prefixes.
  // (converters.<name>.type, the reselect post processor's keys, snapshot.select.statement.overrides.<table>, the
  // signal and notification channels' own keys such as signal.kafka.topic)
  for (const p of ['converters.', 'post.processors.', 'snapshot.select.statement.overrides.', 'signal.', 'notification.']) {
    byName.set(`${p}*`, { name: `${p}*`, kind: 'prefix', origin: 'CommonConnectorConfig', internal: false });
  }
  return [...byName.values()];
}

function ownerOf(files: JavaFile[], ref: string, from: string): string {
  const f = files.find((x) => x.cls === from)!;
  for (const c of [from, ...f.parents]) {
    const src = files.find((x) => x.cls === c)!.src;
    if (new RegExp(`Field\\s+${ref}\\s*=`).test(src)) return c;
  }
  return from;
}

function isInternal(files: JavaFile[], owner: string, ref: string): boolean {
  const name = ref.split('.').at(-1)!;
  return new RegExp(`Field\\s+${name}\\s*=\\s*Field\\.createInternal\\(`).test(files.find((f) => f.cls === owner)?.src ?? '');
}

function kafkaKeys(): CatalogueEntry[] {
  const base = 'connect/runtime/src/main/java/org/apache/kafka/connect/runtime/';
  const files: JavaFile[] = [
    { cls: 'ConnectorConfig', src: stripComments(show(KAFKA, `${base}ConnectorConfig.java`)), parents: [] },
    { cls: 'SourceConnectorConfig', src: stripComments(show(KAFKA, `${base}SourceConnectorConfig.java`)), parents: ['ConnectorConfig'] },
    { cls: 'WorkerConfig', src: stripComments(show(KAFKA, `${base}WorkerConfig.java`)), parents: [] },
    { cls: 'TopicCreationConfig', src: stripComments(show(KAFKA, `${base}TopicCreationConfig.java`)), parents: [] },
    { cls: 'JsonConverterConfig', src: stripComments(show(KAFKA, 'connect/json/src/main/java/org/apache/kafka/connect/json/JsonConverterConfig.java')), parents: [] },
    { cls: 'SourceTask', src: stripComments(show(KAFKA, 'connect/api/src/main/java/org/apache/kafka/connect/source/SourceTask.java')), parents: [] },
    { cls: 'ConverterConfig', src: stripComments(show(KAFKA, 'connect/api/src/main/java/org/apache/kafka/connect/storage/ConverterConfig.java')), parents: [] },
  ];
  const consts = new Constants(files);
  const out: CatalogueEntry[] = [];
  const defines = (f: JavaFile): string[] => [...f.src.matchAll(/\.define\(\s*([A-Za-z_.]+)\s*,/g)].map((m) => m[1]!);
  for (const cls of ['ConnectorConfig', 'SourceConnectorConfig']) {
    const f = files.find((x) => x.cls === cls)!;
    for (const ref of defines(f)) {
      // TransformationStage.PREDICATE_CONFIG / NEGATE_CONFIG are defined per transform alias below
      // (and per-alias locals such as typeConfig)
      if (ref.startsWith('TransformationStage.') || !/^[A-Z0-9_]+$/.test(ref.split('.').at(-1)!)) continue;
      out.push({ name: consts.resolve(ref, cls), kind: 'key', origin: cls, internal: false });
    }
  }
  // the worker-level key this engine reads per connector (the worker's offset commit interval)
  out.push({ name: consts.resolve('OFFSET_COMMIT_INTERVAL_MS_CONFIG', 'WorkerConfig'), kind: 'key', origin: 'WorkerConfig', internal: false });
  // JsonConverter's own keys, as Connect passes them: key.converter.<key> / value.converter.<key> (Plugins.newConverter)
  const json = files.find((f) => f.cls === 'JsonConverterConfig')!;
  for (const side of ['key.converter.', 'value.converter.']) {
    for (const ref of defines(json)) out.push({ name: side + consts.resolve(ref, 'JsonConverterConfig'), kind: 'key', origin: 'JsonConverterConfig', internal: false });
  }
  // Keys Connect reads under a prefix it defines (ConnectorConfig.enrich, SourceConnectorConfig.enrich,
  // ConnectorConfig's client override prefixes, Plugins.newConverter/newHeaderConverter).
  const prefixes: [string, string][] = [
    ['transforms.*', 'ConnectorConfig'],
    ['predicates.*', 'ConnectorConfig'],
    ['key.converter.*', 'ConnectorConfig'],
    ['value.converter.*', 'ConnectorConfig'],
    ['header.converter.*', 'ConnectorConfig'],
    [`${consts.resolve('TOPIC_CREATION_PREFIX', 'SourceConnectorConfig')}*`, 'SourceConnectorConfig'],
    [`${consts.resolve('CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX', 'ConnectorConfig')}*`, 'ConnectorConfig'],
    [`${consts.resolve('CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX', 'ConnectorConfig')}*`, 'ConnectorConfig'],
    [`${consts.resolve('CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX', 'ConnectorConfig')}*`, 'ConnectorConfig'],
  ];
  for (const [name, origin] of prefixes) out.push({ name, kind: 'prefix', origin, internal: false });
  return out;
}

function main(): void {
  const statusesOnly = process.argv.includes('--statuses');
  let entries: CatalogueEntry[];
  let sources: KeyCatalogue['sources'];
  if (statusesOnly) {
    const old = JSON.parse(readFileSync(OUT, 'utf8')) as KeyCatalogue;
    entries = old.keys.map(({ name, kind, origin, internal }) => ({ name, kind, origin, internal }));
    sources = old.sources;
  } else {
    const merged = new Map<string, CatalogueEntry>();
    for (const e of [...kafkaKeys(), ...debeziumKeys()]) {
      const had = merged.get(e.name);
      // errors.max.retries is both Debezium's (CommonConnectorConfig) and a name Connect knows: keep both origins
      merged.set(e.name, had ? { ...had, origin: `${had.origin}, ${e.origin}` } : e);
    }
    entries = [...merged.values()].sort((a, b) => a.name.localeCompare(b.name));
    sources = { debezium: `debezium/debezium ${DEBEZIUM.rev}`, kafka: `apache/kafka ${KAFKA.rev} (3.9.0)` };
  }
  const catalogue: KeyCatalogue = {
    comment: 'Generated by scripts/key-catalogue.ts from Debezium\'s and Kafka\'s Java sources; statuses from harness/engine/source/config-keys.ts. Regenerate with `node scripts/key-catalogue.ts` (needs the /work/.mirror git dirs) or `node scripts/key-catalogue.ts --statuses` (statuses only). Do not edit by hand.',
    sources,
    keys: entries.map((e) => ({ ...e, ...keyStatus(e.name) })),
  };
  writeFileSync(OUT, `${JSON.stringify(catalogue, null, 2)}\n`);
  const count = (s: string) => catalogue.keys.filter((k) => k.status === s).length;
  console.log(`${catalogue.keys.length} keys: ${count('implemented')} implemented, ${count('accepted-no-effect')} accepted with no effect, ${count('refused')} refused, ${count('unclassified')} unclassified -> ${OUT}`);
}

main();
