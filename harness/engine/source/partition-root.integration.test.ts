// publish.via.partition.root end to end on a partitioned table (PostgreSQL 17). Debezium 3.2.7 (PostgresReplicationConnection
// #initPublication) creates the publication WITH (publish_via_partition_root = true), so pgoutput reports a partition's
// changes as the partitioned table's; the snapshot (RelationalSnapshotChangeEventSource over getAllTableIds, TABLE and
// PARTITIONED TABLE, SelectAllSnapshotQuery's plain SELECT … FROM, not ONLY) reads the captured parent once, its
// partitions' rows included.
import { describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../index.ts';
import { connectorConfig, envelope, readTopic, stackInfo, uniqueId, useTestDb, type TestDb } from './it-helpers.test-helper.ts';

let db: TestDb;
useTestDb('partition_root', (d) => (db = d));

async function partitioned(id: string): Promise<void> {
  await db.client.query(`CREATE TABLE ${id} (id int, region text, qty int, PRIMARY KEY (id, region)) PARTITION BY LIST (region)`);
  await db.client.query(`CREATE TABLE ${id}_eu PARTITION OF ${id} FOR VALUES IN ('eu')`);
  await db.client.query(`CREATE TABLE ${id}_us PARTITION OF ${id} FOR VALUES IN ('us')`);
  await db.client.query(`INSERT INTO ${id} VALUES (1, 'eu', 10), (2, 'us', 20)`);
}

async function pubviaroot(pub: string): Promise<boolean | undefined> {
  const r = await db.client.query<{ pubviaroot: boolean }>('SELECT pubviaroot FROM pg_publication WHERE pubname = $1', [pub]);
  return r.rows[0]?.pubviaroot;
}

/** A partitioned table <id> (partitions <id>_eu, <id>_us) captured by an engine with `extra`; `run` sees it after the snapshot. */
async function withEngine(prefix: string, extra: Record<string, string>, run: (id: string, engine: Engine) => Promise<void>): Promise<void> {
  const id = uniqueId(prefix);
  await partitioned(id);
  const engine = await startEngine({
    config: connectorConfig(db.name, id, { 'table.include.list': `public.${id}`, ...extra }),
    bootstrapServers: stackInfo().kafka.bootstrapServers,
  });
  try {
    await engine.waitForSnapshot();
    await run(id, engine);
  } finally {
    await engine.stop();
  }
}

describe('publish.via.partition.root', () => {
  it('filtered: the parent\'s topic gets the snapshot (parent read once) and every partition\'s changes', async () => {
    await withEngine('pvr', { 'publish.via.partition.root': 'true' }, async (id, engine) => {
      expect(await pubviaroot(`${id}_pub`)).toBe(true);
      await db.client.query(`INSERT INTO ${id} VALUES (3, 'eu', 30), (4, 'us', 40)`);
      await db.client.query(`UPDATE ${id} SET qty = 41 WHERE id = 4`);
      await db.client.query(`DELETE FROM ${id} WHERE id = 1`);
      const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 7, 30_000);
      const events = msgs.map((m) => envelope(m.value));
      expect(events.map((e) => (e ? [e.op, (e.after ?? e.before).id, e.source.table] : 'tombstone'))).toEqual([
        ['r', 1, id], ['r', 2, id], ['c', 3, id], ['c', 4, id], ['u', 4, id], ['d', 1, id], 'tombstone',
      ]);
      expect(events[0]!.source.snapshot).toBe('first');
      expect(events[1]!.source.snapshot).toBe('last');
      expect(JSON.parse(msgs[4]!.key!).payload).toEqual({ id: 4, region: 'us' });
      expect(engine.metrics()[`events.r.public.${id}`]).toBe(2);
      expect(engine.metrics()[`events.r.public.${id}_eu`]).toBeUndefined();
    });
  });

  it('all_tables: the publication is created FOR ALL TABLES WITH (publish_via_partition_root = true); without the key it is not', async () => {
    await withEngine('pva', { 'publication.autocreate.mode': 'all_tables', 'publish.via.partition.root': 'true' }, async (id) => {
      expect(await pubviaroot(`${id}_pub`)).toBe(true);
      await db.client.query(`INSERT INTO ${id} VALUES (5, 'us', 50)`);
      const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 3, 30_000);
      expect(msgs.map((m) => [envelope(m.value)!.op, envelope(m.value)!.after.id])).toEqual([['r', 1], ['r', 2], ['c', 5]]);
    });
    await withEngine('pvn', { 'publication.autocreate.mode': 'all_tables' }, async (id) => {
      expect(await pubviaroot(`${id}_pub`)).toBe(false);
    });
  });
});
