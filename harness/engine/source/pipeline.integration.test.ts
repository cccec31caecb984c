// The pipeline against real PostgreSQL and Kafka, with a plain-JSON builder (stub-builder) so these
// tests check delivery (snapshot/stream hand-over, confirmation, restart) and not the envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConnectorConfig } from './config.ts';
import { NativeEngine } from './engine.ts';
import {
  connectorConfig,
  createTestDb,
  envelope,
  readTopic,
  slotState,
  stackInfo,
  uniqueId,
  waitFor,
  type TestDb,
} from './it-helpers.test-helper.ts';
import { stubBuilder } from '../events/stub-builder.test-helper.ts';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb('engine_pipe');
});
afterAll(async () => {
  await db?.drop();
});

function engineFor(id: string, extra: Record<string, unknown> = {}): NativeEngine {
  const config = parseConnectorConfig(connectorConfig(db.name, id, extra));
  return new NativeEngine(config, stubBuilder(id), { bootstrapServers: stackInfo().kafka.bootstrapServers });
}

describe('snapshot and stream', () => {
  it('hands over from snapshot to stream with no gap and no overlap while rows change concurrently', async () => {
    const id = uniqueId('handover');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, v int NOT NULL)`);
    await db.client.query(`INSERT INTO ${id} SELECT g, 0 FROM generate_series(1, 3000) g`);
    const engine = engineFor(id, { 'table.include.list': `public.${id}` });
    await engine.start(); // the slot (and its exported snapshot) exists from here on
    const writer = await db.connect();
    // Concurrent with the snapshot read: new rows and updates of rows the snapshot may or may not see.
    for (let i = 0; i < 50; i++) {
      await writer.query(`INSERT INTO ${id} SELECT g, 0 FROM generate_series($1::int, $2::int) g`, [3001 + i * 20, 3020 + i * 20]);
      await writer.query(`UPDATE ${id} SET v = v + 1 WHERE id % 50 = $1`, [i]);
    }
    await writer.end();
    await engine.waitForSnapshot();
    // Each UPDATE touched ids ≡ i (mod 50): 60 of the first 3000 rows plus the new ones inserted so far.
    let expectedUpdates = 0;
    for (let i = 0; i < 50; i++) expectedUpdates += 60 + [...Array(20 * (i + 1)).keys()].filter((k) => (3001 + k) % 50 === i).length;
    const total = 3000 + 1000 + expectedUpdates;
    // read until the expected count, then a little longer to catch duplicates
    const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length > total, 5000);
    await engine.stop();
    const events = msgs.map((m) => envelope(m.value)!);
    const reads = events.filter((e) => e.op === 'r');
    const creates = events.filter((e) => e.op === 'c');
    const updates = events.filter((e) => e.op === 'u');
    // Every pre-existing row exactly once in the snapshot, every new row exactly once as a create.
    expect(new Set(reads.map((e) => e.after.id)).size).toBe(3000);
    expect(reads.length).toBe(3000);
    expect(creates.length).toBe(1000);
    expect(new Set(creates.map((e) => e.after.id)).size).toBe(1000);
    expect(updates.length).toBe(expectedUpdates);
    // Snapshot markers as Debezium sets them for a single table.
    expect(reads[0].source.snapshot).toBe('first');
    expect(reads[reads.length - 1].source.snapshot).toBe('last');
    expect(reads.slice(1, -1).every((e) => e.source.snapshot === 'true')).toBe(true);
    // The snapshot saw v = 0 everywhere (it is the state at the slot's consistent point) ...
    expect(reads.every((e) => e.after.v === '0')).toBe(true);
    // ... and the stream carries every later change: each row ends at its final value.
    const last = new Map<string, string>();
    for (const e of events) last.set(e.after.id, e.after.v);
    const final = await db.client.query(`SELECT id::text, v::text FROM ${id}`);
    for (const r of final.rows) expect(last.get(r.id), `row ${r.id}`).toBe(r.v);
  });
});

describe('confirmation and restart', () => {
  it('confirms the slot after Kafka acknowledged, and a restart resumes from the slot without a new snapshot', async () => {
    const id = uniqueId('restart');
    const slot = `${id}_slot`;
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, note text)`);
    await db.client.query(`INSERT INTO ${id} VALUES (1, 'before start')`);
    const first = engineFor(id, { 'table.include.list': `public.${id}` });
    await first.start();
    await first.waitForSnapshot();
    await db.client.query(`INSERT INTO ${id} VALUES (2, 'streamed')`);
    const lsnAfter2 = (await db.client.query(`SELECT pg_current_wal_lsn()::text AS l`)).rows[0].l as string;
    // The slot moves past the commit only once the record is in Kafka.
    await waitFor('slot confirmation', async () => {
      const s = await slotState(db.client, slot);
      return s && lsnCmp(s.confirmed, lsnAfter2) >= 0;
    });
    expect(first.metrics()['kafka.ackedSeq']).toBe(first.metrics()['kafka.enqueuedSeq']);
    await first.stop();
    expect((await slotState(db.client, slot))?.active).toBe(false);

    await db.client.query(`INSERT INTO ${id} VALUES (3, 'while stopped')`);
    const second = engineFor(id, { 'table.include.list': `public.${id}` });
    await second.start();
    await second.waitForSnapshot();
    const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 3, 20_000);
    await db.client.query(`INSERT INTO ${id} VALUES (4, 'after restart')`);
    const all = await readTopic(`${id}.public.${id}`, (m) => m.length >= 4, 20_000);
    await second.stop();
    expect(second.metrics()['snapshot.rows']).toBe(0);
    const seen = all.map((m) => `${envelope(m.value)!.op}:${envelope(m.value)!.after.id}`);
    expect(seen).toEqual(['r:1', 'c:2', 'c:3', 'c:4']);
    expect(msgs.length).toBe(3);
  });

  it('heartbeats let the slot advance while captured tables are idle and other tables write', async () => {
    const id = uniqueId('beat');
    const slot = `${id}_slot`;
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY)`);
    await db.client.query(`CREATE TABLE ${id}_other (id int PRIMARY KEY)`);
    await db.client.query(`CREATE TABLE ${id}_beats (id int PRIMARY KEY, ts timestamptz)`);
    const engine = engineFor(id, {
      'table.include.list': `public.${id}`,
      'heartbeat.interval.ms': '500',
      'heartbeat.action.query': `INSERT INTO ${id}_beats VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET ts = now()`,
    });
    await engine.start();
    await engine.waitForSnapshot();
    const start = (await slotState(db.client, slot))!.confirmed;
    await db.client.query(`INSERT INTO ${id}_other SELECT generate_series(1, 1000)`);
    const target = (await db.client.query(`SELECT pg_current_wal_lsn()::text AS l`)).rows[0].l as string;
    await waitFor(
      'the slot to pass the other table’s writes',
      async () => {
        const s = await slotState(db.client, slot);
        return s && lsnCmp(s.confirmed, target) >= 0;
      },
      20_000,
    );
    const beats = await readTopic(`__debezium-heartbeat.${id}`, (m) => m.length >= 1, 10_000);
    const action = await db.client.query(`SELECT count(*)::int AS n FROM ${id}_beats`);
    await engine.stop();
    expect(lsnCmp(target, start)).toBeGreaterThan(0);
    expect(beats.length).toBeGreaterThan(0);
    expect(action.rows[0].n).toBe(1);
  });
});

function lsnCmp(a: string, b: string): number {
  const v = (s: string): bigint => {
    const [h, l] = s.split('/');
    return (BigInt(`0x${h}`) << 32n) | BigInt(`0x${l}`);
  };
  const d = v(a) - v(b);
  return d === 0n ? 0 : d > 0n ? 1 : -1;
}

describe('schema changes', () => {
  it('picks up a column added while streaming (pgoutput sends a new Relation message)', async () => {
    const id = uniqueId('ddl');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY)`);
    const engine = engineFor(id, { 'table.include.list': `public.${id}` });
    await engine.start();
    await engine.waitForSnapshot();
    await db.client.query(`INSERT INTO ${id} VALUES (1)`);
    await db.client.query(`ALTER TABLE ${id} ADD COLUMN label text NOT NULL DEFAULT 'x'`);
    await db.client.query(`INSERT INTO ${id} VALUES (2, 'two')`);
    const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 2, 20_000);
    await engine.stop();
    expect(msgs.map((m) => envelope(m.value)!.after)).toEqual([{ id: '1' }, { id: '2', label: 'two' }]);
  });
});

