// The snapshot-mode scenarios of snapshot-modes.integration.test.ts on real Debezium 3.2.7 (Kafka
// Connect of the shared stack): the same counts, ops and markers, and the behaviour after a dropped
// slot, so the engine's expectations are Debezium's and not a guess.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorConfig, createTestDb, envelope, readTopic, stackInfo, uniqueId, type TestDb } from './it-helpers.test-helper.ts';

const connect = stackInfo().connect;
let db: TestDb;
const created: string[] = [];

beforeAll(async () => {
  if (connect) db = await createTestDb('engine_modes_dbz');
});
afterAll(async () => {
  for (const name of created) await rest('DELETE', `/connectors/${name}`).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 1000));
  await db?.drop();
});

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${connect!.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function until<T>(what: string, f: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function scenario(mode: string, extra: Record<string, unknown> = {}) {
  const id = uniqueId(`dz_${mode.replace(/[^a-z]/g, '')}`.slice(0, 12));
  const table = `items_${id}`;
  await db.client.query(`CREATE TABLE public.${table} (id serial PRIMARY KEY, name text)`);
  await db.client.query(`INSERT INTO public.${table} (name) VALUES ('a'), ('b'), ('c')`);
  const config = {
    ...connectorConfig(db.name, id, { 'table.include.list': `public.${table}`, 'snapshot.mode': mode, ...extra }),
    'database.hostname': connect!.postgresHost,
    'database.port': String(connect!.postgresPort),
  };
  const r = await rest('POST', '/connectors', { name: id, config });
  expect(r.status).toBe(201);
  created.push(id);
  const slot = `${id}_slot`;
  return {
    id,
    slot,
    insert: (name: string) => db.client.query(`INSERT INTO public.${table} (name) VALUES ($1)`, [name]),
    async events(count: number, waitMs = 60_000) {
      const msgs = await readTopic(`${id}.public.${table}`, (m) => m.length >= count, waitMs);
      return msgs.filter((m) => m.value !== null).map((m) => {
        const e = envelope(m.value)!;
        return { op: e.op as string, snapshot: e.source.snapshot as string };
      });
    },
    taskState: async () => ((await rest('GET', `/connectors/${id}/status`)).json?.tasks?.[0] ?? null) as { state: string; trace?: string } | null,
    offsets: async () => (await rest('GET', `/connectors/${id}/offsets`)).json?.offsets?.[0]?.offset as Record<string, unknown> | undefined,
    slotState: async () => (await db.client.query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot])).rows[0] as { active: boolean } | undefined,
    async stop() {
      await rest('PUT', `/connectors/${id}/stop`);
      await until('the slot to be released', async () => (await this.slotState())?.active !== true);
    },
    resume: () => rest('PUT', `/connectors/${id}/resume`),
  };
}

const ops = (evs: Array<{ op: string }>) => evs.reduce<Record<string, number>>((a, e) => ({ ...a, [e.op]: (a[e.op] ?? 0) + 1 }), {});

