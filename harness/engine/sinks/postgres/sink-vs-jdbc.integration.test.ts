// One input, two sinks: the real Debezium JDBC sink 3.2.0 on the shared Kafka Connect and ours.
// Compared: the created table (columns, types, nullability, primary key), the rows, the DLQ
// record and its __connect.errors.* headers for a malformed message, and the task failure for a
// row the target rejects (errors.tolerance=all in both).
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, startPostgresSink } from '../../index.ts';
import { connectorConfig, createTestDb, readTopic, stackInfo, uniqueId, waitFor, type TestDb } from '../../source/it-helpers.test-helper.ts';

let source: TestDb;
let target: TestDb;
beforeAll(async () => {
  source = await createTestDb('cmp_src');
  target = await createTestDb('cmp_tgt');
});
afterAll(async () => {
  await source?.drop();
  await target?.drop();
});

async function rest(path: string, method = 'GET', body?: unknown): Promise<any> {
  const res = await fetch(`${stackInfo().connect!.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok && res.status !== 404) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function common(name: string, forConnect: boolean): Record<string, string> {
  const s = stackInfo();
  const host = forConnect ? s.connect!.postgresHost : s.postgres.host;
  const port = forConnect ? s.connect!.postgresPort : s.postgres.port;
  return {
    name,
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
    'connection.url': `jdbc:postgresql://${host}:${port}/${target.name}`,
    'connection.username': s.postgres.user,
    'connection.password': s.postgres.password,
    'insert.mode': 'upsert',
    'primary.key.mode': 'record_key',
    'delete.enabled': 'true',
    'schema.evolution': 'basic',
    'errors.tolerance': 'all',
    'errors.deadletterqueue.topic.replication.factor': '1',
    'errors.deadletterqueue.context.headers.enable': 'true',
  };
}

async function columns(table: string): Promise<string[]> {
  const r = await target.client.query(
    `SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_nullable
       FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return r.rows.map((c) => Object.values(c).join(' '));
}

async function primaryKey(table: string): Promise<string | null> {
  const r = await target.client.query(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = $1) AND contype = 'p'`,
    [table],
  );
  return r.rows[0]?.def ?? null;
}

