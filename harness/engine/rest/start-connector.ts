// What the REST server runs for a connector JSON, chosen by connector.class as a Connect worker
// chooses the plugin: the Postgres source (startEngine), the Debezium JDBC sink (startPostgresSink)
// or the Confluent S3 sink (startS3Sink). Each answers stop/status/metrics the same way.
import { POSTGRES_CONNECTOR_CLASS, parseConnectorConfig } from '../source/config.ts';
import { ConfigErrors } from '../errors.ts';
import type { ConnectorStatus } from '../connect/connector-status.ts';
import type { Logger } from '../logger.ts';
import { JDBC_SINK_CONNECTOR_CLASS, parseSinkConfig } from '../sinks/postgres/config.ts';
import { startPostgresSink } from '../sinks/postgres/sink.ts';
import { S3_SINK_CONNECTOR_CLASS, parseS3SinkConfig } from '../sinks/s3/config.ts';
import { startS3Sink } from '../sinks/s3/sink.ts';
import { startEngine } from '../source/start-engine.ts';
import { topicCreation } from '../connect/topic-creation.ts';
import { SINK_CONNECTOR_CLASSES } from '../connector-classes.ts';

export interface RunningConnector {
  stop(): Promise<void>;
  status(): ConnectorStatus;
  metrics(): Record<string, number>;
}

export const CONNECTOR_CLASSES: readonly string[] = [POSTGRES_CONNECTOR_CLASS, ...SINK_CONNECTOR_CLASSES];

/** Connect's tasks' classes, for GET /connectors/{name}/tasks. */
export const TASK_CLASSES: Record<string, string> = {
  [POSTGRES_CONNECTOR_CLASS]: 'io.debezium.connector.postgresql.PostgresConnectorTask',
  [JDBC_SINK_CONNECTOR_CLASS]: 'io.debezium.connector.jdbc.JdbcSinkConnectorTask',
  [S3_SINK_CONNECTOR_CLASS]: 'io.confluent.connect.s3.S3SinkTask',
};

export function connectorType(config: Record<string, unknown>): 'source' | 'sink' {
  return SINK_CONNECTOR_CLASSES.includes(String(config['connector.class'])) ? 'sink' : 'source';
}

/** Validates a config of any supported class; throws ConfigErrors naming every bad key. */
export function parseAnyConfig(config: Record<string, unknown>): void {
  const cls = String(config['connector.class']);
  if (cls === JDBC_SINK_CONNECTOR_CLASS) parseSinkConfig(config);
  else if (cls === S3_SINK_CONNECTOR_CLASS) parseS3SinkConfig(config);
  else {
    parseConnectorConfig(config);
    topicCreation(config);
  }
}

export function isConfigErrors(e: unknown): e is ConfigErrors {
  return e instanceof ConfigErrors || (e instanceof Error && e.name === 'ConfigErrors' && Array.isArray((e as ConfigErrors).errors));
}

export function startConnector(
  config: Record<string, unknown>,
  opts: { bootstrapServers: string[]; logger?: Logger; workerId: string },
): Promise<RunningConnector> {
  const cls = String(config['connector.class']);
  if (cls === JDBC_SINK_CONNECTOR_CLASS) return startPostgresSink({ config, ...opts });
  if (cls === S3_SINK_CONNECTOR_CLASS) return startS3Sink({ config, ...opts });
  return startEngine({ config, ...opts });
}
