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
  // PostgresConnectorConfig.SHOULD_FLUSH_LSN_IN_SOURCE_DB: false confirms nothing to the slot (stream.ts); offsets are still stored
  flushLsnSource: bool('flush.lsn.source', true, 'PostgresConnectorConfig', 'confirm the LSN Kafka has to the slot; false leaves the slot where it is (WAL is kept) and resumes from the stored offset'),
  publicationAutocreateMode: oneOf('publication.autocreate.mode', ['all_tables', 'disabled', 'filtered'] as const, 'all_tables', 'PostgresConnectorConfig', 'create the publication for all tables, for the captured ones, or never'),
  publishViaPartitionRoot: bool('publish.via.partition.root', false, 'PostgresConnectorConfig', 'a publication the connector creates gets publish_via_partition_root = true: partitions\' changes come as the partitioned table\'s'),
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
  // CommonConnectorConfig.SchemaNameAdjustmentMode / FieldNameAdjustmentMode (events/name-adjuster.ts)
  schemaNameAdjustmentMode: oneOf('schema.name.adjustment.mode', ['none', 'avro', 'avro_unicode'] as const, 'none', 'CommonConnectorConfig', 'Key/Value/Envelope schema names: kept, invalid Avro characters as _, or as _uXXXX'),
  fieldNameAdjustmentMode: oneOf('field.name.adjustment.mode', ['none', 'avro', 'avro_unicode'] as const, 'none', 'CommonConnectorConfig', 'column field names: kept, invalid Avro characters as _, or as _uXXXX'),
  extendedHeadersEnabled: bool('extended.headers.enabled', true, 'DebeziumHeaderProducer', 'add the __debezium.context.* headers'),
  // EventDispatcher#handleEventProcessingFailure; ignore is Debezium's deprecated alias of skip
  eventProcessingFailureHandlingMode: oneOf('event.processing.failure.handling.mode', ['fail', 'warn', 'skip', 'ignore'] as const, 'fail', 'CommonConnectorConfig', 'an event that cannot be built stops the task (fail), or is logged with its offset and dropped (warn; skip logs at debug)'),
  // topics
  topicDelimiter: str('topic.delimiter', '.', 'CommonConnectorConfig', 'between topic name parts'),
  topicTransaction: str('topic.transaction', 'transaction', 'CommonConnectorConfig', 'suffix of the transaction metadata topic'),
  provideTransactionMetadata: bool('provide.transaction.metadata', false, 'CommonConnectorConfig', 'BEGIN/END records and a transaction block per event'),
  // heartbeats
  heartbeatIntervalMs: int('heartbeat.interval.ms', 0, 'Heartbeat', 'heartbeat records every N ms; 0 is off'),
  heartbeatActionQuery: str('heartbeat.action.query', undefined, 'PostgresConnectorConfig', 'SQL run with each heartbeat'),
  heartbeatTopicsPrefix: str('heartbeat.topics.prefix', '__debezium-heartbeat', 'Heartbeat', 'heartbeat topic prefix'),
  // the queue between decoding and Kafka (kafka/queue-bound.ts, as Debezium's ChangeEventQueue)
  maxQueueSize: int('max.queue.size', 8192, 'CommonConnectorConfig', 'records read from the log and not yet in Kafka (in flight included) at which reading pauses; must be larger than max.batch.size', 1),
  maxBatchSize: int('max.batch.size', 2048, 'CommonConnectorConfig', 'records per batch handed to the Kafka producer', 1),
  maxQueueSizeInBytes: int('max.queue.size.in.bytes', 0, 'CommonConnectorConfig', 'bytes of those records at which reading pauses; 0 is no bound'),
  // snapshots
  snapshotMode: oneOf('snapshot.mode', SNAPSHOT_MODES, 'initial', 'PostgresConnectorConfig', 'what a start snapshots'),
  snapshotDataFlag: bool('snapshot.mode.configuration.based.snapshot.data', false, 'CommonConnectorConfig', 'configuration_based: snapshot the data'),
  snapshotSchemaFlag: bool('snapshot.mode.configuration.based.snapshot.schema', false, 'CommonConnectorConfig', 'configuration_based: snapshot the schema'),
  startStreamFlag: bool('snapshot.mode.configuration.based.start.stream', false, 'CommonConnectorConfig', 'configuration_based: stream after the snapshot'),
  snapshotOnSchemaErrorFlag: bool('snapshot.mode.configuration.based.snapshot.on.schema.error', false, 'CommonConnectorConfig', 'configuration_based: snapshot again on a schema error'),
  snapshotOnDataErrorFlag: bool('snapshot.mode.configuration.based.snapshot.on.data.error', false, 'CommonConnectorConfig', 'configuration_based: snapshot again when the slot is gone'),
  // RelationalDatabaseConnectorConfig#getSnapshotSelectOverridesByTable; the statements are under <key>.<table> (config-select-overrides.ts)
  snapshotSelectOverrides: list('snapshot.select.statement.overrides', 'RelationalDatabaseConnectorConfig', 'tables whose snapshot runs the SELECT in snapshot.select.statement.overrides.<schema>.<table>'),
  signalDataCollection: str('signal.data.collection', undefined, 'CommonConnectorConfig', 'the signal table, <schema>.<table>'),
  incrementalSnapshotChunkSize: int('incremental.snapshot.chunk.size', 1024, 'CommonConnectorConfig', 'rows per incremental snapshot chunk', 1),
  // only insert_insert is implemented; insert_delete is refused by name
  incrementalWatermarking: oneOf('incremental.snapshot.watermarking.strategy', ['insert_insert'] as const, 'insert_insert', 'CommonConnectorConfig', 'how chunk windows are marked in the signal table'),
} as const satisfies Record<string, KeyDef>;

