// Catalog reads, publication modes, pre-flight errors and confirm-after-ack against real PostgreSQL.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTableMeta } from '../postgres/catalog.ts';
import { parseConnectorConfig } from './config.ts';
import type { KafkaRecord } from '../events/contract.ts';
import { NativeEngine } from './engine.ts';
import { connectorConfig, createTestDb, slotState, stackInfo, uniqueId, waitFor, type TestDb } from './it-helpers.test-helper.ts';
import type { KafkaWriter } from '../kafka/kafka-writer.ts';
import { parseLsn } from '../postgres/lsn.ts';
import { OffsetTracker } from '../kafka/offsets.ts';
import { pgClientConfig } from './pipeline-config.ts';
import { initPublication } from '../postgres/publication.ts';
import { createSlotWithSnapshot } from '../postgres/slot.ts';
import { StreamReader } from './stream.ts';
import { stubBuilder } from '../events/stub-builder.test-helper.ts';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('engine_setup');
});
afterAll(async () => {
  await db?.drop();
});

const configFor = (id: string, extra: Record<string, unknown> = {}) => parseConnectorConfig(connectorConfig(db.name, id, extra));

describe('catalog', () => {
  it('reads columns, types, keys and replica identity of a table', async () => {
    await db.client.query(`
      CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
      CREATE DOMAIN posint AS int CHECK (VALUE > 0);
      CREATE DOMAIN small_posint AS posint CHECK (VALUE < 100);
      CREATE TABLE cat_t (
        a int NOT NULL, b text NOT NULL, price numeric(10,2) DEFAULT 0, tags text[], m mood, ms mood[],
        n small_posint, secret text, PRIMARY KEY (b, a));
      CREATE UNIQUE INDEX cat_t_ri ON cat_t (a);
      ALTER TABLE cat_t REPLICA IDENTITY USING INDEX cat_t_ri;`);
    const config = configFor('cat', { 'column.exclude.list': 'public.cat_t.secret' });
    const t = (await readTableMeta(db.client, config, { schema: 'public', table: 'cat_t' }))!;
    expect(t.primaryKey).toEqual(['b', 'a']);
    expect(t.replicaIdentity).toBe('index');
    expect(t.replicaIdentityIndexColumns).toEqual(['a']);
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b', 'price', 'tags', 'm', 'ms', 'n']);
    const col = Object.fromEntries(t.columns.map((c) => [c.name, c]));
    expect(col.a).toMatchObject({ typeName: 'int4', typeMod: -1, nullable: false, position: 1, typeCategory: 'N' });
    expect(col.price).toMatchObject({ typeName: 'numeric', typeMod: ((10 << 16) | 2) + 4, nullable: true, defaultExpression: '0' });
    expect(col.tags).toMatchObject({ typeName: '_text', typeCategory: 'A', elementTypeName: 'text' });
    expect(col.m).toMatchObject({ typeName: 'mood', typeCategory: 'E', enumValues: ['sad', 'ok', 'happy'] });
    expect(col.ms).toMatchObject({ typeName: '_mood', elementTypeName: 'mood', enumValues: ['sad', 'ok', 'happy'] });
    expect(col.n).toMatchObject({ typeName: 'small_posint', baseTypeName: 'int4' });
  });
});

describe('publication.autocreate.mode', () => {
  it('filtered creates FOR TABLE the captured tables; disabled requires an existing publication', async () => {
    const id = uniqueId('pub');
    await db.client.query(`CREATE TABLE ${id}_a (id int PRIMARY KEY); CREATE TABLE ${id}_b (id int PRIMARY KEY)`);
    const filtered = configFor(id, { 'table.include.list': `public.${id}_a` });
    expect(await initPublication(db.client, filtered, [{ schema: 'public', table: `${id}_a` }], 'postgres')).toBe('created');
    const tables = await db.client.query(`SELECT tablename FROM pg_publication_tables WHERE pubname = $1`, [`${id}_pub`]);
    expect(tables.rows.map((r) => r.tablename)).toEqual([`${id}_a`]);
    const disabled = configFor(`${id}x`, { 'publication.autocreate.mode': 'disabled' });
    await expect(initPublication(db.client, disabled, [], 'postgres')).rejects.toThrow(
      /does not exist and publication.autocreate.mode=disabled/,
    );
  });
});

