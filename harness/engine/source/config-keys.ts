// Every key the source connector reads, declared once: name, type, default, allowed values, a doc
// line and the Debezium (or Kafka Connect) class that defines it. config.ts reads the map through
// this table only, so the running code gets typed values and a bad value fails before anything
// connects. Defaults and allowed values are Debezium 3.2.7's (PostgresConnectorConfig,
// RelationalDatabaseConnectorConfig, CommonConnectorConfig) and Kafka Connect 3.9.1's.

export type KeyOrigin =
  | 'PostgresConnectorConfig'
  | 'RelationalDatabaseConnectorConfig'
  | 'CommonConnectorConfig'
  | 'Heartbeat'
  | 'ConnectorConfig'
  | 'WorkerConfig'
  | 'JsonConverterConfig'
  | 'DebeziumHeaderProducer';

interface KeyBase {
  name: string;
  doc: string;
  from: KeyOrigin;
}
export interface StringKey extends KeyBase { type: 'string' | 'password'; default?: string; required?: boolean }
export interface IntKey extends KeyBase { type: 'int'; default: number; min: number; max: number }
export interface BoolKey extends KeyBase { type: 'boolean'; default: boolean }
export interface EnumKey<T extends string = string> extends KeyBase { type: 'enum'; default: T; allowed: readonly T[] }
export interface ListKey extends KeyBase { type: 'list' }
export type KeyDef = StringKey | IntKey | BoolKey | EnumKey | ListKey;

const MAX = Number.MAX_SAFE_INTEGER;
const str = <D extends string | undefined>(name: string, def: D, from: KeyOrigin, doc: string): StringKey & { default: D } => ({ name, type: 'string', default: def, from, doc });
const required = (name: string, from: KeyOrigin, doc: string): StringKey => ({ name, type: 'string', required: true, from, doc });
const int = (name: string, def: number, from: KeyOrigin, doc: string, min = 0, max = MAX): IntKey => ({ name, type: 'int', default: def, min, max, from, doc });
const bool = (name: string, def: boolean, from: KeyOrigin, doc: string): BoolKey => ({ name, type: 'boolean', default: def, from, doc });
const oneOf = <T extends string>(name: string, allowed: readonly T[], def: T, from: KeyOrigin, doc: string): EnumKey<T> => ({ name, type: 'enum', allowed, default: def, from, doc });
const list = (name: string, from: KeyOrigin, doc: string): ListKey => ({ name, type: 'list', from, doc });

export const SNAPSHOT_MODES = ['initial', 'no_data', 'initial_only', 'always', 'when_needed', 'configuration_based', 'custom'] as const;

