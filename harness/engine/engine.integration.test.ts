// startEngine end to end: the real event side on the real pipeline, checked on the Debezium
// behaviours that need both halves (key changes, TOAST, replica identity, heartbeats, status).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from './index.js';
import { connectorConfig, createTestDb, envelope, readTopic, stackInfo, uniqueId, type TestDb } from './it-helpers.test-helper.js';

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
    const engine = await startEngine({
      config: connectorConfig(db.name, id, { 'table.include.list': `public.${id},public.${id}_full` }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
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
});
