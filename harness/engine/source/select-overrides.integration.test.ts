// snapshot.select.statement.overrides end to end (Debezium 3.2.7's RelationalSnapshotChangeEventSource
// #determineSnapshotSelect): the snapshot of a listed table runs snapshot.select.statement.overrides.<schema.table>
// as written, its result columns matched to the table's by name (a missing one is null); other tables and the stream
// are unchanged.
import { describe, expect, it } from 'vitest';
import { startEngine } from '../index.ts';
import { connectorConfig, envelope, readTopic, stackInfo, uniqueId, waitFor, useTestDb, type TestDb } from './it-helpers.test-helper.ts';

let db: TestDb;
useTestDb('select_overrides', (d) => (db = d));

describe('snapshot.select.statement.overrides', () => {
  it('the listed table\'s snapshot runs the given SELECT; the other table and the stream are read as usual', async () => {
    const id = uniqueId('sso');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, status text NOT NULL, note text)`);
    await db.client.query(`INSERT INTO ${id} VALUES (1, 'open', 'a'), (2, 'archived', 'b'), (3, 'open', 'c'), (4, 'archived', 'd')`);
    await db.client.query(`CREATE TABLE ${id}_other (id int PRIMARY KEY)`);
    await db.client.query(`INSERT INTO ${id}_other VALUES (1), (2)`);
    const logs: string[] = [];
    const statement = `SELECT id, status FROM public.${id} WHERE status <> 'archived' ORDER BY id DESC`;
    const engine = await startEngine({
      config: connectorConfig(db.name, id, {
        'table.include.list': `public.${id},public.${id}_other`,
        'snapshot.select.statement.overrides': `public.${id}`,
        [`snapshot.select.statement.overrides.public.${id}`]: statement,
      }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
      logger: (level, msg) => logs.push(`${level} ${msg}`),
    });
    try {
      await engine.waitForSnapshot();
      await db.client.query(`INSERT INTO ${id} VALUES (5, 'archived', 'e')`);
      const main = await readTopic(`${id}.public.${id}`, (m) => m.length >= 3, 30_000);
      const other = await readTopic(`${id}.public.${id}_other`, (m) => m.length >= 2, 30_000);
      expect(main.map((m) => envelope(m.value)!).map((e) => [e.op, e.after])).toEqual([
        ['r', { id: 3, status: 'open', note: null }],
        ['r', { id: 1, status: 'open', note: null }],
        ['c', { id: 5, status: 'archived', note: 'e' }],
      ]);
      expect(other.map((m) => envelope(m.value)!.after.id)).toEqual([1, 2]);
      expect(logs).toContain(`info For table 'public.${id}' using select statement: '${statement}'`);
    } finally {
      await engine.stop();
    }
  });

  it('a SELECT returning a column the table does not capture fails the snapshot naming the column', async () => {
    const id = uniqueId('ssx');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, secret text)`);
    await db.client.query(`INSERT INTO ${id} VALUES (1, 's')`);
    const engine = await startEngine({
      config: connectorConfig(db.name, id, {
        'table.include.list': `public.${id}`,
        'column.exclude.list': `public.${id}.secret`,
        'snapshot.select.statement.overrides': `public.${id}`,
        [`snapshot.select.statement.overrides.public.${id}`]: `SELECT * FROM public.${id}`,
      }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    try {
      await expect(engine.waitForSnapshot()).rejects.toThrow(/Column 'secret' not found in result set 'id, secret'/);
      await waitFor('the task to fail', async () => engine.status().tasks[0]!.state === 'FAILED');
    } finally {
      await engine.stop();
    }
  });
});
