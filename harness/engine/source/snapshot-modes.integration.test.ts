// snapshot.mode on a first start and on a restart, on the shared stack: counts, ops and markers, as
// Debezium 3.2 behaves (see snapshot-mode.ts for the decision, unit-tested in snapshot-mode.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OFFSETS_TOPIC, OffsetStore, offsetKey } from '../kafka/offset-store.ts';
import { startEngine, type Engine } from './start-engine.ts';
import { connectorConfig, createTestDb, envelope, readTopic, stackInfo, uniqueId, type TestDb } from './it-helpers.test-helper.ts';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('engine_modes');
});
afterAll(async () => {
  await db?.drop();
});

interface Run {
  id: string;
  table: string;
  topic: string;
  config: Record<string, unknown>;
  logs: string[];
  start(): Promise<Engine>;
  insert(n: number): Promise<void>;
  /** the topic's events once `count` arrived (or after the wait when fewer do) */
  events(count: number, waitMs?: number): Promise<Array<{ op: string; snapshot: string }>>;
  slotExists(): Promise<boolean>;
}

async function setupRun(mode: string, extra: Record<string, unknown> = {}): Promise<Run> {
  const id = uniqueId(`m_${mode.replace(/[^a-z]/g, '')}`.slice(0, 12));
  const table = `items_${id}`;
  await db.client.query(`CREATE TABLE public.${table} (id serial PRIMARY KEY, name text)`);
  await db.client.query(`INSERT INTO public.${table} (name) VALUES ('a'), ('b'), ('c')`);
  const config = connectorConfig(db.name, id, { 'table.include.list': `public.${table}`, 'snapshot.mode': mode, ...extra });
  const logs: string[] = [];
  let next = 0;
  return {
    id,
    table,
    topic: `${id}.public.${table}`,
    config,
    logs,
    start: () => startEngine({ config, bootstrapServers: stackInfo().kafka.bootstrapServers, logger: (l, m) => logs.push(`${l} ${m}`) }),
    async insert(n) {
      for (let i = 0; i < n; i++) await db.client.query(`INSERT INTO public.${table} (name) VALUES ($1)`, [`x${next++}`]);
    },
    async events(count, waitMs = 30_000) {
      const msgs = await readTopic(`${id}.public.${table}`, (m) => m.length >= count, waitMs);
      return msgs.filter((m) => m.value !== null).map((m) => {
        const e = envelope(m.value)!;
        return { op: e.op as string, snapshot: e.source.snapshot as string };
      });
    },
    async slotExists() {
      const r = await db.client.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [`${id}_slot`]);
      return r.rowCount === 1;
    },
  };
}

const ops = (evs: Array<{ op: string }>) => evs.reduce<Record<string, number>>((a, e) => ({ ...a, [e.op]: (a[e.op] ?? 0) + 1 }), {});

async function streamOne(run: Run, engine: Engine, expected: number): Promise<void> {
  await engine.waitForSnapshot();
  await run.insert(1);
  await run.events(expected);
  await engine.stop();
}

describe('snapshot.mode', () => {
  it('initial: snapshot once with Debezium markers, stream; a restart streams from where it stood', async () => {
    const run = await setupRun('initial');
    await streamOne(run, await run.start(), 4);
    const first = await run.events(4);
    expect(first.map((e) => e.snapshot)).toEqual(['first', 'true', 'last', 'false']);
    await run.insert(1); // while stopped
    const e2 = await run.start();
    await streamOne(run, e2, 6);
    expect(ops(await run.events(6))).toEqual({ r: 3, c: 3 });
  });

  it('a snapshot on record as unfinished (a crash mid-snapshot) is taken again on restart', async () => {
    const run = await setupRun('initial');
    await streamOne(run, await run.start(), 4);
    const store = new OffsetStore(stackInfo().kafka.bootstrapServers, DEFAULT_OFFSETS_TOPIC, offsetKey(run.id, run.id));
    await store.write({ lsn: 1, txId: null, ts_usec: 0, snapshot: 'INITIAL', snapshot_completed: false });
    const e2 = await run.start();
    await e2.waitForSnapshot();
    await e2.stop();
    expect(ops(await run.events(8))).toEqual({ r: 7, c: 1 });
  });

  it('initial_only: snapshot, no slot, no streaming; a restart does nothing', async () => {
    const run = await setupRun('initial_only');
    const e1 = await run.start();
    await e1.waitForSnapshot();
    expect(e1.status().tasks[0].state).toBe('RUNNING');
    await run.insert(1);
    expect(ops(await run.events(4, 3_000))).toEqual({ r: 3 });
    expect(await run.slotExists()).toBe(false);
    await e1.stop();
    const e2 = await run.start();
    await e2.waitForSnapshot();
    await run.insert(1);
    expect(ops(await run.events(4, 3_000))).toEqual({ r: 3 });
    await e2.stop();
  });

  it('no_data (and never, with a warning): no snapshot, streaming on both starts; a dropped slot fails the restart', async () => {
    const run = await setupRun('never');
    await streamOne(run, await run.start(), 1);
    expect(run.logs.some((l) => l.startsWith('warn') && l.includes('deprecated'))).toBe(true);
    await run.insert(1);
    await streamOne(run, await run.start(), 3);
    expect(ops(await run.events(3))).toEqual({ c: 3 });
    await db.client.query('SELECT pg_drop_replication_slot($1)', [`${run.id}_slot`]);
    await expect(run.start()).rejects.toThrow(/no longer available on the server/);
  });

  it('initial: after the slot was dropped, a restart fails as Debezium 3.2 does (when_needed is the way out)', async () => {
    const run = await setupRun('initial');
    await streamOne(run, await run.start(), 4);
    await streamOne(run, await run.start(), 5);
    await db.client.query('SELECT pg_drop_replication_slot($1)', [`${run.id}_slot`]);
    await expect(run.start()).rejects.toThrow(/no longer available on the server/);
  });

  it('always: a snapshot on every start', async () => {
    const run = await setupRun('always');
    await streamOne(run, await run.start(), 4);
    const e2 = await run.start();
    await e2.waitForSnapshot();
    await e2.stop();
    const evs = await run.events(8);
    expect(ops(evs)).toEqual({ r: 7, c: 1 });
    expect(evs.slice(4).map((e) => e.snapshot)).toEqual(['first', 'true', 'true', 'last']);
  });

  it('when_needed: like initial, and after the slot was dropped it snapshots again', async () => {
    const run = await setupRun('when_needed');
    await streamOne(run, await run.start(), 4);
    await streamOne(run, await run.start(), 5);
    expect(ops(await run.events(5))).toEqual({ r: 3, c: 2 });
    await db.client.query('SELECT pg_drop_replication_slot($1)', [`${run.id}_slot`]);
    await run.insert(1);
    const e3 = await run.start();
    await e3.waitForSnapshot();
    await e3.stop();
    expect(ops(await run.events(11))).toEqual({ r: 9, c: 2 });
    expect(run.logs.some((l) => l.includes('Attempting to snapshot data to fill the gap'))).toBe(true);
  });

  it('configuration_based: snapshot.data without start.stream snapshots on every start and never streams', async () => {
    const run = await setupRun('configuration_based', { 'snapshot.mode.configuration.based.snapshot.data': 'true' });
    const e1 = await run.start();
    await e1.waitForSnapshot();
    await e1.stop();
    await run.insert(1);
    const e2 = await run.start();
    await e2.waitForSnapshot();
    await e2.stop();
    expect(ops(await run.events(7))).toEqual({ r: 7 });
    expect(await run.slotExists()).toBe(false);
  });
});