describe.skipIf(!connect)('snapshot.mode on real Debezium 3.2.7', () => {
  /** Once streaming was stored, drop the slot while stopped: the restarted task FAILS, as Debezium refuses a lost position. */
  const expectFailureAfterSlotDropped = async (s: Awaited<ReturnType<typeof scenario>>): Promise<void> => {
    await until('an offset with a stream position', async () => (await s.offsets())?.lsn_proc !== undefined);
    await s.stop();
    await db.client.query('SELECT pg_drop_replication_slot($1)', [s.slot]);
    await s.resume();
    const task = await until('the task to fail', async () => {
      const t = await s.taskState();
      return t?.state === 'FAILED' ? t : undefined;
    });
    expect(task.trace).toMatch(/no longer available on the server/);
  };

  it('initial: markers first/true/last; after the slot is dropped the restarted task FAILS (so does the engine)', async () => {
    const s = await scenario('initial');
    expect((await s.events(3)).map((e) => e.snapshot)).toEqual(['first', 'true', 'last']);
    await s.insert('d');
    expect(ops(await s.events(4))).toEqual({ r: 3, c: 1 });
    await expectFailureAfterSlotDropped(s);
  });

  it('always: a snapshot again on restart', async () => {
    const s = await scenario('always');
    await s.events(3);
    await s.insert('d');
    await s.events(4);
    await until('an offset with a stream position', async () => (await s.offsets())?.lsn_proc !== undefined);
    await s.stop();
    await s.resume();
    const evs = await s.events(8);
    expect(ops(evs)).toEqual({ r: 7, c: 1 });
    expect(evs.slice(4).map((e) => e.snapshot)).toEqual(['first', 'true', 'true', 'last']);
  });

  it('initial_only: a snapshot, no slot, no streaming, the task stays RUNNING', async () => {
    const s = await scenario('initial_only');
    await s.events(3);
    await until('the snapshot offset', async () => (await s.offsets())?.snapshot_completed === true || (await s.offsets())?.last_snapshot_record === true);
    await s.insert('d');
    expect(ops(await s.events(4, 3_000))).toEqual({ r: 3 });
    expect(await s.slotState()).toBeUndefined();
    expect((await s.taskState())?.state).toBe('RUNNING');
  });

  it('when_needed: after the slot is dropped the restart snapshots again', async () => {
    const s = await scenario('when_needed');
    await s.events(3);
    await s.insert('d');
    await s.events(4);
    await until('an offset with a stream position', async () => (await s.offsets())?.lsn_proc !== undefined);
    await s.stop();
    await db.client.query('SELECT pg_drop_replication_slot($1)', [s.slot]);
    await s.insert('e');
    await s.resume();
    expect(ops(await s.events(9))).toEqual({ r: 8, c: 1 });
  });

  it('no_data: no snapshot, streaming; after the slot is dropped the restarted task FAILS', async () => {
    const s = await scenario('no_data');
    await until('the slot to stream', async () => (await s.slotState())?.active === true);
    await s.insert('d');
    expect(ops(await s.events(1))).toEqual({ c: 1 });
    await expectFailureAfterSlotDropped(s);
  });

  it('configuration_based (snapshot.data, no start.stream): a snapshot on every start, no slot', async () => {
    const s = await scenario('configuration_based', { 'snapshot.mode.configuration.based.snapshot.data': 'true' });
    await s.events(3);
    await until('the snapshot offset', async () => (await s.offsets()) !== undefined);
    await s.stop();
    await s.insert('d');
    await s.resume();
    expect(ops(await s.events(7))).toEqual({ r: 7 });
    expect(await s.slotState()).toBeUndefined();
  });
});

describe.skipIf(!connect)('snapshot markers across tables: the engine against Debezium 3.2.7', () => {
  it('first, true, last_in_data_collection, first_in_data_collection and last per table, an empty last table included', async () => {
    const { startEngine } = await import('./start-engine.ts');
    const id = uniqueId('mk');
    const tables = [`${id}_a`, `${id}_b`, `${id}_c`, `${id}_d`];
    await db.client.query(`CREATE TABLE public.${tables[0]} (id int PRIMARY KEY); INSERT INTO public.${tables[0]} SELECT generate_series(1, 3)`);
    await db.client.query(`CREATE TABLE public.${tables[1]} (id int PRIMARY KEY); INSERT INTO public.${tables[1]} VALUES (1)`);
    await db.client.query(`CREATE TABLE public.${tables[2]} (id int PRIMARY KEY); INSERT INTO public.${tables[2]} SELECT generate_series(1, 2)`);
    await db.client.query(`CREATE TABLE public.${tables[3]} (id int PRIMARY KEY)`);
    const include = tables.map((t) => `public.${t}`).join(',');
    const markers = async (prefix: string) => {
      const out: string[][] = [];
      for (const [i, t] of tables.slice(0, 3).entries()) {
        const msgs = await readTopic(`${prefix}.public.${t}`, (m) => m.length >= [3, 1, 2][i], 60_000);
        out.push(msgs.map((m) => envelope(m.value)!.source.snapshot as string));
      }
      return out;
    };
    const dbzName = `${id}_dbz`;
    const r = await rest('POST', '/connectors', {
      name: dbzName,
      config: {
        ...connectorConfig(db.name, dbzName, { 'table.include.list': include }),
        'database.hostname': connect!.postgresHost,
        'database.port': String(connect!.postgresPort),
      },
    });
    expect(r.status).toBe(201);
    created.push(dbzName);
    const theirs = await markers(dbzName);
    // Debezium: [[first,true,last_in_data_collection],[last_in_data_collection],[first_in_data_collection,last]]
    expect(theirs.map((m) => m.length)).toEqual([3, 1, 2]);
    const oursName = `${id}_ours`;
    const engine = await startEngine({ config: connectorConfig(db.name, oursName, { 'table.include.list': include }), bootstrapServers: stackInfo().kafka.bootstrapServers });
    try {
      await engine.waitForSnapshot();
      expect(await markers(oursName)).toEqual(theirs);
    } finally {
      await engine.stop();
    }
  });
});