// Column mapper keys carry their parameter in the name (RelationalDatabaseConnectorConfig's MASK_COLUMN,
// MASK_COLUMN_WITH_HASH, TRUNCATE_COLUMN, PROPAGATE_*_SOURCE_TYPE); ColumnMappers.create matches them whole.
// Read by config-column-mappers.ts; every value is a regex list.
export const COLUMN_MAPPER_KEY_PATTERNS = {
  truncate: /^column\.truncate\.to\.(\d+)\.chars$/,
  mask: /^column\.mask\.with\.(\d+)\.chars$/,
  propagateColumn: /^column\.propagate\.source\.type$/,
  propagateDatatype: /^datatype\.propagate\.source\.type$/,
  hashV1: /^column\.mask\.hash\.([^.]+)\.with\.salt\.(.+)$/,
  hashV2: /^column\.mask\.hash\.v2\.([^.]+)\.with\.salt\.(.+)$/,
  /** a key in the mappers' namespace that none of the above reads: Debezium ignores it, this engine refuses it */
  reserved: /^column\.(mask|truncate)\./,
} as const;

/**
 * Keys Debezium 3.2.7 (or Kafka Connect) reads that change the records, and this engine does not implement:
 * refused by name with what to do instead, never silently ignored. `prefix`: the key and every `<key>.*`.
 * `unless`: the values this engine does implement (Debezium's default, and any that behaves the same here),
 * accepted case-insensitively.
 */