describe('pre-flight errors', () => {
  it('a user without REPLICATION gets the Postgres error and the grant', async () => {
    const id = uniqueId('norepl');
    await db.client.query(`CREATE ROLE ${id} LOGIN PASSWORD 'pw'`);
    const config = parseConnectorConfig({
      ...connectorConfig(db.name, id),
      'database.user': id,
      'database.password': 'pw',
    });
    const engine = new NativeEngine(config, stubBuilder(id), { bootstrapServers: stackInfo().kafka.bootstrapServers });
    await expect(engine.start()).rejects.toThrow(new RegExp(`no REPLICATION attribute.*ALTER ROLE "${id}" WITH REPLICATION`));
  });

  it('a slot in use is named with the pid that holds it', async () => {
    const id = uniqueId('busy');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY)`);
    const extra = { 'table.include.list': `public.${id}`, 'slot.max.retries': '1', 'slot.retry.delay.ms': '100' };
    const first = new NativeEngine(configFor(id, extra), stubBuilder(id), { bootstrapServers: stackInfo().kafka.bootstrapServers });
    await first.start();
    await first.waitForSnapshot();
    await waitFor('the slot to be active', async () => (await slotState(db.client, `${id}_slot`))?.active);
    const second = new NativeEngine(configFor(id, extra), stubBuilder(id), { bootstrapServers: stackInfo().kafka.bootstrapServers });
    await expect(second.start()).rejects.toThrow(new RegExp(`Replication slot "${id}_slot" is active for PID \\d+`));
    await first.stop();
  });
});

describe('confirm after ack', () => {
  it('never confirms a commit whose records Kafka has not acknowledged', async () => {
    const id = uniqueId('gate');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY)`);
    const config = configFor(id, { 'table.include.list': `public.${id}` });
    await initPublication(db.client, config, [{ schema: 'public', table: id }], 'postgres');
    const created = await createSlotWithSnapshot(pgClientConfig(config), config.slotName, 'postgres');
    await created.session.end();
    // A writer that takes records but whose acknowledgements the test releases by hand.
    const taken: KafkaRecord[] = [];
    const writer = {
      lastSeq: 0,
      async enqueue(this: { lastSeq: number }, records: KafkaRecord[]) {
        taken.push(...records);
        this.lastSeq += records.length;
        return this.lastSeq;
      },
    } as unknown as KafkaWriter;
    const meta = new pg.Client(pgClientConfig(config));
    await meta.connect();
    let stream: StreamReader | null = null;
    const tracker = new OffsetTracker(created.consistentPoint, () => stream?.confirmed());
    stream = new StreamReader({
      clientConfig: pgClientConfig(config),
      metaDb: meta,
      config,
      startLsn: created.consistentPoint,
      lastCommitLsn: null,
      builder: stubBuilder(id),
      writer,
      tracker,
      onError: (e) => {
        throw e;
      },
      statusIntervalMs: 200,
    });
    await stream.start();
    await db.client.query(`INSERT INTO ${id} VALUES (1)`);
    const commitEnd = parseLsn((await db.client.query(`SELECT pg_current_wal_lsn()::text AS l`)).rows[0].l);
    await waitFor('the change to be read', async () => taken.length === 1);
    await new Promise((r) => setTimeout(r, 1500)); // several status-update intervals
    expect(parseLsn((await slotState(db.client, config.slotName))!.confirmed)).toBe(created.consistentPoint);
    tracker.acked(1);
    await waitFor('the slot to confirm the commit', async () => {
      const s = await slotState(db.client, config.slotName);
      return s && parseLsn(s.confirmed) >= commitEnd;
    });
    await stream.stop();
    await meta.end();
  });
});

describe('backpressure', () => {
  it('stops reading from the server while Kafka does not keep up', async () => {
    const id = uniqueId('slow');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, pad text)`);
    const config = configFor(id, { 'table.include.list': `public.${id}` });
    await initPublication(db.client, config, [{ schema: 'public', table: id }], 'postgres');
    const created = await createSlotWithSnapshot(pgClientConfig(config), config.slotName, 'postgres');
    await created.session.end();
    // A Kafka that accepts nothing until the test opens the gate.
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let taken = 0;
    const writer = {
      lastSeq: 0,
      async enqueue(this: { lastSeq: number }, records: KafkaRecord[]) {
        await gate;
        taken += records.length;
        this.lastSeq += records.length;
        return this.lastSeq;
      },
    } as unknown as KafkaWriter;
    const meta = new pg.Client(pgClientConfig(config));
    await meta.connect();
    const tracker = new OffsetTracker(created.consistentPoint, () => undefined);
    const stream = new StreamReader({
      clientConfig: pgClientConfig(config),
      metaDb: meta,
      config,
      startLsn: created.consistentPoint,
      lastCommitLsn: null,
      builder: stubBuilder(id),
      writer,
      tracker,
      onError: (e) => {
        throw e;
      },
    });
    await stream.start();
    const rows = 50_000;
    await db.client.query(`INSERT INTO ${id} SELECT g, repeat('x', 200) FROM generate_series(1, $1::int) g`, [rows]);
    await new Promise((r) => setTimeout(r, 2000));
    // Only what fits in socket buffers was read; the rest waits in the server.
    const readWhileBlocked = stream.receivedCount;
    console.log(`backpressure: ${readWhileBlocked} of ${rows + 2} messages read while Kafka was blocked`);
    expect(taken).toBe(0);
    expect(readWhileBlocked).toBeLessThan(rows / 5);
    open();
    await waitFor('every row', async () => taken === rows, 60_000);
    await stream.stop();
    await meta.end();
  });
});
