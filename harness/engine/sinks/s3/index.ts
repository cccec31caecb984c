export { startS3Sink, describeS3Error } from './sink.ts';
export type { S3Sink, S3SinkOptions, SinkConnectorStatus } from './sink.ts';
export { parseS3SinkConfig, S3_SINK_CONNECTOR_CLASS, JSON_FORMAT, PARQUET_FORMAT, PARTITIONERS, FORMATS } from './config.ts';
export type { S3SinkConfig, PartitionerSpec } from './config.ts';
export { makePartitioner, objectKey, compileJodaFormat } from './partitioner.ts';
