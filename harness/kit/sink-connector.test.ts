import { describe, expect, it } from 'vitest';
import type { StackInfo } from '../runtime/types.ts';
import { parseConnectorJson } from './connector-config.ts';
import { isSinkConfig, jdbcDatabase, sinkLeftovers, sinkTargetDatabase, withSinkConnection } from './sink-connector.ts';

const stack: StackInfo = {
  runtime: 'native',
  postgres: { host: '127.0.0.1', port: 5544, user: 'postgres', password: 'pw', database: 'postgres', url: 'postgres://postgres:pw@127.0.0.1:5544/postgres' },
  kafka: { mode: 'kraft', bootstrapServers: ['127.0.0.1:9092'] },
  s3: { endpoint: 'http://127.0.0.1:9090', region: 'us-east-1', accessKeyId: 'a', secretAccessKey: 's', forcePathStyle: true },
};
const jdbc = { name: 'employees-sink', 'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector', 'connection.url': 'jdbc:postgresql://target-db:5432/target', 'connection.password': 'cdc' };

describe('sink connectors in labs', () => {
  it('recognises the JDBC and S3 sinks by connector.class, not sources', () => {
    expect(isSinkConfig(jdbc)).toBe(true);
    expect(isSinkConfig({ 'connector.class': 'io.confluent.connect.s3.S3SinkConnector' })).toBe(true);
    expect(isSinkConfig({ 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector' })).toBe(false);
  });

  it('points a JDBC sink at the lab-owned target database named after the one in connection.url', () => {
    expect(jdbcDatabase('jdbc:postgresql://h:5432/target?ssl=false')).toBe('target');
    expect(sinkTargetDatabase('lab_p2p', jdbc)).toBe('lab_p2p_target');
    const c = withSinkConnection(jdbc, stack, 'lab_p2p');
    expect(c['connection.url']).toBe('jdbc:postgresql://127.0.0.1:5544/lab_p2p_target');
    expect(c['connection.username']).toBe('postgres');
    expect(c['connection.password']).toBe('pw');
    expect(c['insert.mode']).toBeUndefined();
    expect(withSinkConnection(jdbc, stack, 'lab_p2p', { host: 'pg', port: 5432 })['connection.url']).toBe('jdbc:postgresql://pg:5432/lab_p2p_target');
  });

  it("fills an S3 sink's store.url and credentials from the stack, and refuses a stack without S3", () => {
    const s3 = { name: 's', 'connector.class': 'io.confluent.connect.s3.S3SinkConnector', 'store.url': 'http://minio:9000' };
    expect(withSinkConnection(s3, stack, 'lab_x')['store.url']).toBe('http://127.0.0.1:9090');
    expect(() => withSinkConnection(s3, { ...stack, s3: undefined }, 'lab_x')).toThrow(/needs the s3 service/);
  });

  it("lists a lab's DLQ topics and connect-<name> consumer groups to clean before a run", () => {
    const files = {
      'sink.json': JSON.stringify({ name: 'employees-sink', config: { ...jdbc, 'errors.deadletterqueue.topic.name': 'dlq_sink' } }),
      'source.json': JSON.stringify({ name: 'src', config: { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector' } }),
      'a.sql': 'SELECT 1',
    };
    const out = sinkLeftovers(files, parseConnectorJson);
    expect(out.topics).toEqual(['dlq_sink']);
    expect(out.groups).toEqual(['connect-employees-sink']);
    expect(out.targets).toHaveLength(1);
  });
});
