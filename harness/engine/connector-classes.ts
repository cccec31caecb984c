// The Java class names the engine answers to, declared once. Pure constants with no imports, so the
// kit can tell a sink config from a source config without loading the engine (a public entry).

/** Debezium's PostgreSQL source connector. */
export const POSTGRES_CONNECTOR_CLASS = 'io.debezium.connector.postgresql.PostgresConnector';
/** Debezium's JDBC sink connector and its task (the task class shows in dead-letter headers). */
export const JDBC_SINK_CONNECTOR_CLASS = 'io.debezium.connector.jdbc.JdbcSinkConnector';
export const JDBC_SINK_TASK_CLASS = 'io.debezium.connector.jdbc.JdbcSinkConnectorTask';
/** Confluent's S3 sink connector. */
export const S3_SINK_CONNECTOR_CLASS = 'io.confluent.connect.s3.S3SinkConnector';
export const SINK_CONNECTOR_CLASSES: readonly string[] = [JDBC_SINK_CONNECTOR_CLASS, S3_SINK_CONNECTOR_CLASS];
/** Kafka Connect's JSON converter, the only converter implemented. */
export const JSON_CONVERTER_CLASS = 'org.apache.kafka.connect.json.JsonConverter';
