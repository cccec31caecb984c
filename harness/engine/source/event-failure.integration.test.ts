// event.processing.failure.handling.mode end to end: a numeric NaN in a NOT NULL column cannot be carried under
// decimal.handling.mode=precise (Debezium's SpecialValueDecimal; in Debezium the struct then fails validation inside
// EventDispatcher, whose handleEventProcessingFailure applies the mode). fail stops the task naming the event;
// warn drops that event alone, logging the table, the LSN and the error, in the snapshot and in the stream.
import { describe, expect, it } from 'vitest';
import { startEngine } from '../index.ts';
import { connectorConfig, envelope, readTopic, stackInfo, uniqueId, waitFor, useTestDb, type TestDb } from './it-helpers.test-helper.ts';

let db: TestDb;
useTestDb('event_failure', (d) => (db = d));

async function table(id: string): Promise<void> {
  await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, n numeric NOT NULL)`);
  await db.client.query(`INSERT INTO ${id} VALUES (1, 1.5), (2, 'NaN'), (3, 3.5)`);
}

describe('event.processing.failure.handling.mode', () => {
  it('warn: the failing snapshot row and streamed change are logged with table and LSN and skipped; the others arrive', async () => {
    const id = uniqueId('epf_warn');
    await table(id);
    const logs: string[] = [];
    const engine = await startEngine({
      config: connectorConfig(db.name, id, { 'table.include.list': `public.${id}`, 'event.processing.failure.handling.mode': 'warn' }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
      logger: (level, msg) => logs.push(`${level} ${msg}`),
    });
    try {
      await engine.waitForSnapshot();
      await db.client.query(`INSERT INTO ${id} VALUES (4, 'NaN')`);
      await db.client.query(`INSERT INTO ${id} VALUES (5, 5.5)`);
      const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 3, 30_000);
      const events = msgs.map((m) => envelope(m.value)!);
      expect(events.map((e) => [e.op, e.after.id])).toEqual([['r', 1], ['r', 3], ['c', 5]]);
      // the last snapshot row is still marked last, the first first
      expect(events.map((e) => e.source.snapshot)).toEqual(['first', 'last', 'false']);
      const warned = logs.filter((l) => l.startsWith('warn Error while processing event'));
      expect(warned).toHaveLength(2);
      for (const w of warned) {
        expect(w).toContain(`(table public.${id}, LSN `);
        expect(w).toContain('got the special value NaN');
      }
      expect(warned[0]).toContain('snapshot=INITIAL');
      expect(engine.status().tasks[0]!.state).toBe('RUNNING');
    } finally {
      await engine.stop();
    }
  });

  it('fail (the default): the task fails with an error naming the offset, table, LSN and cause; no later event is sent', async () => {
    const id = uniqueId('epf_fail');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, n numeric NOT NULL)`);
    await db.client.query(`INSERT INTO ${id} VALUES (1, 1.5)`);
    const engine = await startEngine({
      config: connectorConfig(db.name, id, { 'table.include.list': `public.${id}` }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    try {
      await engine.waitForSnapshot();
      await db.client.query(`INSERT INTO ${id} VALUES (2, 'NaN')`);
      await db.client.query(`INSERT INTO ${id} VALUES (3, 3.5)`);
      const status = await waitFor('the task to fail', async () => (engine.status().tasks[0]!.state === 'FAILED' ? engine.status() : null));
      expect(status.tasks[0]!.trace).toMatch(new RegExp(`Error while processing event at offset \\{lsn=\\d+, txId=\\d+, ts_usec=\\d+\\} \\(table public\\.${id}, LSN [0-9A-F]+/[0-9A-F]+\\): column n: got the special value NaN`));
      const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 2, 5_000);
      expect(msgs.map((m) => envelope(m.value)!.after.id)).toEqual([1]);
    } finally {
      await engine.stop();
    }
  });
});
