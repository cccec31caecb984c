// Public API of the engine.
export { startEngine } from './start-engine.js';
export type { Engine, EngineOptions } from './engine.js';
export type { ConnectorStatus, ConnectorState } from './engine-status.js';
export { EngineSetupError } from './pg-errors.js';
// Event side: configuration, type mapping, Debezium envelope and JsonConverter output.
export { parseConnectorConfig, ConfigError, ConfigErrors, POSTGRES_CONNECTOR_CLASS, JSON_CONVERTER_CLASS } from './config.js';
export type { PostgresConnectorConfig, DecimalHandlingMode, TimePrecisionMode, SnapshotMode } from './config.js';
export { EventBuilder, systemClockNs, PK_UPDATE_NEWKEY_HEADER, PK_UPDATE_OLDKEY_HEADER } from './event-builder.js';
export type { EventBuilderOptions } from './event-builder.js';
export { mapColumn, ValueConversionError } from './type-map.js';
export type { ColumnMapping } from './type-map.js';
export { serialize, schemaToJson, valueToJson } from './json-converter.js';
export type { ConnectSchema, ConnectField, ConnectType } from './connect-schema.js';
export { buildTableSchema, tableTopic } from './table-schema.js';
export type { TableSchema } from './table-schema.js';
export * from './contract.js';
// Postgres sink (the Debezium JDBC sink's keys) with Kafka Connect's error handling and dead letter queue.
export { startPostgresSink } from './sink-postgres/sink.js';
export type { PostgresSink, PostgresSinkOptions, SinkStatus, SinkState } from './sink-postgres/sink.js';
export { parseSinkConfig, JDBC_SINK_CONNECTOR_CLASS } from './sink-postgres/config.js';
export type { PostgresSinkConfig } from './sink-postgres/config.js';
export { ERROR_HEADERS } from './sink-postgres/dlq.js';
// Sinks and transforms: the S3 sink (Confluent S3 sink keys and layout) and Debezium's ExtractNewRecordState.
export { startS3Sink, parseS3SinkConfig, S3_SINK_CONNECTOR_CLASS, PARTITIONERS as S3_PARTITIONERS } from './sink-s3/index.js';
export type { S3Sink, S3SinkOptions, S3SinkConfig, SinkConnectorStatus } from './sink-s3/index.js';
export { buildTransforms, extractNewRecordState, EXTRACT_NEW_RECORD_STATE, decodeConnectJson, recordFromKafka, payloadToJson } from './transforms/index.js';
export type { SinkRecord, RecordHeader, Transform } from './transforms/index.js';