describe('snapshot.mode', () => {
  it('initial over several tables marks records as Debezium does, in table.include.list order', async () => {
    const id = uniqueId('marks');
    await db.client.query(`CREATE TABLE ${id}_b (id int PRIMARY KEY); INSERT INTO ${id}_b VALUES (1), (2), (3)`);
    await db.client.query(`CREATE TABLE ${id}_a (id int PRIMARY KEY); INSERT INTO ${id}_a VALUES (1), (2)`);
    await db.client.query(`CREATE TABLE ${id}_c (id int PRIMARY KEY)`); // empty, last in order
    const engine = engineFor(id, { 'table.include.list': `public.${id}_b,public.${id}_a,public.${id}_c` });
    await engine.start();
    await engine.waitForSnapshot();
    const b = await readTopic(`${id}.public.${id}_b`, (m) => m.length >= 3, 20_000);
    const a = await readTopic(`${id}.public.${id}_a`, (m) => m.length >= 2, 20_000);
    await engine.stop();
    const marks = (ms: typeof a) => ms.map((m) => envelope(m.value)!.source.snapshot);
    // b is the first table, a the last one with rows; the empty last table makes the buffered
    // final record 'last' (BufferingSnapshotChangeRecordReceiver#completeSnapshot).
    expect(marks(b)).toEqual(['first', 'true', 'last_in_data_collection']);
    expect(marks(a)).toEqual(['first_in_data_collection', 'last']);
  });

  it('no_data streams from the slot without reading existing rows', async () => {
    const id = uniqueId('nodata');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY); INSERT INTO ${id} VALUES (1)`);
    const engine = engineFor(id, { 'table.include.list': `public.${id}`, 'snapshot.mode': 'no_data' });
    await engine.start();
    await engine.waitForSnapshot();
    await db.client.query(`INSERT INTO ${id} VALUES (2)`);
    const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 1, 20_000);
    await engine.stop();
    expect(msgs.map((m) => `${envelope(m.value)!.op}:${envelope(m.value)!.after.id}`)).toEqual(['c:2']);
  });
});

describe('unfinished snapshot', () => {
  it('a slot without a recorded finished snapshot is recreated and the snapshot taken again', async () => {
    const id = uniqueId('redo');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY); INSERT INTO ${id} VALUES (1), (2)`);
    // As if a previous run created the slot and was killed before its snapshot finished.
    await db.client.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [`${id}_slot`]);
    const engine = engineFor(id, { 'table.include.list': `public.${id}` });
    await engine.start();
    await engine.waitForSnapshot();
    await db.client.query(`INSERT INTO ${id} VALUES (3)`);
    const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 3, 20_000);
    await engine.stop();
    expect(engine.metrics()['snapshot.rows']).toBe(2);
    expect(msgs.map((m) => `${envelope(m.value)!.op}:${envelope(m.value)!.after.id}`)).toEqual(['r:1', 'r:2', 'c:3']);
  });
});