export const SOURCE_KEYS = {
  // Kafka Connect's own
  name: str('name', undefined, 'ConnectorConfig', 'connector name; defaults to topic.prefix here'),
  connectorClass: str('connector.class', 'io.debezium.connector.postgresql.PostgresConnector', 'ConnectorConfig', 'the connector; only PostgresConnector runs here'),
  keyConverter: str('key.converter', 'org.apache.kafka.connect.json.JsonConverter', 'WorkerConfig', 'converter for record keys'),
  valueConverter: str('value.converter', 'org.apache.kafka.connect.json.JsonConverter', 'WorkerConfig', 'converter for record values'),
  keySchemasEnable: bool('key.converter.schemas.enable', true, 'JsonConverterConfig', 'keys carry their schema (schema + payload)'),
  valueSchemasEnable: bool('value.converter.schemas.enable', true, 'JsonConverterConfig', 'values carry their schema (schema + payload)'),
  offsetFlushIntervalMs: int('offset.flush.interval.ms', 60_000, 'WorkerConfig', 'how often source offsets are committed'),
  errorsMaxRetries: int('errors.max.retries', -1, 'CommonConnectorConfig', 'restarts after retriable errors; -1 means no limit', -1),
  retriableRestartWaitMs: int('retriable.restart.connector.wait.ms', 10_000, 'CommonConnectorConfig', 'wait before restarting after a retriable error'),
  // connection
  hostname: required('database.hostname', 'RelationalDatabaseConnectorConfig', 'PostgreSQL host'),
  port: int('database.port', 5432, 'PostgresConnectorConfig', 'PostgreSQL port', 1, 65535),
  user: required('database.user', 'RelationalDatabaseConnectorConfig', 'user with REPLICATION (and SELECT on captured tables)'),
  password: { name: 'database.password', type: 'password', from: 'RelationalDatabaseConnectorConfig', doc: 'password; masked in logs and status' } as StringKey,
  dbname: required('database.dbname', 'RelationalDatabaseConnectorConfig', 'database to capture'),
  topicPrefix: required('topic.prefix', 'CommonConnectorConfig', 'prefix of every topic name'),
  // logical decoding
  pluginName: str('plugin.name', 'pgoutput', 'PostgresConnectorConfig', 'logical decoding plugin; only pgoutput (Debezium defaults to decoderbufs)'),
  slotName: str('slot.name', 'debezium', 'PostgresConnectorConfig', 'replication slot'),
  slotMaxRetries: int('slot.max.retries', 6, 'PostgresConnectorConfig', 'attempts to take a slot another connection holds'),
  slotRetryDelayMs: int('slot.retry.delay.ms', 10_000, 'PostgresConnectorConfig', 'wait between those attempts'),
  publicationName: str('publication.name', 'dbz_publication', 'PostgresConnectorConfig', 'publication pgoutput reads'),
  publicationAutocreateMode: oneOf('publication.autocreate.mode', ['all_tables', 'disabled', 'filtered'] as const, 'all_tables', 'PostgresConnectorConfig', 'create the publication for all tables, for the captured ones, or never'),
  // what is captured
  schemaIncludeList: list('schema.include.list', 'RelationalDatabaseConnectorConfig', 'schemas to capture (regexes)'),
  schemaExcludeList: list('schema.exclude.list', 'RelationalDatabaseConnectorConfig', 'schemas not to capture (regexes)'),
  tableIncludeList: list('table.include.list', 'RelationalDatabaseConnectorConfig', 'tables to capture, schema.table regexes'),
  tableExcludeList: list('table.exclude.list', 'RelationalDatabaseConnectorConfig', 'tables not to capture'),
  columnIncludeList: list('column.include.list', 'RelationalDatabaseConnectorConfig', 'columns to capture, schema.table.column regexes'),
  columnExcludeList: list('column.exclude.list', 'RelationalDatabaseConnectorConfig', 'columns not to capture'),
  messageKeyColumns: str('message.key.columns', undefined, 'RelationalDatabaseConnectorConfig', 'key columns per table: <table regex>:<col>,<col>;…'),
  skippedOperations: list('skipped.operations', 'CommonConnectorConfig', 'operations not emitted: c, u, d, t, or none (default t)'),
  skipMessagesWithoutChange: bool('skip.messages.without.change', false, 'CommonConnectorConfig', 'drop updates whose captured columns did not change'),
  // event shape
  tombstonesOnDelete: bool('tombstones.on.delete', true, 'CommonConnectorConfig', 'a null-value record after each delete'),
  decimalHandlingMode: oneOf('decimal.handling.mode', ['precise', 'double', 'string'] as const, 'precise', 'RelationalDatabaseConnectorConfig', 'numeric as Decimal bytes, double or string'),
  // Debezium 3.2 also has isostring, microseconds and nanoseconds; not implemented here
  timePrecisionMode: oneOf('time.precision.mode', ['adaptive', 'adaptive_time_microseconds', 'connect'] as const, 'adaptive', 'RelationalDatabaseConnectorConfig', 'temporal types as Debezium or Connect logical types'),
  binaryHandlingMode: oneOf('binary.handling.mode', ['bytes', 'base64', 'base64-url-safe', 'hex'] as const, 'bytes', 'CommonConnectorConfig', 'bytea as bytes or text'),
  intervalHandlingMode: oneOf('interval.handling.mode', ['numeric', 'string'] as const, 'numeric', 'PostgresConnectorConfig', 'interval as microseconds or ISO 8601'),
  hstoreHandlingMode: oneOf('hstore.handling.mode', ['json', 'map'] as const, 'json', 'PostgresConnectorConfig', 'hstore as JSON text or a map'),
  moneyFractionDigits: int('money.fraction.digits', 2, 'PostgresConnectorConfig', 'scale of money values', 0, 100),
  includeUnknownDatatypes: bool('include.unknown.datatypes', false, 'PostgresConnectorConfig', 'emit columns of unknown types as bytes'),
  unavailableValuePlaceholder: str('unavailable.value.placeholder', '__debezium_unavailable_value', 'PostgresConnectorConfig', 'stands for an unchanged TOASTed value'),
  extendedHeadersEnabled: bool('extended.headers.enabled', true, 'DebeziumHeaderProducer', 'add the __debezium.context.* headers'),
  // topics
  topicDelimiter: str('topic.delimiter', '.', 'CommonConnectorConfig', 'between topic name parts'),
  topicTransaction: str('topic.transaction', 'transaction', 'CommonConnectorConfig', 'suffix of the transaction metadata topic'),
  provideTransactionMetadata: bool('provide.transaction.metadata', false, 'CommonConnectorConfig', 'BEGIN/END records and a transaction block per event'),
  // heartbeats
  heartbeatIntervalMs: int('heartbeat.interval.ms', 0, 'Heartbeat', 'heartbeat records every N ms; 0 is off'),
  heartbeatActionQuery: str('heartbeat.action.query', undefined, 'PostgresConnectorConfig', 'SQL run with each heartbeat'),
  heartbeatTopicsPrefix: str('heartbeat.topics.prefix', '__debezium-heartbeat', 'Heartbeat', 'heartbeat topic prefix'),
  // snapshots
  snapshotMode: oneOf('snapshot.mode', SNAPSHOT_MODES, 'initial', 'PostgresConnectorConfig', 'what a start snapshots'),
  snapshotDataFlag: bool('snapshot.mode.configuration.based.snapshot.data', false, 'CommonConnectorConfig', 'configuration_based: snapshot the data'),
  snapshotSchemaFlag: bool('snapshot.mode.configuration.based.snapshot.schema', false, 'CommonConnectorConfig', 'configuration_based: snapshot the schema'),
  startStreamFlag: bool('snapshot.mode.configuration.based.start.stream', false, 'CommonConnectorConfig', 'configuration_based: stream after the snapshot'),
  snapshotOnSchemaErrorFlag: bool('snapshot.mode.configuration.based.snapshot.on.schema.error', false, 'CommonConnectorConfig', 'configuration_based: snapshot again on a schema error'),
  snapshotOnDataErrorFlag: bool('snapshot.mode.configuration.based.snapshot.on.data.error', false, 'CommonConnectorConfig', 'configuration_based: snapshot again when the slot is gone'),
  signalDataCollection: str('signal.data.collection', undefined, 'CommonConnectorConfig', 'the signal table, <schema>.<table>'),
  incrementalSnapshotChunkSize: int('incremental.snapshot.chunk.size', 1024, 'CommonConnectorConfig', 'rows per incremental snapshot chunk', 1),
  // only insert_insert is implemented; insert_delete is refused by name
  incrementalWatermarking: oneOf('incremental.snapshot.watermarking.strategy', ['insert_insert'] as const, 'insert_insert', 'CommonConnectorConfig', 'how chunk windows are marked in the signal table'),
} as const satisfies Record<string, KeyDef>;