export interface RefusedKey {
  name: string;
  prefix: boolean;
  unless?: readonly string[];
  from: KeyOrigin | 'TransformationChain' | 'CustomConverterRegistry' | 'PostProcessorRegistry';
  reason: string;
}
export const REFUSED_KEYS: readonly RefusedKey[] = [
  { name: 'converters', prefix: true, from: 'CustomConverterRegistry', reason: 'custom converters (CustomConverter classes) are not implemented by this engine: convert the value in the sink, or run this connector on Debezium' },
  { name: 'post.processors', prefix: true, from: 'PostProcessorRegistry', reason: 'post processors (e.g. reselect) are not implemented by this engine; run this connector on Debezium' },
  { name: 'message.prefix.include.list', prefix: false, from: 'PostgresConnectorConfig', reason: 'logical decoding messages (pg_logical_emit_message) are not captured by this engine; remove the key or run this connector on Debezium' },
  { name: 'message.prefix.exclude.list', prefix: false, from: 'PostgresConnectorConfig', reason: 'logical decoding messages (pg_logical_emit_message) are not captured by this engine; remove the key or run this connector on Debezium' },
  { name: 'snapshot.include.collection.list', prefix: false, from: 'RelationalDatabaseConnectorConfig', reason: 'is not implemented by this engine: the snapshot would read every captured table; narrow table.include.list instead or run this connector on Debezium' },
  { name: 'include.schema.comments', prefix: false, unless: ['false'], from: 'RelationalDatabaseConnectorConfig', reason: 'column comments as schema docs are not implemented by this engine; remove the key or run this connector on Debezium' },
  { name: 'topic.naming.strategy', prefix: false, unless: ['io.debezium.schema.SchemaTopicNamingStrategy'], from: 'CommonConnectorConfig', reason: 'only the default topic naming strategy is implemented by this engine; route topics in the sink or run this connector on Debezium' },
  { name: 'header.converter', prefix: false, unless: ['org.apache.kafka.connect.storage.SimpleHeaderConverter'], from: 'WorkerConfig', reason: 'only SimpleHeaderConverter (Connect\'s default) is implemented by this engine' },
  { name: 'key.converter.decimal.format', prefix: false, unless: ['BASE64'], from: 'JsonConverterConfig', reason: 'only BASE64 (JsonConverter\'s default) is implemented by this engine' },
  { name: 'value.converter.decimal.format', prefix: false, unless: ['BASE64'], from: 'JsonConverterConfig', reason: 'only BASE64 (JsonConverter\'s default) is implemented by this engine' },
  { name: 'key.converter.replace.null.with.default', prefix: false, unless: ['true'], from: 'JsonConverterConfig', reason: 'only true (JsonConverter\'s default) is implemented by this engine' },
  { name: 'value.converter.replace.null.with.default', prefix: false, unless: ['true'], from: 'JsonConverterConfig', reason: 'only true (JsonConverter\'s default) is implemented by this engine' },
  { name: 'xmin.fetch.interval.ms', prefix: false, unless: ['0'], from: 'PostgresConnectorConfig', reason: 'is not implemented by this engine (source.xmin stays null); remove the key or run this connector on Debezium' },
  { name: 'replica.identity.autoset.values', prefix: false, from: 'PostgresConnectorConfig', reason: 'is not implemented by this engine (it would ALTER TABLE … REPLICA IDENTITY, which changes the before images); set the replica identity yourself or run this connector on Debezium' },
  { name: 'schema.refresh.mode', prefix: false, unless: ['columns_diff'], from: 'PostgresConnectorConfig', reason: 'only columns_diff (the default) is implemented by this engine' },
  { name: 'snapshot.query.mode', prefix: false, unless: ['select_all'], from: 'CommonConnectorConfig', reason: 'only select_all (the default) is implemented by this engine' },
  // a value the converter rejects is null under warn (the default) and skip alike (TableSchemaBuilder.createValueGenerator)
  { name: 'event.converting.failure.handling.mode', prefix: false, unless: ['warn', 'skip'], from: 'CommonConnectorConfig', reason: 'fail is not implemented by this engine (a value it cannot convert is null, as under warn)' },
  { name: 'read.only', prefix: false, unless: ['false'], from: 'PostgresConnectorConfig', reason: 'read-only incremental snapshots are not implemented by this engine; use a signal table or run this connector on Debezium' },
  // found by the key catalogue (key-catalogue.json): keys whose non-default values change the records or the
  // database, not implemented here
  { name: 'database.initial.statements', prefix: false, from: 'PostgresConnectorConfig', reason: 'statements run on each connection are not implemented by this engine (they could change what the snapshot reads); remove the key or run this connector on Debezium' },
  { name: 'database.sslmode', prefix: false, unless: ['disable', 'allow', 'prefer'], from: 'PostgresConnectorConfig', reason: 'TLS connections to PostgreSQL are not implemented by this engine (it connects without TLS); use disable, or run this connector on Debezium' },
  ...['database.sslcert', 'database.sslkey', 'database.sslpassword', 'database.sslrootcert', 'database.sslfactory'].map((name): RefusedKey => ({ name, prefix: false, from: 'PostgresConnectorConfig', reason: 'TLS connections to PostgreSQL are not implemented by this engine; remove the key or run this connector on Debezium' })),
  { name: 'slot.drop.on.stop', prefix: false, unless: ['false'], from: 'PostgresConnectorConfig', reason: 'dropping the slot on stop is not implemented by this engine; drop it yourself (pg_drop_replication_slot) or run this connector on Debezium' },
  { name: 'slot.failover', prefix: false, unless: ['false'], from: 'PostgresConnectorConfig', reason: 'failover slots (PostgreSQL 17) are not implemented by this engine; remove the key or run this connector on Debezium' },
  { name: 'slot.stream.params', prefix: false, from: 'PostgresConnectorConfig', reason: 'extra logical decoding parameters are not implemented by this engine (pgoutput gets proto_version and publication_names only); remove the key or run this connector on Debezium' },
  { name: 'slot.seek.to.known.offset.on.start', prefix: false, unless: ['false'], from: 'PostgresConnectorConfig', reason: 'is not implemented by this engine (internal Debezium key)' },
  { name: 'snapshot.isolation.mode', prefix: false, unless: ['serializable', 'repeatable_read'], from: 'PostgresConnectorConfig', reason: 'this engine snapshots in one REPEATABLE READ transaction on the slot\'s exported snapshot (serializable and repeatable_read read the same rows there); read_committed and read_uncommitted are not implemented' },
  { name: 'snapshot.locking.mode', prefix: false, unless: ['none'], from: 'PostgresConnectorConfig', reason: 'this engine takes no table locks during the snapshot (the exported snapshot is consistent without them); only none is implemented' },
  { name: 'snapshot.tables.order.by.row.count', prefix: false, unless: ['disabled'], from: 'RelationalDatabaseConnectorConfig', reason: 'ordering the snapshot by row count is not implemented by this engine (tables are read in name order); remove the key or run this connector on Debezium' },
  { name: 'table.ignore.builtin', prefix: false, unless: ['true'], from: 'RelationalDatabaseConnectorConfig', reason: 'capturing the system schemas is not implemented by this engine; only true (the default) is' },
  { name: 'sourceinfo.struct.maker', prefix: false, unless: ['io.debezium.connector.postgresql.PostgresSourceInfoStructMaker'], from: 'PostgresConnectorConfig', reason: 'only Debezium\'s default source block is implemented by this engine' },
  { name: 'incremental.snapshot.allow.schema.changes', prefix: false, unless: ['false'], from: 'CommonConnectorConfig', reason: 'schema changes during an incremental snapshot are not handled by this engine; only false (the default) is implemented' },
  { name: 'topic.heartbeat.prefix', prefix: false, unless: ['__debezium-heartbeat'], from: 'CommonConnectorConfig', reason: 'set heartbeat.topics.prefix instead: this engine names heartbeat topics from it' },
  { name: 'signal.enabled.channels', prefix: false, unless: ['source'], from: 'CommonConnectorConfig', reason: 'only the source channel (signal.data.collection) is implemented by this engine; kafka, jmx, file and in-process channels are not' },
  { name: 'notification.enabled.channels', prefix: false, from: 'CommonConnectorConfig', reason: 'notifications (sink, log, jmx channels) are not implemented by this engine; remove the key or run this connector on Debezium' },
  { name: 'notification.sink.topic.name', prefix: false, from: 'CommonConnectorConfig', reason: 'notifications are not implemented by this engine; remove the key or run this connector on Debezium' },
  { name: 'openlineage.integration.enabled', prefix: false, unless: ['false'], from: 'CommonConnectorConfig', reason: 'OpenLineage events are not implemented by this engine; remove the key or run this connector on Debezium' },
  { name: 'errors.tolerance', prefix: false, unless: ['none'], from: 'ConnectorConfig', reason: 'only none (Connect\'s default) is implemented on the source: a record that fails a transform or converter stops the task; all (skip it) is not implemented' },
  { name: 'exactly.once.support', prefix: false, unless: ['requested'], from: 'ConnectorConfig', reason: 'exactly-once source delivery is not implemented by this engine (it delivers at least once, as Connect without exactly.once.source.support); remove the key' },
  { name: 'transaction.boundary', prefix: false, unless: ['poll'], from: 'ConnectorConfig', reason: 'producer transactions are not implemented by this engine; remove the key' },
  { name: 'offsets.storage.topic', prefix: false, from: 'ConnectorConfig', reason: 'a per-connector offsets topic is not implemented by this engine (it keeps its own offsets store); remove the key' },
  { name: 'transaction.metadata.factory', prefix: false, unless: ['io.debezium.pipeline.txmetadata.DefaultTransactionMetadataFactory'], from: 'CommonConnectorConfig', reason: 'only the default transaction metadata factory is implemented by this engine' },
];


