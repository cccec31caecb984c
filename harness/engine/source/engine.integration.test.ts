// startEngine end to end: the real event side on the real pipeline, checked on the Debezium
// behaviours that need both halves (key changes, TOAST, replica identity, heartbeats, status).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from '../index.ts';
import { connectorConfig, createTestDb, envelope, readTopic, stackInfo, uniqueId, type TestDb } from './it-helpers.test-helper.ts';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('engine_e2e');
});
afterAll(async () => {
  await db?.drop();
});

describe('startEngine', () => {
  it('streams Debezium events: key change as delete + tombstone + create, unchanged TOAST placeholder, FULL before images', async () => {
    const id = uniqueId('e2e');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, note text, big text)`);
    await db.client.query(`ALTER TABLE ${id} ALTER COLUMN big SET STORAGE EXTERNAL`); // out of line, uncompressed
    await db.client.query(`CREATE TABLE ${id}_full (id int PRIMARY KEY, note text)`);
    await db.client.query(`ALTER TABLE ${id}_full REPLICA IDENTITY FULL`);
    const logs: string[] = [];
    const engine = await startEngine({
      config: connectorConfig(db.name, id, { 'table.include.list': `public.${id},public.${id}_full` }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
      logger: (level, msg) => logs.push(`${new Date().toISOString()} ${level} ${msg}`),
    });
    await engine.waitForSnapshot();
    expect(engine.status()).toMatchObject({ name: id, connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }], type: 'source' });
    await db.client.query(`INSERT INTO ${id} VALUES (1, 'a', repeat('x', 10000))`);
    await db.client.query(`UPDATE ${id} SET note = 'b' WHERE id = 1`); // big unchanged and toasted
    await db.client.query(`UPDATE ${id} SET id = 2 WHERE id = 1`);
    await db.client.query(`INSERT INTO ${id}_full VALUES (1, 'a')`);
    await db.client.query(`UPDATE ${id}_full SET note = 'b'`);
    await db.client.query(`DELETE FROM ${id}_full`);
    const main = await readTopic(`${id}.public.${id}`, (m) => m.length >= 5, 30_000);
    if (main.length < 5) console.log(JSON.stringify(engine.status()), engine.metrics(), logs.join('\n'));
    const full = await readTopic(`${id}.public.${id}_full`, (m) => m.length >= 4, 30_000);
    await engine.stop();

    const ev = main.map((m) => envelope(m.value));
    expect(ev.map((e) => e?.op ?? 'tombstone')).toEqual(['c', 'u', 'd', 'tombstone', 'c']);
    expect(ev[1]!.after.big).toBe('__debezium_unavailable_value');
    expect(ev[1]!.source).toMatchObject({ connector: 'postgresql', name: id, db: db.name, schema: 'public', table: id, snapshot: 'false' });
    expect(ev[1]!.source.sequence).toMatch(/^\["\d+","\d+"\]$/);
    expect(main[2].headers['__debezium.newkey']).toBeDefined();
    expect(main[4].headers['__debezium.oldkey']).toBeDefined();
    expect(ev[2]!.before.id).toBe(1);
    expect(ev[4]!.after.id).toBe(2);

    const fe = full.map((m) => envelope(m.value));
    expect(fe.map((e) => e?.op ?? 'tombstone')).toEqual(['c', 'u', 'd', 'tombstone']);
    expect(fe[1]!.before).toEqual({ id: 1, note: 'a' });
    expect(fe[2]!.before).toEqual({ id: 1, note: 'b' });
  });

  it('snapshot and stream render every type identically (same session text formats on both paths)', async () => {
    const id = uniqueId('types');
    await db.client.query(`CREATE TYPE ${id}_mood AS ENUM ('sad', 'happy')`);
    await db.client.query(`CREATE TABLE ${id} (
      id int PRIMARY KEY, i2 smallint, i8 bigint, f4 real, f8 double precision, n numeric(12,3), nv numeric, m money,
      b boolean, t text, vc varchar(10), c char(3), by bytea, u uuid, j json, jb jsonb, d date, tm time(3), ttz timetz,
      ts timestamp(6), tstz timestamptz, iv interval, ai int[], at text[], e ${id}_mood, x xml, inet inet, pt point)`);
    const values = `1.5::int2 * 2, 9007199254740993, 3.14159274, 2.718281828459045, 12345.678, 0.000001, 12.34,
      true, 'hé "q"', 'v', 'ab', '\\xdeadbeef', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2]}', '{"b": {"c": null}}',
      '2024-02-29', '13:45:06.789', '13:45:06+05:30', '2024-02-29 13:45:06.123456', '2024-02-29 13:45:06.123456+02',
      '1 year 2 mons 3 days 04:05:06.7', '{1,NULL,3}', '{"a b",NULL}', 'happy', '<a>x</a>', '192.168.0.1/24', '(1.5,2)'`;
    await db.client.query(`INSERT INTO ${id} VALUES (1, ${values})`);
    await db.client.query(`SET TIME ZONE 'America/New_York'`); // the writer's session must not matter
    const engine = await startEngine({
      config: connectorConfig(db.name, id, { 'table.include.list': `public.${id}`, 'decimal.handling.mode': 'string' }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    await engine.waitForSnapshot();
    await db.client.query(`INSERT INTO ${id} VALUES (2, ${values})`);
    await db.client.query(`RESET TIME ZONE`);
    const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 2, 30_000);
    await engine.stop();
    const [snap, streamed] = msgs.map((m) => envelope(m.value)!);
    expect(snap.op).toBe('r');
    expect(streamed.op).toBe('c');
    const { id: _a, ...fromSnapshot } = snap.after;
    const { id: _b, ...fromStream } = streamed.after;
    expect(fromStream).toEqual(fromSnapshot);
    expect(fromSnapshot.t).toBe('hé "q"');
  });
});
