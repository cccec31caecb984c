// Debezium 3.2 PostgresConnector configuration: keys, defaults and validation, copied from
// io.debezium.connector.postgresql.PostgresConnectorConfig and io.debezium.config.CommonConnectorConfig.
// Every problem is collected first and thrown together (ConfigErrors) before anything touches a database.
import { ConfigError, ConfigErrors } from '../errors.ts';
import { compileRegexList, matchesAny, parseMessageKeyColumns, type KeyColumnsRule } from './config-filters.ts';

export { ConfigError, ConfigErrors } from '../errors.ts';

import { JSON_CONVERTER_CLASS, POSTGRES_CONNECTOR_CLASS } from '../connector-classes.ts';

export { JSON_CONVERTER_CLASS, POSTGRES_CONNECTOR_CLASS };

export type DecimalHandlingMode = 'precise' | 'double' | 'string';
export type TimePrecisionMode = 'adaptive' | 'adaptive_time_microseconds' | 'connect';
export type BinaryHandlingMode = 'bytes' | 'base64' | 'base64-url-safe' | 'hex';
export type IntervalHandlingMode = 'numeric' | 'string';
export type HStoreHandlingMode = 'json' | 'map';
export type PublicationAutocreateMode = 'all_tables' | 'disabled' | 'filtered';
/** Every mode but custom runs (snapshot-mode.ts decides what a start does). */
export type SnapshotMode = 'initial' | 'no_data' | 'initial_only' | 'always' | 'when_needed' | 'configuration_based' | 'custom';
export type SkippedOperation = 'c' | 'u' | 'd' | 't';

export interface PostgresConnectorConfig {
  name: string;
  connectorClass: string;
  hostname: string;
  port: number;
  user: string;
  password: string | undefined;
  dbname: string;
  topicPrefix: string;
  pluginName: 'pgoutput';
  slotName: string;
  publicationName: string;
  publicationAutocreateMode: PublicationAutocreateMode;
  tableIncludeList: string[];
  tableExcludeList: string[];
  columnIncludeList: string[];
  columnExcludeList: string[];
  tombstonesOnDelete: boolean;
  decimalHandlingMode: DecimalHandlingMode;
  timePrecisionMode: TimePrecisionMode;
  binaryHandlingMode: BinaryHandlingMode;
  intervalHandlingMode: IntervalHandlingMode;
  hstoreHandlingMode: HStoreHandlingMode;
  moneyFractionDigits: number;
  includeUnknownDatatypes: boolean;
  unavailableValuePlaceholder: string;
  provideTransactionMetadata: boolean;
  /** topic.transaction: suffix of the transaction metadata topic */
  topicTransaction: string;
  topicDelimiter: string;
  messageKeyColumns: KeyColumnsRule[];
  heartbeatIntervalMs: number;
  heartbeatActionQuery: string | undefined;
  heartbeatTopicsPrefix: string;
  snapshotMode: SnapshotMode;
  /** snapshot.mode.configuration.based.* (used when snapshot.mode=configuration_based) */
  snapshotConfigurationBased: {
    snapshotData: boolean;
    snapshotSchema: boolean;
    startStream: boolean;
    snapshotOnSchemaError: boolean;
    snapshotOnDataError: boolean;
  };
  /** skip.messages.without.change: drop updates whose before equals after */
  skipMessagesWithoutChange: boolean;
  /** skipped.operations; Debezium's default skips truncate ('t') */
  skippedOperations: Set<SkippedOperation>;
  keyConverter: string;
  valueConverter: string;
  keySchemasEnable: boolean;
  valueSchemasEnable: boolean;
  /** non-fatal notes (deprecated values) to log at start */
  warnings: string[];
  schemaIncludeList: string[];
  schemaExcludeList: string[];
  /** the map as given (Connect passes unknown keys through) */
  raw: Readonly<Record<string, unknown>>;
  includesTable(schema: string, table: string): boolean;
  includesColumn(schema: string, table: string, column: string): boolean;
  /** explicit key columns from message.key.columns for this table, or undefined to use the primary key */
  keyColumnsFor(schema: string, table: string): string[] | undefined;
  /** raw with database.password hidden, for logs and status output */
  masked(): Record<string, unknown>;
}

