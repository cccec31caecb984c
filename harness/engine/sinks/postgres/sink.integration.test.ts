// The Postgres sink end to end on the shared stack: our engine's events flow into a second
// database; converter failures go to the DLQ with Connect's headers under tolerance all; a row the
// target rejects fails the task (as the Debezium JDBC sink 3.2.0 does: its put() failures reach no DLQ).
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, startPostgresSink } from '../../index.ts';
import { connectorConfig, createTestDb, readTopic, stackInfo, uniqueId, waitFor, type TestDb } from '../../source/it-helpers.test-helper.ts';

let source: TestDb;
let target: TestDb;
beforeAll(async () => {
  source = await createTestDb('sink_src');
  target = await createTestDb('sink_tgt');
});
afterAll(async () => {
  await source?.drop();
  await target?.drop();
});

function sinkConfig(name: string, extra: Record<string, unknown>): Record<string, unknown> {
  const { postgres } = stackInfo();
  return {
    name,
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
    'connection.url': `jdbc:postgresql://${postgres.host}:${postgres.port}/${target.name}`,
    'connection.username': postgres.user,
    'connection.password': postgres.password,
    ...extra,
  };
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await target.client.query(sql)).rows;
}

const rowSchema = {
  type: 'struct', optional: true, name: 'x.Value',
  fields: [{ field: 'id', type: 'int32', optional: false }, { field: 'qty', type: 'int32', optional: true }],
};
const keySchema = { type: 'struct', optional: false, name: 'x.Key', fields: [{ field: 'id', type: 'int32', optional: false }] };
function handMade(id: number, qty: number): { key: string; value: string } {
  const envSchema = {
    type: 'struct', optional: false, name: 'x.Envelope',
    fields: [{ ...rowSchema, field: 'before' }, { ...rowSchema, field: 'after' }, { type: 'string', optional: false, field: 'op' }],
  };
  return {
    key: JSON.stringify({ schema: keySchema, payload: { id } }),
    value: JSON.stringify({ schema: envSchema, payload: { before: null, after: { id, qty }, op: 'c' } }),
  };
}

async function produce(topic: string, messages: Array<{ key: string | null; value: string | null }>): Promise<void> {
  const kafka = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages });
  await producer.disconnect();
}