/** Keys Debezium or Connect read that change nothing in the records here: accepted, each with why. */
export interface AcceptedKey { name: string; reason: string }
const TUNING = 'a batching, polling or timeout setting: the records are the same; this engine uses its own';
const CUSTOM_ONLY = 'read only by a custom snapshotter, lock or query mode, which this engine refuses';
export const ACCEPTED_KEYS: readonly AcceptedKey[] = [
  { name: 'tasks.max', reason: 'one task whatever the value, as Debezium\'s PostgresConnector (taskConfigs returns one task)' },
  { name: 'tasks.max.enforce', reason: 'there is only one task' },
  { name: 'config.action.reload', reason: 'this engine has no config providers whose values could change' },
  { name: 'errors.retry.timeout', reason: 'Connect retries failed transform and converter operations; here they are not retriable and stop the task' },
  { name: 'errors.retry.delay.max.ms', reason: 'see errors.retry.timeout' },
  { name: 'errors.log.enable', reason: 'errors are always logged by this engine' },
  { name: 'errors.log.include.messages', reason: 'errors are always logged by this engine' },
  { name: 'transaction.boundary.interval.ms', reason: 'only read with transaction.boundary=interval, which is refused' },
  { name: 'producer.override.*', reason: 'the engine\'s producer (acks=all, idempotent) is used; the records are the same' },
  { name: 'consumer.override.*', reason: 'a source connector has no consumer of its own here' },
  { name: 'admin.override.*', reason: 'topics are created with the topic.creation.* settings; the admin client\'s own settings do not change them' },
  { name: 'header.converter.*', reason: 'SimpleHeaderConverter, the only header converter implemented, reads no keys' },
  { name: 'key.converter.schemas.cache.size', reason: 'a cache size: the records are the same' },
  { name: 'value.converter.schemas.cache.size', reason: 'a cache size: the records are the same' },
  ...['poll.interval.ms', 'query.fetch.size', 'snapshot.fetch.size', 'snapshot.max.threads',
    'snapshot.lock.timeout.ms', 'status.update.interval.ms', 'lsn.flush.timeout.ms', 'lsn.flush.timeout.action', 'database.query.timeout.ms', 'database.tcpKeepAlive',
    'connection.validation.timeout.ms', 'executor.shutdown.timeout.ms', 'signal.poll.interval.ms', 'topic.cache.size', 'create.slot.command.timeout',
    'snapshot.delay.ms', 'streaming.delay.ms'].map((name) => ({ name, reason: TUNING })),
  { name: 'snapshot.mode.custom.name', reason: CUSTOM_ONLY },
  { name: 'snapshot.locking.mode.custom.name', reason: CUSTOM_ONLY },
  { name: 'snapshot.query.mode.custom.name', reason: CUSTOM_ONLY },
  { name: 'signal.*', reason: 'keys of the kafka, jmx and file signal channels, which signal.enabled.channels refuses' },
  { name: 'notification.*', reason: 'keys of the notification channels, which notification.enabled.channels refuses' },
  ...['config.file.path', 'job.namespace', 'job.description', 'job.tags', 'job.owners'].map((k) => ({ name: `openlineage.integration.${k}`, reason: 'only read when openlineage.integration.enabled=true, which is refused' })),
  { name: 'advanced.metrics.enable', reason: 'metrics only (internal Debezium key)' },
  { name: 'custom.metric.tags', reason: 'metrics only' },
  { name: 'log.position.check.enable', reason: 'internal Debezium key; this engine checks the slot\'s position itself at start' },
  { name: 'custom.retriable.exception', reason: 'internal Debezium key: which exceptions restart the task' },
  { name: 'snapshot.scan.all.columns.force', reason: 'internal Debezium key; the snapshot reads the captured columns' },
  { name: 'include.schema.changes', reason: 'PostgresConnector has no schema change topic: its ConfigDef excludes this key' },
  { name: 'database.include.list', reason: 'PostgresConnector captures one database (database.dbname) and does not read it either' },
  { name: 'database.exclude.list', reason: 'PostgresConnector captures one database (database.dbname) and does not read it either' },
];

