// flush.lsn.source=false end to end (Debezium 3.2.7: PostgresReplicationConnection#flushLsn does nothing, so the
// slot's confirmed_flush_lsn never moves): the events still reach Kafka and the offsets are still stored; the slot stays
// where it was created while the engine streams, answers keepalives and stops; a restart resumes from the stored offset
// (PostgresStreamingChangeEventSource starts at the offset's LSN), so nothing is sent twice.
import { describe, expect, it } from 'vitest';
import { startEngine } from '../index.ts';
import { connectorConfig, envelope, readTopic, slotState, stackInfo, uniqueId, useTestDb, type TestDb } from './it-helpers.test-helper.ts';

let db: TestDb;
useTestDb('flush_lsn', (d) => (db = d));

describe('flush.lsn.source=false', () => {
  it('never confirms an LSN to the slot; offsets are stored and a restart resumes from them without duplicates', async () => {
    const id = uniqueId('fls');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY)`);
    await db.client.query(`INSERT INTO ${id} VALUES (1)`);
    const config = connectorConfig(db.name, id, { 'table.include.list': `public.${id}`, 'flush.lsn.source': 'false' });
    const logs: string[] = [];
    const first = await startEngine({ config, bootstrapServers: stackInfo().kafka.bootstrapServers, logger: (l, m) => logs.push(`${l} ${m}`) });
    const created = (await slotState(db.client, `${id}_slot`))!.confirmed;
    try {
      await first.waitForSnapshot();
      await db.client.query(`INSERT INTO ${id} VALUES (2), (3)`);
      await db.client.query(`INSERT INTO ${id} VALUES (4)`);
      const msgs = await readTopic(`${id}.public.${id}`, (m) => m.length >= 4, 30_000);
      expect(msgs.map((m) => envelope(m.value)!.after.id)).toEqual([1, 2, 3, 4]);
      // acks stored and the status updates sent (at most every 200 ms after a store), the slot did not move
      await new Promise((r) => setTimeout(r, 1500));
      expect(first.metrics()['stream.statusUpdates']).toBeGreaterThan(0);
      expect(first.metrics()['offsets.confirmedLsn']).toBeGreaterThan(0);
      expect(await slotState(db.client, `${id}_slot`)).toEqual({ confirmed: created, active: true });
      expect(logs.some((l) => l.startsWith('warn flush.lsn.source=false'))).toBe(true);
    } finally {
      await first.stop();
    }
    expect((await slotState(db.client, `${id}_slot`))!.confirmed).toBe(created);

    await db.client.query(`INSERT INTO ${id} VALUES (5), (6)`);
    const second = await startEngine({ config, bootstrapServers: stackInfo().kafka.bootstrapServers, logger: (l, m) => logs.push(`${l} ${m}`) });
    try {
      await second.waitForSnapshot();
      const all = await readTopic(`${id}.public.${id}`, (m) => m.length >= 7, 8_000);
      expect(all.map((m) => envelope(m.value)!.after.id)).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await slotState(db.client, `${id}_slot`))!.confirmed).toBe(created);
    } finally {
      await second.stop();
    }
  });
});
