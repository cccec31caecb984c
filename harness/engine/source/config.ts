// Debezium 3.2 PostgresConnector configuration: the keys declared in config-keys.ts, read and
// validated here into typed values. Every problem is collected first and thrown together
// (ConfigErrors) before anything touches a database; the running code never reads the raw map.
import { ConfigError, ConfigErrors } from '../errors.ts';
import { compileRegexList, matchesAny, parseMessageKeyColumns, type KeyColumnsRule } from './config-filters.ts';
import { parseColumnMappers, type ColumnMapperRule } from './config-column-mappers.ts';
import catalogue from './key-catalogue.json' with { type: 'json' };
import { REMOVED_KEYS, removedKeyReason } from './removed-keys.ts';
import { COLUMN_MAPPER_KEY_PATTERNS, REFUSED_KEYS, SNAPSHOT_MODES, SOURCE_KEYS as K, type BoolKey, type EnumKey, type IntKey, type ListKey, type StringKey } from './config-keys.ts';
import { parseSignalCollection, type SignalTable } from './signal.ts';
import { checkConverter } from '../connect/avro/record-converters.ts';
import type { AvroConverterConfig } from '../connect/avro/avro-config.ts';
import { buildTransforms, hasTransforms } from '../connect/transforms/index.ts';
import type { EventProcessingFailureMode } from './event-failure.ts';
import { overrideKey, parseSelectOverrides } from './config-select-overrides.ts';
import type { NameAdjustmentMode } from '../events/name-adjuster.ts';

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
export type SnapshotMode = (typeof SNAPSHOT_MODES)[number];
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
  /** publish.via.partition.root: WITH (publish_via_partition_root = true) on a publication the connector creates */
  publishViaPartitionRoot: boolean;
  /** flush.lsn.source: confirm LSNs to the slot (default); false never does, and a restart resumes from the stored offset */
  flushLsnSource: boolean;
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
  /** the Avro converter's settings when key.converter / value.converter is one */
  keyAvro?: AvroConverterConfig;
  valueAvro?: AvroConverterConfig;
  /** non-fatal notes (deprecated values) to log at start */
  warnings: string[];
  schemaIncludeList: string[];
  schemaExcludeList: string[];
  slotMaxRetries: number;
  slotRetryDelayMs: number;
  /** signal.data.collection, parsed; undefined when unset */
  signalTable: SignalTable | undefined;
  incrementalSnapshotChunkSize: number;
  offsetFlushIntervalMs: number;
  /** errors.max.retries: -1 is no limit */
  errorsMaxRetries: number;
  retriableRestartWaitMs: number;
  /** max.queue.size / max.batch.size / max.queue.size.in.bytes (0: no byte bound): the KafkaWriter's queue and batches */
  maxQueueSize: number;
  maxBatchSize: number;
  maxQueueSizeInBytes: number;
  extendedHeadersEnabled: boolean;
  /** schema.name.adjustment.mode / field.name.adjustment.mode (events/name-adjuster.ts) */
  schemaNameAdjustmentMode: NameAdjustmentMode;
  fieldNameAdjustmentMode: NameAdjustmentMode;
  /** event.processing.failure.handling.mode: what a change event the event side cannot build does (event-failure.ts) */
  eventProcessingFailureHandlingMode: EventProcessingFailureMode;
  /** transforms / predicates: the chain applied to every record the source emits (source-transforms.ts); null when none */
  transforms: ReturnType<typeof buildTransforms> | null;
  /** column.mask.*, column.truncate.*, *.propagate.source.type, in ColumnMappers' order (first match wins) */
  columnMappers: ColumnMapperRule[];
  includesTable(schema: string, table: string): boolean;
  includesColumn(schema: string, table: string, column: string): boolean;
  /** explicit key columns from message.key.columns for this table, or undefined to use the primary key */
  keyColumnsFor(schema: string, table: string): string[] | undefined;
  /** snapshot.select.statement.overrides.<schema.table>: the SELECT the snapshot runs for this table, if overridden */
  snapshotSelectOverride(schema: string, table: string): string | undefined;
  /** raw with database.password hidden, for logs and status output */
  masked(): Record<string, unknown>;
}