describe('retriable errors', () => {
  it('restarts after the walsender is terminated and goes on streaming from the slot', async () => {
    const id = uniqueId('retry');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY)`);
    const engine = engineFor(id, { 'table.include.list': `public.${id}`, 'retriable.restart.connector.wait.ms': '300' });
    await engine.start();
    await engine.waitForSnapshot();
    await db.client.query(`INSERT INTO ${id} VALUES (1)`);
    await readTopic(`${id}.public.${id}`, (m) => m.length >= 1, 20_000);
    const killed = await db.client.query(
      `SELECT pg_terminate_backend(active_pid) AS ok FROM pg_replication_slots WHERE slot_name = $1 AND active_pid IS NOT NULL`,
      [`${id}_slot`],
    );
    expect(killed.rows[0]?.ok).toBe(true);
    await db.client.query(`INSERT INTO ${id} VALUES (2)`);
    const ids = (m: { value: string | null }[]): string[] => m.map((x) => envelope(x.value)!.after.id);
    const msgs = await readTopic(`${id}.public.${id}`, (m) => ids(m).includes('2'), 30_000);
    const status = engine.status();
    const restarts = engine.metrics()['task.restarts'];
    await engine.stop();
    expect(status.tasks[0].state).toBe('RUNNING');
    expect(restarts).toBe(1);
    // at least once: row 1 comes again when the kill beat its confirmation to the server
    expect(ids(msgs)[ids(msgs).length - 1]).toBe('2');
    expect(new Set(ids(msgs))).toEqual(new Set(['1', '2']));
  });
});