/**
 * For each implemented key (SOURCE_KEYS, the column mappers, the key families read elsewhere): the test file that
 * covers it (key-catalogue.test.ts checks it exists and names the key).
 */
const GOLDEN_TYPES = 'harness/engine/events/goldens/cases/type-map.tsv';
const CONFIG_TEST = 'harness/engine/source/config.test.ts';
const KEYS_TEST = 'harness/engine/source/config-keys.test.ts';
const MAPPERS_TEST = 'harness/engine/events/column-mappers-key.test.ts';
export const IMPLEMENTED_KEY_TESTS: Readonly<Record<string, string>> = {
  name: 'harness/engine/rest/validate-config.test.ts',
  'connector.class': 'harness/engine/rest/validate-config.test.ts',
  'key.converter': 'harness/engine/connect/avro/avro-config.test.ts',
  'value.converter': 'harness/engine/connect/avro/avro-config.test.ts',
  'key.converter.*': 'harness/engine/connect/avro/avro-config.test.ts',
  'value.converter.*': 'harness/engine/connect/avro/avro-config.test.ts',
  'key.converter.schemas.enable': MAPPERS_TEST,
  'value.converter.schemas.enable': 'harness/engine/events/event-builder.test.ts',
  'offset.flush.interval.ms': CONFIG_TEST,
  'errors.max.retries': CONFIG_TEST,
  'retriable.restart.connector.wait.ms': 'harness/engine/source/pipeline.integration.test.ts',
  'max.queue.size': 'harness/engine/source/queue-bound.integration.test.ts',
  'max.batch.size': 'harness/engine/source/queue-bound.integration.test.ts',
  'max.queue.size.in.bytes': 'harness/engine/source/queue-bound.integration.test.ts',
  'database.hostname': 'harness/engine/rest/validate-config.test.ts',
  'database.port': 'harness/engine/rest/validate-config.test.ts',
  'database.user': 'harness/engine/rest/validate-config.test.ts',
  'database.password': 'harness/engine/source/setup.integration.test.ts',
  'database.dbname': 'harness/engine/rest/validate-config.test.ts',
  'topic.prefix': 'harness/engine/rest/validate-config.test.ts',
  'plugin.name': CONFIG_TEST,
  'slot.name': 'harness/engine/source/crash.integration.test.ts',
  'slot.max.retries': 'harness/engine/source/setup.integration.test.ts',
  'slot.retry.delay.ms': 'harness/engine/source/setup.integration.test.ts',
  'publication.name': 'harness/engine/rest/connect-rest.integration.test.ts',
  'publication.autocreate.mode': 'harness/engine/source/setup.integration.test.ts',
  'flush.lsn.source': 'harness/engine/source/flush-lsn-source.integration.test.ts',
  'publish.via.partition.root': 'harness/engine/source/partition-root.integration.test.ts',
  'schema.include.list': CONFIG_TEST,
  'schema.exclude.list': KEYS_TEST,
  'table.include.list': 'harness/engine/source/setup.integration.test.ts',
  'table.exclude.list': CONFIG_TEST,
  'column.include.list': CONFIG_TEST,
  'column.exclude.list': 'harness/engine/source/setup.integration.test.ts',
  'message.key.columns': 'harness/engine/events/event-builder.test.ts',
  'skipped.operations': 'harness/engine/events/event-builder.test.ts',
  'skip.messages.without.change': 'harness/engine/events/event-builder.test.ts',
  'tombstones.on.delete': 'harness/engine/events/event-builder.test.ts',
  'decimal.handling.mode': 'harness/engine/events/row-struct-special.test.ts',
  'time.precision.mode': 'harness/engine/sinks/postgres/sink.integration.test.ts',
  'binary.handling.mode': GOLDEN_TYPES,
  'interval.handling.mode': GOLDEN_TYPES,
  'hstore.handling.mode': 'harness/engine/events/goldens/cases/extensions.tsv',
  'include.unknown.datatypes': GOLDEN_TYPES,
  'money.fraction.digits': KEYS_TEST,
  'unavailable.value.placeholder': KEYS_TEST,
  'extended.headers.enabled': 'harness/engine/events/event-builder.test.ts',
  'schema.name.adjustment.mode': 'harness/engine/source/name-adjustment.integration.test.ts',
  'field.name.adjustment.mode': 'harness/engine/source/name-adjustment.integration.test.ts',
  'event.processing.failure.handling.mode': 'harness/engine/source/event-failure.integration.test.ts',
  'topic.delimiter': KEYS_TEST,
  'topic.transaction': KEYS_TEST,
  'provide.transaction.metadata': 'harness/engine/events/event-builder.test.ts',
  'heartbeat.interval.ms': 'harness/engine/source/pipeline.integration.test.ts',
  'heartbeat.action.query': 'harness/engine/source/pipeline.integration.test.ts',
  'heartbeat.topics.prefix': KEYS_TEST,
  'snapshot.mode': 'harness/engine/source/snapshot-modes-debezium.integration.test.ts',
  'snapshot.mode.configuration.based.snapshot.data': 'harness/engine/source/snapshot-modes.integration.test.ts',
  'snapshot.mode.configuration.based.snapshot.schema': KEYS_TEST,
  'snapshot.mode.configuration.based.start.stream': KEYS_TEST,
  'snapshot.mode.configuration.based.snapshot.on.schema.error': KEYS_TEST,
  'snapshot.mode.configuration.based.snapshot.on.data.error': KEYS_TEST,
  'snapshot.select.statement.overrides': 'harness/engine/source/select-overrides.integration.test.ts',
  'snapshot.select.statement.overrides.*': 'harness/engine/source/select-overrides.integration.test.ts',
  'signal.data.collection': 'harness/engine/source/incremental/incremental-snapshot.integration.test.ts',
  'incremental.snapshot.chunk.size': 'harness/engine/source/incremental/incremental-snapshot.integration.test.ts',
  'incremental.snapshot.watermarking.strategy': CONFIG_TEST,
  'column.mask.hash.([^.]+).with.salt.(.+)': MAPPERS_TEST,
  'column.mask.with.(d+).chars': MAPPERS_TEST,
  'column.truncate.to.(d+).chars': MAPPERS_TEST,
  'column.propagate.source.type': MAPPERS_TEST,
  'datatype.propagate.source.type': MAPPERS_TEST,
  'topic.creation.*': 'harness/engine/connect/topic-creation.test.ts',
  transforms: 'harness/engine/connect/transforms/chain.test.ts',
  'transforms.*': 'harness/engine/connect/transforms/chain.test.ts',
  predicates: 'harness/engine/connect/transforms/chain.test.ts',
  'predicates.*': 'harness/engine/connect/transforms/chain.test.ts',
  'topic.creation.groups': 'harness/engine/connect/topic-creation.test.ts',
};