describe('startPostgresSink', () => {
  it('mirrors inserts, updates, deletes from our engine into an auto-created table, and adds a column added at the source', async () => {
    const id = uniqueId('p2p');
    await source.client.query(`CREATE TABLE ${id} (emp_id serial PRIMARY KEY, name varchar(100) NOT NULL, salary numeric(10,2), hire_date date, created_at timestamp DEFAULT CURRENT_TIMESTAMP)`);
    await source.client.query(`INSERT INTO ${id} (name, salary, hire_date) VALUES ('Ada', 75000.00, '2024-01-15'), ('Grace', 80000.50, '2024-02-01')`);
    const engine = await startEngine({
      config: connectorConfig(source.name, id, { 'table.include.list': `public.${id}`, 'decimal.handling.mode': 'string', 'time.precision.mode': 'connect' }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    const table = `Emp "${id}" Copy`;
    const logs: string[] = [];
    const sink = await startPostgresSink({
      config: sinkConfig(`${id}-sink`, {
        topics: `${id}.public.${id}`,
        'insert.mode': 'upsert',
        'primary.key.mode': 'record_key',
        'delete.enabled': 'true',
        'schema.evolution': 'basic',
        'collection.name.format': table,
        'quote.identifiers': 'true',
        'batch.size': '2',
      }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
      logger: (level, msg) => logs.push(`${level} ${msg}`),
    });
    try {
      const q = `SELECT * FROM "${table.replace(/"/g, '""')}" ORDER BY emp_id`;
      await waitFor('snapshot rows in the target', async () => (await rows(q).catch(() => [])).length === 2);
      await source.client.query(`UPDATE ${id} SET salary = 76000 WHERE name = 'Ada'`);
      await source.client.query(`DELETE FROM ${id} WHERE name = 'Grace'`);
      await source.client.query(`ALTER TABLE ${id} ADD COLUMN email text`);
      await source.client.query(`INSERT INTO ${id} (name, salary, hire_date, email) VALUES ('Linus', 1.5, '2024-03-03', 'l@example.com')`);
      const got = await waitFor('changes in the target', async () => {
        const r = await rows(q).catch(() => []);
        return r.length === 2 && r[1].email === 'l@example.com' ? r : null;
      });
      expect(got.map((r) => [r.emp_id, r.name, r.salary, r.email])).toEqual([[1, 'Ada', '76000.00', null], [3, 'Linus', '1.50', 'l@example.com']]);
      expect((got[0].hire_date as Date).toISOString().slice(0, 10)).toBe('2024-01-15');
      const cols = await rows(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '${table.replace(/'/g, "''")}' ORDER BY ordinal_position`,
      );
      expect(cols.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
        'emp_id integer NO', 'name text NO', 'salary text YES', 'hire_date date YES', 'created_at timestamp without time zone YES', 'email text YES',
      ]);
      expect(sink.status()).toMatchObject({ name: `${id}-sink`, connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }], type: 'sink' });
      expect(sink.metrics()).toMatchObject({ tables_created: 1, columns_added: 1, rows_deleted: 2 }); // the delete and its tombstone each run a DELETE
      // offsets committed for the group connect-<name>
      const admin = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const off = await admin.fetchOffsets({ groupId: `connect-${id}-sink`, topics: [`${id}.public.${id}`] });
      await admin.disconnect();
      expect(Number(off[0].partitions[0].offset)).toBeGreaterThanOrEqual(6); // 2 reads, 1 update, delete + tombstone, 1 insert
    } catch (e) {
      console.log(logs.join('\n'));
      throw e;
    } finally {
      await sink.stop();
      await engine.stop();
    }
  });

  it('tolerance all: a malformed message goes to the DLQ with every __connect.errors.* header and the rest flows', async () => {
    const id = uniqueId('dlq');
    const topic = `${id}.src`;
    const good1 = handMade(1, 10);
    const good2 = handMade(2, 20);
    await produce(topic, [good1, { key: good2.key, value: '{"not": "an envelope"' }, { key: null, value: '{"plain":true}' }, good2]);
    const sink = await startPostgresSink({
      config: sinkConfig(`${id}-sink`, {
        topics: topic, 'insert.mode': 'upsert', 'primary.key.mode': 'record_key', 'schema.evolution': 'basic',
        'collection.name.format': `${id}_\${topic}`,
        'errors.tolerance': 'all', 'errors.log.enable': 'true',
        'errors.deadletterqueue.topic.name': `${id}-dlq`, 'errors.deadletterqueue.topic.replication.factor': '1',
        'errors.deadletterqueue.context.headers.enable': 'true',
      }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    try {
      const tbl = `${id}_${id}_src`;
      await waitFor('good rows', async () => (await rows(`SELECT id, qty FROM "${tbl}" ORDER BY id`).catch(() => [])).length === 2);
      expect(await rows(`SELECT id, qty FROM "${tbl}" ORDER BY id`)).toEqual([{ id: 1, qty: 10 }, { id: 2, qty: 20 }]);
      const dlq = await readTopic(`${id}-dlq`, (m) => m.length >= 2, 30_000);
      expect(dlq.map((m) => m.value)).toEqual(['{"not": "an envelope"', '{"plain":true}']);
      expect(dlq[0].key).toBe(good2.key);
      expect(dlq[0].headers).toMatchObject({
        '__connect.errors.topic': topic,
        '__connect.errors.partition': '0',
        '__connect.errors.offset': '1',
        '__connect.errors.connector.name': `${id}-sink`,
        '__connect.errors.task.id': '0',
        '__connect.errors.stage': 'VALUE_CONVERTER',
        '__connect.errors.class.name': 'org.apache.kafka.connect.json.JsonConverter',
        '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
        '__connect.errors.exception.message': 'Converting byte[] to Kafka Connect data failed due to serialization error: ',
      });
      expect(dlq[0].headers['__connect.errors.exception.stacktrace']).toMatch(/^org\.apache\.kafka\.connect\.errors\.DataException/);
      expect(dlq[1].headers['__connect.errors.offset']).toBe('2');
      expect(dlq[1].headers['__connect.errors.exception.message']).toMatch(/^JsonConverter with schemas.enable requires/);
      expect(sink.metrics()).toMatchObject({ dlq_records: 2 });
      expect(sink.status().tasks[0].state).toBe('RUNNING');
    } finally {
      await sink.stop();
    }
  });

  it('a row the target rejects fails the task even under tolerance all; a malformed message fails it under none', async () => {
    const id = uniqueId('poison');
    const topic = `${id}.src`;
    await target.client.query(`CREATE TABLE "${id}_t" (id integer NOT NULL PRIMARY KEY, qty integer NULL CHECK (qty >= 0))`);
    await produce(topic, [handMade(1, 5), handMade(2, -1), handMade(3, 7)]);
    const sink = await startPostgresSink({
      config: sinkConfig(`${id}-sink`, {
        topics: topic, 'insert.mode': 'upsert', 'primary.key.mode': 'record_key', 'collection.name.format': `${id}_t`, 'batch.size': '1',
        'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': `${id}-dlq`, 'errors.deadletterqueue.topic.replication.factor': '1',
        'errors.deadletterqueue.context.headers.enable': 'true',
      }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    try {
      const st = await waitFor('task failure', async () => (sink.status().tasks[0].state === 'FAILED' ? sink.status() : null));
      expect(st.connector.state).toBe('RUNNING');
      expect(st.tasks[0].trace).toMatch(/^org\.apache\.kafka\.connect\.errors\.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception\./);
      expect(st.tasks[0].trace).toContain('Caused by: org.postgresql.util.PSQLException: ERROR: new row for relation');
      expect(await rows(`SELECT id FROM "${id}_t" ORDER BY id`)).toEqual([{ id: 1 }]);
      const admin = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const off = await admin.fetchOffsets({ groupId: `connect-${id}-sink`, topics: [topic] });
      await admin.disconnect();
      expect(off[0].partitions[0].offset).toBe('1'); // the rejected record is not committed: a restart retries it
    } finally {
      await sink.stop();
    }

    const topic2 = `${id}.bad`;
    await produce(topic2, [{ key: null, value: 'garbage' }]);
    const strict = await startPostgresSink({
      config: sinkConfig(`${id}-strict`, { topics: topic2, 'schema.evolution': 'basic' }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    try {
      const st = await waitFor('task failure', async () => (strict.status().tasks[0].state === 'FAILED' ? strict.status() : null));
      expect(st.tasks[0].trace).toMatch(/^org\.apache\.kafka\.connect\.errors\.ConnectException: Tolerance exceeded in error handler\nCaused by|^org\.apache\.kafka\.connect\.errors\.ConnectException: Tolerance exceeded in error handler\n\tat /);
      expect(st.tasks[0].trace).toContain('Caused by: org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed');
    } finally {
      await strict.stop();
    }
  });

  it('primary.key.mode kafka and record_value, insert.mode insert and update, truncate.enabled, schema.evolution none', async () => {
    const id = uniqueId('modes');
    const topic = `${id}.src`;
    const truncate = JSON.stringify({
      schema: { type: 'struct', optional: false, name: 'x.Envelope', fields: [{ ...rowSchema, field: 'before' }, { ...rowSchema, field: 'after' }, { type: 'string', optional: false, field: 'op' }] },
      payload: { before: null, after: null, op: 't' },
    });
    await produce(topic, [handMade(1, 10), handMade(1, 11), handMade(2, 20)]);
    const start = (name: string, extra: Record<string, unknown>) =>
      startPostgresSink({ config: sinkConfig(`${id}-${name}`, { topics: topic, 'schema.evolution': 'basic', 'collection.name.format': `${id}_${name}`, ...extra }), bootstrapServers: stackInfo().kafka.bootstrapServers });
    const kafkaPk = await start('kafka', { 'primary.key.mode': 'kafka', 'insert.mode': 'insert' });
    const valuePk = await start('value', { 'primary.key.mode': 'record_value', 'primary.key.fields': 'id', 'insert.mode': 'upsert', 'truncate.enabled': 'true' });
    const noEvolution = await start('none', { 'schema.evolution': 'none' });
    try {
      const k = await waitFor('kafka pk rows', async () => {
        const r = await rows(`SELECT * FROM "${id}_kafka" ORDER BY __connect_offset`).catch(() => []);
        return r.length === 3 ? r : null;
      });
      expect(k.map((r) => [r.__connect_topic, r.__connect_partition, r.__connect_offset, r.id, r.qty])).toEqual([
        [topic, 0, '0', 1, 10], [topic, 0, '1', 1, 11], [topic, 0, '2', 2, 20],
      ]);
      expect(await rows(`SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conrelid = '"${id}_kafka"'::regclass AND contype = 'p'`)).toEqual([
        { d: 'PRIMARY KEY (__connect_topic, __connect_partition, __connect_offset)' },
      ]);
      await waitFor('value pk rows', async () => (await rows(`SELECT id, qty FROM "${id}_value" ORDER BY id`).catch(() => [])).length === 2);
      expect(await rows(`SELECT id, qty FROM "${id}_value" ORDER BY id`)).toEqual([{ id: 1, qty: 11 }, { id: 2, qty: 20 }]);
      const st = await waitFor('no table without evolution', async () => (noEvolution.status().tasks[0].state === 'FAILED' ? noEvolution.status() : null));
      expect(st.tasks[0].trace).toContain('because schema evolution is disabled');
      await produce(`${topic}`, [{ key: null, value: truncate }]).catch(() => undefined); // topic exists: createTopics is a no-op
      await waitFor('truncated', async () => (await rows(`SELECT count(*)::int AS n FROM "${id}_value"`))[0].n === 0);
    } finally {
      await Promise.all([kafkaPk.stop(), valuePk.stop(), noEvolution.stop()]);
    }
    // insert.mode update touches existing rows only
    await target.client.query(`CREATE TABLE "${id}_upd" (id integer PRIMARY KEY, qty integer)`);
    await target.client.query(`INSERT INTO "${id}_upd" VALUES (1, 0)`);
    const upd = await start('upd', { 'primary.key.mode': 'record_key', 'insert.mode': 'update' });
    try {
      await waitFor('updated', async () => (await rows(`SELECT qty FROM "${id}_upd" WHERE id = 1`))[0].qty === 11);
      expect(await rows(`SELECT id, qty FROM "${id}_upd" ORDER BY id`)).toEqual([{ id: 1, qty: 11 }]);
    } finally {
      await upd.stop();
    }
  });

  it('a wrong connection.url is named with the password masked', async () => {
    const bad = sinkConfig('bad-url', { topics: 'x', 'connection.url': 'jdbc:postgresql://127.0.0.1:1/nope?password=topsecret' });
    delete bad['connection.password'];
    const err = await startPostgresSink({ config: bad, bootstrapServers: stackInfo().kafka.bootstrapServers }).catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/^connection\.url jdbc:postgresql:\/\/127\.0\.0\.1:1\/nope\?password=\*\*\*\*\*\*\*\*: /);
    expect(String((err as Error).message)).not.toContain('topsecret');
  });
});