// Debezium never captures the system schemas (PostgresConnectorConfig's built-in table filter).
const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema']);
const isSystemSchema = (s: string): boolean =>
  SYSTEM_SCHEMAS.has(s) || s.startsWith('pg_toast') || s.startsWith('pg_temp');

const SNAPSHOT_MODES: SnapshotMode[] = ['initial', 'no_data', 'initial_only', 'always', 'when_needed', 'configuration_based', 'custom'];
const SNAPSHOT_MODES_RUNNABLE: SnapshotMode[] = ['initial', 'no_data', 'initial_only', 'always', 'when_needed', 'configuration_based'];

class Reader {
  readonly errors: ConfigError[] = [];
  readonly warnings: string[] = [];
  private readonly raw: Record<string, unknown>;
  constructor(raw: Record<string, unknown>) {
    this.raw = raw;
  }

  has(key: string): boolean {
    const v = this.raw[key];
    return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
  }
  str(key: string, def: string): string;
  str(key: string, def?: string): string | undefined;
  str(key: string, def?: string): string | undefined {
    if (!this.has(key)) return def;
    const v = this.raw[key];
    if (typeof v === 'string') return v.trim();
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.errors.push(new ConfigError(key, `expected a string, got ${typeof v}`));
    return def;
  }
  required(key: string): string {
    const v = this.str(key);
    if (v === undefined) {
      this.errors.push(new ConfigError(key, 'is required'));
      return '';
    }
    return v;
  }
  bool(key: string, def: boolean): boolean {
    if (!this.has(key)) return def;
    const v = this.raw[key];
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
    this.errors.push(new ConfigError(key, `expected a boolean, got ${JSON.stringify(v)}`, ['true', 'false']));
    return def;
  }
  int(key: string, def: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    if (!this.has(key)) return def;
    const v = this.raw[key];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.errors.push(new ConfigError(key, `expected an integer between ${min} and ${max}, got ${JSON.stringify(v)}`));
      return def;
    }
    return n;
  }
  oneOf<T extends string>(key: string, allowed: readonly T[], def: T): T {
    const v = this.str(key);
    if (v === undefined) return def;
    // Debezium's EnumeratedValue.parse is case-insensitive
    const found = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (!found) {
      this.errors.push(new ConfigError(key, `invalid value ${JSON.stringify(v)}`, [...allowed]));
      return def;
    }
    return found;
  }
  list(key: string): string[] {
    const v = this.str(key);
    if (v === undefined) return [];
    return v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  }
}

