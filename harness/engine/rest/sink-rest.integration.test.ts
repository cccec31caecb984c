// Sinks through the Kafka-Connect-compatible REST API: POST /connectors with a sink class starts
// the native sink, status says type "sink" and carries a failed task's trace, the password of a
// wrong connection.url is masked in that trace and in every log line.
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, stackInfo, uniqueId, waitFor, type TestDb } from '../source/it-helpers.test-helper.ts';
import { startConnectRestServer, type ConnectRestServer } from './rest-server.ts';

const SECRET = 'topsecret-7f3a';

let server: ConnectRestServer;
let target: TestDb;
const logs: string[] = [];

beforeAll(async () => {
  target = await createTestDb('rest_sink_tgt');
  server = await startConnectRestServer({ bootstrapServers: stackInfo().kafka.bootstrapServers, logger: (level, msg) => logs.push(`${level} ${msg}`) });
});
afterAll(async () => {
  await server?.close();
  await target?.drop();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function jdbcSink(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { postgres } = stackInfo();
  return {
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
    'connection.url': `jdbc:postgresql://${postgres.host}:${postgres.port}/${target.name}`,
    'connection.username': postgres.user,
    'connection.password': postgres.password,
    'insert.mode': 'upsert',
    'primary.key.mode': 'record_key',
    'schema.evolution': 'basic',
    ...extra,
    name,
  };
}

describe('sink connectors through the REST API', () => {
  it('lists the two sink plugins beside the source', async () => {
    const { body } = await call('GET', '/connector-plugins');
    expect(body.map((p: { class: string; type: string }) => `${p.type} ${p.class}`)).toEqual([
      'sink io.debezium.connector.jdbc.JdbcSinkConnector',
      'sink io.confluent.connect.s3.S3SinkConnector',
      'source io.debezium.connector.postgresql.PostgresConnector',
    ]);
  });

  it('refuses an invalid sink config with 400, naming the key and the allowed values', async () => {
    const { status, body } = await call('POST', '/connectors', { name: 'bad-mode', config: jdbcSink('bad-mode', { topics: 't', 'insert.mode': 'merge' }) });
    expect(status).toBe(400);
    expect(body.message).toMatch(/The 'insert\.mode' value is invalid: "merge".*\(allowed: insert, update, upsert\)/);
  });

  it('a JDBC sink: created as type sink, RUNNING, writes the rows of its topic', async () => {
    const id = uniqueId('restsink');
    const topic = `${id}.public.items`;
    const kafka = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const keySchema = { type: 'struct', optional: false, fields: [{ field: 'id', type: 'int32', optional: false }] };
    const row = { type: 'struct', optional: true, fields: [{ field: 'id', type: 'int32', optional: false }, { field: 'name', type: 'string', optional: true }] };
    const envelope = { type: 'struct', optional: false, fields: [{ ...row, field: 'before' }, { ...row, field: 'after' }, { type: 'string', optional: false, field: 'op' }] };
    await producer.send({
      topic,
      messages: [{ key: JSON.stringify({ schema: keySchema, payload: { id: 1 } }), value: JSON.stringify({ schema: envelope, payload: { before: null, after: { id: 1, name: 'widget' }, op: 'c' } }) }],
    });
    await producer.disconnect();

    const created = await call('POST', '/connectors', { name: id, config: jdbcSink(id, { topics: topic, 'collection.name.format': 'items' }) });
    expect(created.status).toBe(201);
    expect(created.body.type).toBe('sink');
    try {
      await waitFor('the row in the target', async () => (await target.client.query('SELECT name FROM items WHERE id = 1').catch(() => ({ rows: [] }))).rows[0]?.name === 'widget');
      const { body: status } = await call('GET', `/connectors/${id}/status`);
      expect(status).toMatchObject({ name: id, connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }], type: 'sink' });
      const { body: tasks } = await call('GET', `/connectors/${id}/tasks`);
      expect(tasks[0].config['task.class']).toBe('io.debezium.connector.jdbc.JdbcSinkConnectorTask');
      expect((await call('GET', `/connectors/${id}`)).body.type).toBe('sink');
    } finally {
      expect((await call('DELETE', `/connectors/${id}`)).status).toBe(204);
    }
  });

  it('a wrong connection.url: the task FAILS, its trace names connection.url, the password is masked there and in every log line', async () => {
    const name = uniqueId('badurl');
    const config = jdbcSink(name, { topics: 'nowhere', 'connection.url': `jdbc:postgresql://127.0.0.1:1/nope?password=${SECRET}`, 'connection.password': SECRET });
    expect((await call('POST', '/connectors', { name, config })).status).toBe(201);
    const status = await waitFor('the task to fail', async () => {
      const { body } = await call('GET', `/connectors/${name}/status`);
      return body.tasks[0]?.state === 'FAILED' ? body : null;
    });
    expect(status.type).toBe('sink');
    expect(status.connector.state).toBe('RUNNING');
    expect(status.tasks[0].trace).toMatch(/connection\.url jdbc:postgresql:\/\/127\.0\.0\.1:1\/nope\?password=\*\*\*\*\*\*\*\*: cannot connect/);
    expect(JSON.stringify(status)).not.toContain(SECRET);
    expect((await call('GET', '/connectors?expand=status')).body[name].status.tasks[0].trace).not.toContain(SECRET);
    expect(logs.join('\n')).not.toContain(SECRET);
    await call('DELETE', `/connectors/${name}`);
  });
});