describe('our Postgres sink next to the Debezium JDBC sink 3.2.0', () => {
  it('same table, rows, DLQ headers and task failure on the same input', async () => {
    if (!stackInfo().connect) return;
    const id = uniqueId('cmp');
    await source.client.query(`CREATE TABLE ${id} (
      id serial PRIMARY KEY, name varchar(40) NOT NULL, qty integer, big bigint, small smallint, ratio real, score double precision,
      price numeric(10,2), flag boolean, born date, at timestamp, atz timestamptz, tm time, blob bytea, uid uuid, doc jsonb, tags text[])`);
    await source.client.query(`INSERT INTO ${id} (name, qty, big, small, ratio, score, price, flag, born, at, atz, tm, blob, uid, doc, tags) VALUES
      ('a', 1, 9007199254740991, 7, 1.5, 2.25, 12.34, true, '2024-01-15', '2024-01-15 10:00:00.123456', '2024-01-15 10:00:00+02', '10:11:12.5', '\\x0102', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"k": 1}', '{x,y}'),
      ('b', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    const engine = await startEngine({
      config: connectorConfig(source.name, id, { 'table.include.list': `public.${id}` }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    const topic = `${id}.public.${id}`;
    const theirs = `${id}_jdbc`;
    const ours = `${id}_ours`;
    await rest(`/connectors`, 'POST', {
      name: theirs,
      config: { ...common(theirs, true), topics: topic, 'collection.name.format': theirs, 'errors.deadletterqueue.topic.name': `${theirs}-dlq` },
    });
    const sink = await startPostgresSink({
      config: { ...common(ours, false), topics: topic, 'collection.name.format': ours, 'errors.deadletterqueue.topic.name': `${ours}-dlq` },
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    try {
      await source.client.query(`UPDATE ${id} SET qty = 2 WHERE name = 'a'`);
      await source.client.query(`DELETE FROM ${id} WHERE name = 'b'`);
      // a malformed message produced by hand, then a row the target rejects
      const kafka = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      const admin = kafka.admin();
      await admin.connect();
      await waitFor('topic', async () => (await admin.listTopics()).includes(topic));
      await admin.disconnect();
      await producer.send({ topic, messages: [{ key: null, value: '{"broken": ' }] });
      await producer.disconnect();
      const rowsOf = async (t: string) => (await target.client.query(`SELECT * FROM "${t}" ORDER BY id`).catch(() => ({ rows: [] }))).rows;
      await waitFor('both targets', async () => {
        const [a, b] = [await rowsOf(theirs), await rowsOf(ours)];
        return a.length === 1 && b.length === 1 && a[0].qty === 2 && b[0].qty === 2;
      }, 60_000).catch(async (e) => {
        console.log('THEIRS', JSON.stringify(await rowsOf(theirs)), JSON.stringify(await rest(`/connectors/${theirs}/status`)).slice(0, 3000));
        console.log('OURS', JSON.stringify(await rowsOf(ours)), JSON.stringify(sink.status()).slice(0, 3000), JSON.stringify(sink.metrics()));
        throw e;
      });
      expect(await columns(ours)).toEqual(await columns(theirs));
      expect((await primaryKey(ours))).toEqual(await primaryKey(theirs));
      const [a, b] = [await rowsOf(theirs), await rowsOf(ours)];
      expect(b).toEqual(a);

      const [dlqA, dlqB] = [await readTopic(`${theirs}-dlq`, (m) => m.length >= 1), await readTopic(`${ours}-dlq`, (m) => m.length >= 1)];
      const strip = (h: Record<string, string>) => {
        const { ['__connect.errors.connector.name']: _n, ['__connect.errors.exception.stacktrace']: st, ...rest } = h;
        return { ...rest, stackFirstLine: st?.split('\n')[0] };
      };
      expect(dlqB.map((m) => [m.key, m.value, strip(m.headers)])).toEqual(dlqA.map((m) => [m.key, m.value, strip(m.headers)]));

      // schema.evolution=basic: a column added at the source is added to both targets alike
      await source.client.query(`ALTER TABLE ${id} ADD COLUMN extra integer`);
      await source.client.query(`INSERT INTO ${id} (name, extra) VALUES ('c', 5)`);
      await waitFor('added column', async () => (await rowsOf(theirs)).length === 2 && (await rowsOf(ours)).length === 2, 60_000);
      expect(await columns(ours)).toEqual(await columns(theirs));
      expect(await rowsOf(ours)).toEqual(await rowsOf(theirs));

      // a row the target rejects: put() fails; under errors.tolerance=all too, the task fails and nothing reaches the DLQ
      for (const t of [theirs, ours]) await target.client.query(`ALTER TABLE "${t}" ADD CONSTRAINT "${t}_qty" CHECK (qty >= 0)`);
      await source.client.query(`UPDATE ${id} SET qty = -1 WHERE name = 'a'`);
      const theirStatus = await waitFor('their task failure', async () => {
        const st = await rest(`/connectors/${theirs}/status`);
        return st?.tasks?.[0]?.state === 'FAILED' ? st : null;
      }, 60_000);
      const ourStatus = await waitFor('our task failure', async () => (sink.status().tasks[0].state === 'FAILED' ? sink.status() : null));
      const causes = (trace: string) => trace.split('\n').filter((l: string) => /^(Caused by: )?[a-z]+\.[a-z.]+[A-Za-z]+(Exception|Error)/.test(l)).map((l: string) => l.replace(/^Caused by: /, '').split(':')[0]);
      expect(theirStatus.connector.state).toBe(ourStatus.connector.state);
      expect(causes(ourStatus.tasks[0].trace ?? '')[0]).toBe(causes(theirStatus.tasks[0].trace)[0]);
      expect(causes(ourStatus.tasks[0].trace ?? '')).toContain('org.postgresql.util.PSQLException');
      expect((await readTopic(`${theirs}-dlq`, (m) => m.length >= 2, 3000)).length).toBe(1);
      expect((await readTopic(`${ours}-dlq`, (m) => m.length >= 2, 3000)).length).toBe(1);
    } finally {
      await sink.stop();
      await rest(`/connectors/${theirs}`, 'DELETE');
      await engine.stop();
    }
  });
});