export function parseConnectorConfig(raw: Record<string, unknown>): PostgresConnectorConfig {
  const r = new Reader(raw);

  const connectorClass = r.str('connector.class', POSTGRES_CONNECTOR_CLASS);
  if (connectorClass !== POSTGRES_CONNECTOR_CLASS) {
    r.errors.push(new ConfigError('connector.class', `only the PostgreSQL connector is implemented, got ${connectorClass}`, [POSTGRES_CONNECTOR_CLASS]));
  }
  // plugin.name: Debezium defaults to decoderbufs, which this engine cannot speak. A missing plugin.name is
  // accepted here as pgoutput (so the seeds' configs that set it keep working, and minimal configs work);
  // an explicit other value is an error telling the user to set pgoutput.
  const plugin = r.str('plugin.name', 'pgoutput');
  if (plugin.toLowerCase() !== 'pgoutput') {
    r.errors.push(new ConfigError('plugin.name', `"${plugin}" is not supported by this engine; set "plugin.name": "pgoutput"`, ['pgoutput']));
  }

  const schemaIncludeList = r.list('schema.include.list');
  const schemaExcludeList = r.list('schema.exclude.list');
  if (schemaIncludeList.length > 0 && schemaExcludeList.length > 0) {
    r.errors.push(new ConfigError('schema.exclude.list', '"schema.include.list" is already specified; set only one of the two'));
  }
  const schemaInc = compileRegexList('schema.include.list', schemaIncludeList, r.errors);
  const schemaExc = compileRegexList('schema.exclude.list', schemaExcludeList, r.errors);
  const tableIncludeList = r.list('table.include.list');
  const tableExcludeList = r.list('table.exclude.list');
  if (tableIncludeList.length > 0 && tableExcludeList.length > 0) {
    // CommonConnectorConfig/RelationalDatabaseConnectorConfig: "Table include list is already specified"
    r.errors.push(new ConfigError('table.exclude.list', '"table.include.list" is already specified; set only one of the two'));
  }
  const columnIncludeList = r.list('column.include.list');
  const columnExcludeList = r.list('column.exclude.list');
  if (columnIncludeList.length > 0 && columnExcludeList.length > 0) {
    r.errors.push(new ConfigError('column.exclude.list', '"column.include.list" is already specified; set only one of the two'));
  }
  const tableInc = compileRegexList('table.include.list', tableIncludeList, r.errors);
  const tableExc = compileRegexList('table.exclude.list', tableExcludeList, r.errors);
  const colInc = compileRegexList('column.include.list', columnIncludeList, r.errors);
  const colExc = compileRegexList('column.exclude.list', columnExcludeList, r.errors);
  const messageKeyColumns = parseMessageKeyColumns(r.str('message.key.columns'), r.errors);

  let snapshotMode: SnapshotMode;
  const rawSnapshot = r.str('snapshot.mode');
  if (rawSnapshot !== undefined && rawSnapshot.toLowerCase() === 'never') {
    // Debezium: "never" is a deprecated alias of "no_data"
    r.warnings.push('snapshot.mode "never" is deprecated; use "no_data"');
    snapshotMode = 'no_data';
  } else {
    snapshotMode = r.oneOf('snapshot.mode', SNAPSHOT_MODES, 'initial');
    if (!SNAPSHOT_MODES_RUNNABLE.includes(snapshotMode)) {
      r.errors.push(new ConfigError('snapshot.mode', `"${snapshotMode}" is not implemented yet by this engine`, SNAPSHOT_MODES_RUNNABLE));
    }
  }

  const skipped = new Set<SkippedOperation>();
  const skippedRaw = r.list('skipped.operations');
  for (const op of (r.has('skipped.operations') ? skippedRaw : ['t'])) {
    const o = op.toLowerCase();
    if (o === 'none') continue;
    if (o === 'c' || o === 'u' || o === 'd' || o === 't') skipped.add(o);
    else r.errors.push(new ConfigError('skipped.operations', `invalid operation ${JSON.stringify(op)}`, ['c', 'u', 'd', 't', 'none']));
  }

  const keyConverter = r.str('key.converter', JSON_CONVERTER_CLASS);
  const valueConverter = r.str('value.converter', JSON_CONVERTER_CLASS);
  for (const [k, v] of [['key.converter', keyConverter], ['value.converter', valueConverter]] as const) {
    if (v !== JSON_CONVERTER_CLASS) r.errors.push(new ConfigError(k, `converter ${v} is not supported`, [JSON_CONVERTER_CLASS]));
  }

  const topicPrefix = r.required('topic.prefix');
  if (topicPrefix && !/^[a-zA-Z0-9._-]+$/.test(topicPrefix)) {
    // CommonConnectorConfig.TOPIC_PREFIX validator: only alphanumerics, '.', '_' and '-'
    r.errors.push(new ConfigError('topic.prefix', `"${topicPrefix}" has characters Kafka topic names cannot hold (use letters, digits, '.', '_', '-')`));
  }

  const cfg: PostgresConnectorConfig = {
    name: r.str('name', topicPrefix || 'postgres-connector'),
    connectorClass,
    hostname: r.required('database.hostname'),
    port: r.int('database.port', 5432, 1, 65535),
    user: r.required('database.user'),
    password: r.str('database.password'),
    dbname: r.required('database.dbname'),
    topicPrefix,
    pluginName: 'pgoutput',
    slotName: r.str('slot.name', 'debezium'),
    publicationName: r.str('publication.name', 'dbz_publication'),
    publicationAutocreateMode: r.oneOf('publication.autocreate.mode', ['all_tables', 'disabled', 'filtered'] as const, 'all_tables'),
    warnings: r.warnings,
    schemaIncludeList,
    schemaExcludeList,
    tableIncludeList,
    tableExcludeList,
    columnIncludeList,
    columnExcludeList,
    tombstonesOnDelete: r.bool('tombstones.on.delete', true),
    decimalHandlingMode: r.oneOf('decimal.handling.mode', ['precise', 'double', 'string'] as const, 'precise'),
    // Debezium 3.2 also has isostring, microseconds and nanoseconds; this engine implements these three
    timePrecisionMode: r.oneOf('time.precision.mode', ['adaptive', 'adaptive_time_microseconds', 'connect'] as const, 'adaptive'),
    binaryHandlingMode: r.oneOf('binary.handling.mode', ['bytes', 'base64', 'base64-url-safe', 'hex'] as const, 'bytes'),
    intervalHandlingMode: r.oneOf('interval.handling.mode', ['numeric', 'string'] as const, 'numeric'),
    hstoreHandlingMode: r.oneOf('hstore.handling.mode', ['json', 'map'] as const, 'json'),
    moneyFractionDigits: r.int('money.fraction.digits', 2, 0, 100),
    includeUnknownDatatypes: r.bool('include.unknown.datatypes', false),
    unavailableValuePlaceholder: r.str('unavailable.value.placeholder', '__debezium_unavailable_value'),
    provideTransactionMetadata: r.bool('provide.transaction.metadata', false),
    topicTransaction: r.str('topic.transaction', 'transaction'),
    topicDelimiter: r.str('topic.delimiter', '.'),
    messageKeyColumns,
    heartbeatIntervalMs: r.int('heartbeat.interval.ms', 0),
    heartbeatActionQuery: r.str('heartbeat.action.query'),
    heartbeatTopicsPrefix: r.str('heartbeat.topics.prefix', '__debezium-heartbeat'),
    snapshotMode,
    snapshotConfigurationBased: {
      snapshotData: r.bool('snapshot.mode.configuration.based.snapshot.data', false),
      snapshotSchema: r.bool('snapshot.mode.configuration.based.snapshot.schema', false),
      startStream: r.bool('snapshot.mode.configuration.based.start.stream', false),
      snapshotOnSchemaError: r.bool('snapshot.mode.configuration.based.snapshot.on.schema.error', false),
      snapshotOnDataError: r.bool('snapshot.mode.configuration.based.snapshot.on.data.error', false),
    },
    skippedOperations: skipped,
    skipMessagesWithoutChange: r.bool('skip.messages.without.change', false),
    keyConverter,
    valueConverter,
    keySchemasEnable: r.bool('key.converter.schemas.enable', true),
    valueSchemasEnable: r.bool('value.converter.schemas.enable', true),
    raw: Object.freeze({ ...raw }),
    includesTable(schema: string, table: string): boolean {
      if (isSystemSchema(schema)) return false;
      if (schemaInc.length > 0 ? !matchesAny(schemaInc, schema) : matchesAny(schemaExc, schema)) return false;
      const id = `${schema}.${table}`;
      if (tableInc.length > 0) return matchesAny(tableInc, id);
      return !matchesAny(tableExc, id);
    },
    includesColumn(schema: string, table: string, column: string): boolean {
      const id = `${schema}.${table}.${column}`;
      if (colInc.length > 0) return matchesAny(colInc, id);
      return !matchesAny(colExc, id);
    },
    keyColumnsFor(schema: string, table: string): string[] | undefined {
      const id = `${schema}.${table}`;
      const rule = messageKeyColumns.find((k) => k.table.test(id));
      return rule?.columns;
    },
    masked(): Record<string, unknown> {
      const out: Record<string, unknown> = { ...raw };
      if ('database.password' in out) out['database.password'] = '********';
      return out;
    },
  };

  if (r.errors.length > 0) throw new ConfigErrors(r.errors);
  return cfg;
}
