export { startS3Sink, describeS3Error } from './sink.js';
export type { S3Sink, S3SinkOptions, SinkConnectorStatus } from './sink.js';
export { parseS3SinkConfig, S3_SINK_CONNECTOR_CLASS, JSON_FORMAT, PARQUET_FORMAT, PARTITIONERS, FORMATS } from './config.js';
export type { S3SinkConfig, PartitionerSpec } from './config.js';
export { makePartitioner, objectKey, compileJodaFormat } from './partitioner.js';
