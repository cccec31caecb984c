// The engine's public API: everything the kit, the scripts, the conformance runner and an embedding
// user need. Nothing outside harness/engine imports a deeper file (harness/architecture.test.ts);
// the other entries are cli.ts (spawned) and kafkajs-lz4.ts (registers LZ4 for any kafkajs reader).

// The source connector: start it from connector JSON, watch it, stop it.
export { startEngine } from './source/start-engine.ts';
export type { Engine, EngineOptions } from './source/engine.ts';
export { parseConnectorConfig, POSTGRES_CONNECTOR_CLASS, JSON_CONVERTER_CLASS } from './source/config.ts';
export type { PostgresConnectorConfig, DecimalHandlingMode, TimePrecisionMode, SnapshotMode } from './source/config.ts';

// Errors: one base with a stable code and a retriable flag.
export { EngineError, ConfigError, ConfigErrors } from './errors.ts';
export { EngineSetupError } from './postgres/pg-errors.ts';

// Kafka Connect's shapes: status, the REST server (`npm run connect`), its Prometheus metrics.
export type { ConnectorStatus, ConnectorState, SourceConnectorStatus, SinkConnectorStatus } from './connect/connector-status.ts';
export { startConnectRestServer } from './rest/rest-server.ts';
export type { ConnectRestServer, RestServerOptions } from './rest/rest-server.ts';
export { renderMetrics, readSample, readSourceView } from './rest/prometheus-metrics.ts';
export { validatePlugin } from './rest/validate-config.ts';
export type { ConfigInfos } from './rest/validate-config.ts';
export type { ConnectorSample, SourceView } from './rest/prometheus-metrics.ts';

// The pure event side: type mapping, Debezium envelope and JsonConverter output.
export { EventBuilder, systemClockNs, PK_UPDATE_NEWKEY_HEADER, PK_UPDATE_OLDKEY_HEADER } from './events/event-builder.ts';
export type { EventBuilderOptions } from './events/event-builder.ts';
export { mapColumn, ValueConversionError } from './events/type-map.ts';
export type { ColumnMapping } from './events/type-map.ts';
export { buildTableSchema, tableTopic } from './events/table-schema.ts';
export type { TableSchema } from './events/table-schema.ts';
export * from './events/contract.ts';
export { serialize, schemaToJson, valueToJson } from './connect/json-converter.ts';
export type { ConnectSchema, ConnectField, ConnectType } from './connect/connect-schema.ts';
// Avro through a schema registry (Confluent's and Apicurio's AvroConverter): the lab readers decode with these.
export { AvroConverter, AvroDecoder, isAvroWireFormat } from './connect/avro/avro-converter.ts';
export { RegistryClient, ccompatBase } from './connect/avro/registry-client.ts';
export { fromConnectSchema, avroSchemaToString } from './connect/avro/avro-schema.ts';
export { connectSchemaFromAvro } from './connect/avro/connect-from-avro.ts';
export { avroType } from './connect/avro/avro-codec.ts';
export { CONFLUENT_AVRO_CONVERTER, APICURIO_AVRO_CONVERTER } from './connect/avro/avro-config.ts';
export type { AvroConverterConfig } from './connect/avro/avro-config.ts';

// Kafka and PostgreSQL pieces a benchmark or a lab drives directly.
export { KafkaWriter } from './kafka/kafka-writer.ts';
export type { KafkaWriterOptions } from './kafka/kafka-writer.ts';
export type { Logger, LogLevel } from './logger.ts';
export { parseLsn, formatLsn, formatSequence } from './postgres/lsn.ts';
export { dropSlotWhenInactive } from './postgres/slot.ts';
export { clearStoredOffset } from './kafka/offset-store.ts';

// Postgres sink (the Debezium JDBC sink's keys) with Kafka Connect's error handling and dead letter queue.
export { startPostgresSink } from './sinks/postgres/sink.ts';
export type { PostgresSink, PostgresSinkOptions, SinkStatus, SinkState } from './sinks/postgres/sink.ts';
export { parseSinkConfig, JDBC_SINK_CONNECTOR_CLASS } from './sinks/postgres/config.ts';
export type { PostgresSinkConfig } from './sinks/postgres/config.ts';
export { ERROR_HEADERS } from './sinks/postgres/dlq.ts';
// S3 sink (Confluent S3 sink keys and layout) and the transforms (Debezium's ExtractNewRecordState).
export { startS3Sink, parseS3SinkConfig, S3_SINK_CONNECTOR_CLASS, PARTITIONERS as S3_PARTITIONERS } from './sinks/s3/index.ts';
export type { S3Sink, S3SinkOptions, S3SinkConfig } from './sinks/s3/index.ts';
export { buildTransforms, extractNewRecordState, EXTRACT_NEW_RECORD_STATE, decodeConnectJson, recordFromKafka, payloadToJson } from './connect/transforms/index.ts';
export type { SinkRecord, RecordHeader, Transform } from './connect/transforms/index.ts';
// The source connector's key catalogue (scripts/key-catalogue.ts writes it) and each key's status.
export { keyStatus, KEY_CATALOGUE } from './source/key-status.ts';
export type { CatalogueEntry, CatalogueKey, KeyCatalogue, KeyStatus } from './source/key-status.ts';
