// max.queue.size, max.batch.size and max.queue.size.in.bytes on the shared stack: a snapshot and a
// bulk INSERT much larger than the queue go through an engine whose queue between decoding and Kafka
// is small. The queue fills (the bound is reached, so reading waited: backpressure to the snapshot
// cursor and the replication stream) and never holds more than the bound; produce batches hold at
// most max.batch.size records; every row reaches Kafka once, in order; the slot confirms the bulk
// transaction once Kafka has it. Debezium's validation (CommonConnectorConfig#validateMaxQueueSize)
// is in kafka/queue-bound.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from './start-engine.ts';
import { connectorConfig, createTestDb, envelope, readTopic, slotState, stackInfo, uniqueId, waitFor, type TestDb } from './it-helpers.test-helper.ts';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('queue_bound');
});
afterAll(async () => {
  await db?.drop();
});

/** snapshot rows 1..snapshotRows, then one INSERT of the next bulkRows; the engine's metrics once all are in Kafka */
async function bulkThrough(id: string, extra: Record<string, unknown>, snapshotRows: number, bulkRows: number): Promise<Record<string, number>> {
  const total = snapshotRows + bulkRows;
  await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, pad text NOT NULL)`);
  await db.client.query(`INSERT INTO ${id} SELECT g, repeat('x', 200) FROM generate_series(1, $1::int) g`, [snapshotRows]);
  const engine = await startEngine({ config: connectorConfig(db.name, id, { 'table.include.list': `public.${id}`, ...extra }), bootstrapServers: stackInfo().kafka.bootstrapServers });
  try {
    await engine.waitForSnapshot();
    const { rows: [before] } = await db.client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    await db.client.query(`INSERT INTO ${id} SELECT g, repeat('y', 200) FROM generate_series($1::int, $2::int) g`, [snapshotRows + 1, total]);
    const topic = `${id}.public.${id}`;
    const messages = await readTopic(topic, (m) => m.length >= total, 120_000);
    // every row once, in order: the snapshot's, then the bulk INSERT's
    expect(messages.map((m) => envelope(m.value)!.after.id)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(messages.map((m) => envelope(m.value)!.op)).toEqual([...Array(snapshotRows).fill('r'), ...Array(bulkRows).fill('c')]);
    // the slot confirms the bulk transaction once Kafka has all of it
    await waitFor('the slot past the bulk INSERT', async () => {
      const { rows: [cmp] } = await db.client.query<{ past: boolean }>('SELECT confirmed_flush_lsn > $1::pg_lsn AS past FROM pg_replication_slots WHERE slot_name = $2', [before.lsn, `${id}_slot`]);
      return cmp?.past;
    });
    expect((await slotState(db.client, `${id}_slot`))?.active).toBe(true);
    return engine.metrics();
  } finally {
    await engine.stop();
  }
}

describe('the queue between decoding and Kafka', () => {
  it('max.queue.size=300, max.batch.size=100: a 3,000-row snapshot and a 20,000-row INSERT fill the queue to 300 records and never past it; batches of 100 at most; nothing lost', async () => {
    const m = await bulkThrough(uniqueId('qsize'), { 'max.queue.size': '300', 'max.batch.size': '100' }, 3_000, 20_000);
    console.log(`max.queue.size=300: peak ${m['kafka.peakBuffered']} records (${m['kafka.peakBufferedBytes']} bytes), largest batch ${m['kafka.peakBatchRecords']}, ${m['kafka.requests']} produce requests for ${m['kafka.recordsSent']} records`);
    expect(m['kafka.peakBuffered'], 'the queue filled: reading waited').toBe(300);
    expect(m['kafka.peakBatchRecords']).toBeLessThanOrEqual(100);
    expect(m['kafka.recordsSent']).toBeGreaterThanOrEqual(23_000);
  });

  it('max.queue.size.in.bytes=65536: the bytes stop at the bound (exceeded by one record at most) long before max.queue.size records', async () => {
    const m = await bulkThrough(uniqueId('qbytes'), { 'max.queue.size.in.bytes': '65536' }, 1_000, 10_000);
    console.log(`max.queue.size.in.bytes=65536: peak ${m['kafka.peakBufferedBytes']} bytes in ${m['kafka.peakBuffered']} records, largest batch ${m['kafka.peakBatchRecords']}`);
    expect(m['kafka.peakBufferedBytes']).toBeGreaterThanOrEqual(65_536);
    // one record of this table is ~3 KB as Connect JSON (schema included)
    expect(m['kafka.peakBufferedBytes']).toBeLessThan(65_536 + 4_096);
    expect(m['kafka.peakBuffered']).toBeLessThan(100);
    expect(m['kafka.peakBatchRecords']).toBeLessThanOrEqual(2048); // max.batch.size's default
  });
});