// Debezium never captures the system schemas (PostgresConnectorConfig's built-in table filter).
const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema']);
const isSystemSchema = (s: string): boolean =>
  SYSTEM_SCHEMAS.has(s) || s.startsWith('pg_toast') || s.startsWith('pg_temp');

const SNAPSHOT_MODES_RUNNABLE: SnapshotMode[] = ['initial', 'no_data', 'initial_only', 'always', 'when_needed', 'configuration_based'];

class Reader {
  readonly errors: ConfigError[] = [];
  readonly warnings: string[] = [];
  readonly raw: Record<string, unknown>;
  constructor(raw: Record<string, unknown>) {
    this.raw = raw;
  }

  has(key: string): boolean {
    const v = this.raw[key];
    return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
  }
  private text(key: string): string | undefined {
    if (!this.has(key)) return undefined;
    const v = this.raw[key];
    if (typeof v === 'string') return v.trim();
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.errors.push(new ConfigError(key, `expected a string, got ${typeof v}`));
    return undefined;
  }
  str(k: StringKey & { default: string }): string;
  str(k: StringKey): string | undefined;
  str(k: StringKey): string | undefined {
    const v = this.text(k.name);
    if (v === undefined && k.required) {
      // Debezium's Field.isRequired says it so; Connect's validate shows "The '<key>' value is invalid: …"
      this.errors.push(new ConfigError(k.name, 'A value is required'));
      return '';
    }
    return v ?? k.default;
  }
  bool(k: BoolKey): boolean {
    if (!this.has(k.name)) return k.default;
    const v = this.raw[k.name];
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
    this.errors.push(new ConfigError(k.name, `expected a boolean, got ${JSON.stringify(v)}`, ['true', 'false']));
    return k.default;
  }
  int(k: IntKey): number {
    if (!this.has(k.name)) return k.default;
    const v = this.raw[k.name];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n) || n < k.min || n > k.max) {
      this.errors.push(new ConfigError(k.name, `expected an integer between ${k.min} and ${k.max}, got ${JSON.stringify(v)}`));
      return k.default;
    }
    return n;
  }
  oneOf<T extends string>(k: EnumKey<T>): T {
    const v = this.text(k.name);
    if (v === undefined) return k.default;
    // Debezium's EnumeratedValue.parse is case-insensitive
    const found = k.allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (!found) {
      this.errors.push(new ConfigError(k.name, `invalid value ${JSON.stringify(v)}`, [...k.allowed]));
      return k.default;
    }
    return found;
  }
  list(k: ListKey): string[] {
    const v = this.text(k.name);
    if (v === undefined) return [];
    return v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  }
}

/** Keys that would change the records in Debezium and are not implemented here: each one an error naming it. */
function refuseUnimplemented(r: Reader): void {
  for (const key of Object.keys(r.raw)) {
    const refused = REFUSED_KEYS.find((k) => key === k.name || (k.prefix && key.startsWith(`${k.name}.`)));
    if (!refused || !r.has(key)) continue;
    const value = String(r.raw[key]).trim().toLowerCase();
    if (refused.unless !== undefined && key === refused.name && refused.unless.some((u) => u.toLowerCase() === value)) continue;
    r.errors.push(new ConfigError(key, refused.reason));
  }
  for (const key of Object.keys(r.raw)) {
    const reason = removedKeyReason(key);
    if (reason !== undefined && r.has(key)) r.errors.push(new ConfigError(key, reason));
  }
}

const CATALOGUE_KEYS = new Set(catalogue.keys.filter((k) => k.kind === 'key').map((k) => k.name));
const CATALOGUE_PREFIXES = catalogue.keys.filter((k) => k.kind === 'prefix').map((k) => k.name.slice(0, -1));

/** True when Debezium 3.2.7's PostgresConnector or Kafka Connect defines the key (key-catalogue.json). */
export function isKnownKey(key: string): boolean {
  return CATALOGUE_KEYS.has(key) || CATALOGUE_PREFIXES.some((p) => key.startsWith(p)) || Object.values(COLUMN_MAPPER_KEY_PATTERNS).some((re) => re.test(key));
}

