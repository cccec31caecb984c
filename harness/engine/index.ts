// Public API of the engine.
export { startEngine } from './start-engine.ts';
export type { Engine, EngineOptions } from './engine.ts';
export type { ConnectorStatus, ConnectorState } from './engine-status.ts';
export { EngineSetupError } from './pg-errors.ts';
// Event side: configuration, type mapping, Debezium envelope and JsonConverter output.
export { parseConnectorConfig, ConfigError, ConfigErrors, POSTGRES_CONNECTOR_CLASS, JSON_CONVERTER_CLASS } from './config.ts';
export type { PostgresConnectorConfig, DecimalHandlingMode, TimePrecisionMode, SnapshotMode } from './config.ts';
export { EventBuilder, systemClockNs, PK_UPDATE_NEWKEY_HEADER, PK_UPDATE_OLDKEY_HEADER } from './event-builder.ts';
export type { EventBuilderOptions } from './event-builder.ts';
export { mapColumn, ValueConversionError } from './type-map.ts';
export type { ColumnMapping } from './type-map.ts';
export { serialize, schemaToJson, valueToJson } from './json-converter.ts';
export type { ConnectSchema, ConnectField, ConnectType } from './connect-schema.ts';
export { buildTableSchema, tableTopic } from './table-schema.ts';
export type { TableSchema } from './table-schema.ts';
export * from './contract.ts';
// Postgres sink (the Debezium JDBC sink's keys) with Kafka Connect's error handling and dead letter queue.
export { startPostgresSink } from './sink-postgres/sink.ts';
export type { PostgresSink, PostgresSinkOptions, SinkStatus, SinkState } from './sink-postgres/sink.ts';
export { parseSinkConfig, JDBC_SINK_CONNECTOR_CLASS } from './sink-postgres/config.ts';
export type { PostgresSinkConfig } from './sink-postgres/config.ts';
export { ERROR_HEADERS } from './sink-postgres/dlq.ts';
// Sinks and transforms: the S3 sink (Confluent S3 sink keys and layout) and Debezium's ExtractNewRecordState.
export { startS3Sink, parseS3SinkConfig, S3_SINK_CONNECTOR_CLASS, PARTITIONERS as S3_PARTITIONERS } from './sink-s3/index.ts';
export type { S3Sink, S3SinkOptions, S3SinkConfig, SinkConnectorStatus } from './sink-s3/index.ts';
export { buildTransforms, extractNewRecordState, EXTRACT_NEW_RECORD_STATE, decodeConnectJson, recordFromKafka, payloadToJson } from './transforms/index.ts';
export type { SinkRecord, RecordHeader, Transform } from './transforms/index.ts';