/**
 * A key neither defines: a warning, not an error, as Connect only logs the keys it did not use
 * (AbstractConfig.logUnused: "These configurations '…' were supplied but are not used yet.").
 */
function warnUnknown(r: Reader): void {
  const unknown = Object.keys(r.raw).filter((k) => !isKnownKey(k) && REMOVED_KEYS[k] === undefined);
  if (unknown.length > 0) {
    r.warnings.push(`These configurations '[${unknown.join(', ')}]' were supplied but are not used: neither Debezium 3.2.7's PostgresConnector nor Kafka Connect defines them (a typo?)`);
  }
}

export function parseConnectorConfig(raw: Record<string, unknown>): PostgresConnectorConfig {
  const r = new Reader(raw);
  refuseUnimplemented(r);
  warnUnknown(r);
  const columnMappers = parseColumnMappers(raw, r.errors);

  const connectorClass = r.str(K.connectorClass);
  if (connectorClass !== POSTGRES_CONNECTOR_CLASS) {
    r.errors.push(new ConfigError('connector.class', `only the PostgreSQL connector is implemented, got ${connectorClass}`, [POSTGRES_CONNECTOR_CLASS]));
  }
  // plugin.name: Debezium defaults to decoderbufs, which this engine cannot speak. A missing plugin.name is
  // accepted here as pgoutput (so the seeds' configs that set it keep working, and minimal configs work);
  // an explicit other value is an error telling the user to set pgoutput.
  const plugin = r.str(K.pluginName);
  if (plugin.toLowerCase() !== 'pgoutput') {
    r.errors.push(new ConfigError('plugin.name', `"${plugin}" is not supported by this engine; set "plugin.name": "pgoutput"`, ['pgoutput']));
  }

  const schemaIncludeList = r.list(K.schemaIncludeList);
  const schemaExcludeList = r.list(K.schemaExcludeList);
  if (schemaIncludeList.length > 0 && schemaExcludeList.length > 0) {
    r.errors.push(new ConfigError('schema.exclude.list', '"schema.include.list" is already specified; set only one of the two'));
  }
  const schemaInc = compileRegexList('schema.include.list', schemaIncludeList, r.errors);
  const schemaExc = compileRegexList('schema.exclude.list', schemaExcludeList, r.errors);
  const tableIncludeList = r.list(K.tableIncludeList);
  const tableExcludeList = r.list(K.tableExcludeList);
  if (tableIncludeList.length > 0 && tableExcludeList.length > 0) {
    // CommonConnectorConfig/RelationalDatabaseConnectorConfig: "Table include list is already specified"
    r.errors.push(new ConfigError('table.exclude.list', '"table.include.list" is already specified; set only one of the two'));
  }
  const columnIncludeList = r.list(K.columnIncludeList);
  const columnExcludeList = r.list(K.columnExcludeList);
  if (columnIncludeList.length > 0 && columnExcludeList.length > 0) {
    r.errors.push(new ConfigError('column.exclude.list', '"column.include.list" is already specified; set only one of the two'));
  }
  const tableInc = compileRegexList('table.include.list', tableIncludeList, r.errors);
  const tableExc = compileRegexList('table.exclude.list', tableExcludeList, r.errors);
  const colInc = compileRegexList('column.include.list', columnIncludeList, r.errors);
  const colExc = compileRegexList('column.exclude.list', columnExcludeList, r.errors);
  const messageKeyColumns = parseMessageKeyColumns(r.str(K.messageKeyColumns), r.errors);

  let snapshotMode: SnapshotMode;
  const rawSnapshot = r.has(K.snapshotMode.name) ? String(r.raw[K.snapshotMode.name]).trim() : undefined;
  if (rawSnapshot !== undefined && rawSnapshot.toLowerCase() === 'never') {
    // Debezium: "never" is a deprecated alias of "no_data"
    r.warnings.push('snapshot.mode "never" is deprecated; use "no_data"');
    snapshotMode = 'no_data';
  } else {
    snapshotMode = r.oneOf(K.snapshotMode);
    if (!SNAPSHOT_MODES_RUNNABLE.includes(snapshotMode)) {
      r.errors.push(new ConfigError('snapshot.mode', `"${snapshotMode}" is not implemented yet by this engine`, SNAPSHOT_MODES_RUNNABLE));
    }
  }

  const skipped = new Set<SkippedOperation>();
  const skippedRaw = r.list(K.skippedOperations);
  for (const op of (r.has(K.skippedOperations.name) ? skippedRaw : ['t'])) {
    const o = op.toLowerCase();
    if (o === 'none') continue;
    if (o === 'c' || o === 'u' || o === 'd' || o === 't') skipped.add(o);
    else r.errors.push(new ConfigError('skipped.operations', `invalid operation ${JSON.stringify(op)}`, ['c', 'u', 'd', 't', 'none']));
  }

  const keyConverter = r.str(K.keyConverter);
  const valueConverter = r.str(K.valueConverter);
  // JsonConverter or an Avro converter with its sub-keys (connect/avro/record-converters.ts)
  const keyAvro = checkConverter(r.raw, 'key.converter', keyConverter, r.errors, r.warnings);
  const valueAvro = checkConverter(r.raw, 'value.converter', valueConverter, r.errors, r.warnings);

  // transforms + predicates (Kafka Connect's chain): built now so a bad one fails before anything connects. They run
  // on the records JsonConverter printed, read back with their schemas (source-transforms.ts): other converters or
  // schemas.enable=false are refused with them.
  let transforms: ReturnType<typeof buildTransforms> | null = null;
  try {
    if (hasTransforms(r.raw)) {
      transforms = buildTransforms(r.raw);
      const keySchemas = r.bool(K.keySchemasEnable);
      const valueSchemas = r.bool(K.valueSchemasEnable);
      if (keyAvro || valueAvro || keyConverter !== JSON_CONVERTER_CLASS || valueConverter !== JSON_CONVERTER_CLASS || !keySchemas || !valueSchemas) {
        r.errors.push(new ConfigError('transforms', `source-side transforms are implemented here with ${JSON_CONVERTER_CLASS} and schemas.enable=true on key and value only; run the transform in the sink connector, or run this connector on Debezium`));
      }
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    r.errors.push(e);
  }

  const topicPrefix = r.str(K.topicPrefix) ?? '';
  if (topicPrefix && !/^[a-zA-Z0-9._-]+$/.test(topicPrefix)) {
    // CommonConnectorConfig.TOPIC_PREFIX validator: only alphanumerics, '.', '_' and '-'
    r.errors.push(new ConfigError('topic.prefix', `"${topicPrefix}" has characters Kafka topic names cannot hold (use letters, digits, '.', '_', '-')`));
  }

  const signalCollection = r.str(K.signalDataCollection);
  let signalTable: SignalTable | undefined;
  if (signalCollection !== undefined) {
    try {
      signalTable = parseSignalCollection(signalCollection);
    } catch (err) {
      r.errors.push(err as ConfigError);
    }
  }
  r.oneOf(K.incrementalWatermarking); // only insert_insert: any other value is an error naming the key
  const dbname = r.str(K.dbname) ?? '';
  const selectOverrides = parseSelectOverrides(raw, dbname, r.errors, r.warnings);

  const cfg: PostgresConnectorConfig = {
    name: r.str(K.name) ?? (topicPrefix || 'postgres-connector'),
    connectorClass,
    hostname: r.str(K.hostname) ?? '',
    port: r.int(K.port),
    user: r.str(K.user) ?? '',
    password: r.str(K.password),
    dbname,
    topicPrefix,
    pluginName: 'pgoutput',
    slotName: r.str(K.slotName),
    publicationName: r.str(K.publicationName),
    publicationAutocreateMode: r.oneOf(K.publicationAutocreateMode),
    publishViaPartitionRoot: r.bool(K.publishViaPartitionRoot),
    flushLsnSource: r.bool(K.flushLsnSource),
    warnings: r.warnings,
    schemaIncludeList,
    schemaExcludeList,
    tableIncludeList,
    tableExcludeList,
    columnIncludeList,
    columnExcludeList,
    tombstonesOnDelete: r.bool(K.tombstonesOnDelete),
    decimalHandlingMode: r.oneOf(K.decimalHandlingMode),
    // Debezium 3.2 also has isostring, microseconds and nanoseconds; this engine implements these three
    timePrecisionMode: r.oneOf(K.timePrecisionMode),
    binaryHandlingMode: r.oneOf(K.binaryHandlingMode),
    intervalHandlingMode: r.oneOf(K.intervalHandlingMode),
    hstoreHandlingMode: r.oneOf(K.hstoreHandlingMode),
    moneyFractionDigits: r.int(K.moneyFractionDigits),
    includeUnknownDatatypes: r.bool(K.includeUnknownDatatypes),
    unavailableValuePlaceholder: r.str(K.unavailableValuePlaceholder),
    provideTransactionMetadata: r.bool(K.provideTransactionMetadata),
    topicTransaction: r.str(K.topicTransaction),
    topicDelimiter: r.str(K.topicDelimiter),
    messageKeyColumns,
    heartbeatIntervalMs: r.int(K.heartbeatIntervalMs),
    heartbeatActionQuery: r.str(K.heartbeatActionQuery),
    heartbeatTopicsPrefix: r.str(K.heartbeatTopicsPrefix),
    snapshotMode,
    snapshotConfigurationBased: {
      snapshotData: r.bool(K.snapshotDataFlag),
      snapshotSchema: r.bool(K.snapshotSchemaFlag),
      startStream: r.bool(K.startStreamFlag),
      snapshotOnSchemaError: r.bool(K.snapshotOnSchemaErrorFlag),
      snapshotOnDataError: r.bool(K.snapshotOnDataErrorFlag),
    },
    skippedOperations: skipped,
    skipMessagesWithoutChange: r.bool(K.skipMessagesWithoutChange),
    keyConverter,
    valueConverter,
    keySchemasEnable: r.bool(K.keySchemasEnable),
    valueSchemasEnable: r.bool(K.valueSchemasEnable),
    keyAvro,
    valueAvro,
    slotMaxRetries: r.int(K.slotMaxRetries),
    slotRetryDelayMs: r.int(K.slotRetryDelayMs),
    signalTable,
    incrementalSnapshotChunkSize: r.int(K.incrementalSnapshotChunkSize),
    offsetFlushIntervalMs: r.int(K.offsetFlushIntervalMs),
    errorsMaxRetries: r.int(K.errorsMaxRetries),
    retriableRestartWaitMs: r.int(K.retriableRestartWaitMs),
    maxQueueSize: r.int(K.maxQueueSize),
    maxBatchSize: r.int(K.maxBatchSize),
    maxQueueSizeInBytes: r.int(K.maxQueueSizeInBytes),
    extendedHeadersEnabled: r.bool(K.extendedHeadersEnabled),
    eventProcessingFailureHandlingMode: r.oneOf(K.eventProcessingFailureHandlingMode),
    schemaNameAdjustmentMode: r.oneOf(K.schemaNameAdjustmentMode),
    fieldNameAdjustmentMode: r.oneOf(K.fieldNameAdjustmentMode),
    columnMappers,
    transforms,
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
    snapshotSelectOverride(schema: string, table: string): string | undefined {
      return selectOverrides.get(overrideKey(schema, table));
    },
    masked(): Record<string, unknown> {
      const out: Record<string, unknown> = { ...raw };
      if ('database.password' in out) out['database.password'] = '********';
      return out;
    },
  };

  // PostgresConnectorConfig#validateFlushLsnSource warns the same way
  if (!cfg.flushLsnSource) r.warnings.push('flush.lsn.source=false: no LSN is confirmed to the replication slot, so PostgreSQL keeps all WAL since the slot\'s position; advance or drop the slot yourself (pg_replication_slot_advance)');
  // CommonConnectorConfig#validateMaxQueueSize
  if (cfg.maxQueueSize <= cfg.maxBatchSize) {
    r.errors.push(new ConfigError('max.queue.size', `must be larger than the maximum batch size (max.batch.size ${cfg.maxBatchSize}), got ${cfg.maxQueueSize}`));
  }
  if (r.errors.length > 0) throw new ConfigErrors(r.errors);
  return cfg;
}
