// QueueBound: Debezium's ChangeEventQueue wait condition (max.queue.size, max.queue.size.in.bytes),
// and the keys' parsing and validation as Debezium 3.2.7's CommonConnectorConfig does it.
import { describe, expect, it } from 'vitest';
import { parseConnectorConfig, type ConfigErrors } from '../source/config.ts';
import { QueueBound } from './queue-bound.ts';

/** whether the promise settled within a few event-loop turns */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(() => (done = true), () => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

describe('QueueBound', () => {
  it('holds max.queue.size records at most: the next add waits until a release makes room', async () => {
    const q = new QueueBound({ maxRecords: 3, maxBytes: 0 });
    for (let i = 0; i < 3; i++) await q.add(10);
    expect(q.full).toBe(true);
    let waits = 0;
    const fourth = q.add(10, () => waits++);
    expect(await settled(fourth)).toBe(false);
    expect(waits).toBe(1);
    expect(q.records).toBe(3);
    q.release(1, 10);
    expect(await settled(fourth)).toBe(true);
    expect({ records: q.records, bytes: q.bytes, peak: q.peakRecords }).toEqual({ records: 3, bytes: 30, peak: 3 });
  });

  it('max.queue.size.in.bytes: waits once the bytes reach the bound (exceeded by the last record at most), 0 is no bound', async () => {
    const q = new QueueBound({ maxRecords: 100, maxBytes: 250 });
    await q.add(100);
    await q.add(100);
    await q.add(100); // 200 < 250: added, now 300
    expect(q.full).toBe(true);
    const next = q.add(1);
    expect(await settled(next)).toBe(false);
    q.release(1, 100); // 200: room again
    expect(await settled(next)).toBe(true);
    expect(q.peakBytes).toBe(300);

    const off = new QueueBound({ maxRecords: 5, maxBytes: 0 });
    for (let i = 0; i < 5; i++) await off.add(10 ** 9);
    expect(off.bytes).toBe(5 * 10 ** 9);
    expect(off.full).toBe(true); // by count only
  });

  it('many producers never push it past the bound; every waiting add gets in as acknowledgements free room', async () => {
    const q = new QueueBound({ maxRecords: 4, maxBytes: 0 });
    const adds = Array.from({ length: 50 }, () => q.add(1));
    let done = 0;
    adds.forEach((a) => void a.then(() => done++));
    while (done < 50) {
      await settled(Promise.resolve());
      expect(q.records).toBeLessThanOrEqual(4);
      if (q.records > 0) q.release(1, 1);
    }
    expect(q.peakRecords).toBe(4);
  });

  it('a failure wakes the waiting add with the error, and every later add throws it', async () => {
    const q = new QueueBound({ maxRecords: 1, maxBytes: 0 });
    await q.add(1);
    const waiting = q.add(1);
    q.fail(new Error('Kafka producer failed: broker gone'));
    await expect(waiting).rejects.toThrow('broker gone');
    await expect(q.add(1)).rejects.toThrow('broker gone');
  });

  it('refuses a bound with no room', () => {
    expect(() => new QueueBound({ maxRecords: 0, maxBytes: 0 })).toThrow(/room/);
  });
});

describe('max.queue.size / max.batch.size / max.queue.size.in.bytes in the connector config', () => {
  const base = {
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.hostname': 'localhost', 'database.user': 'u',
    'database.dbname': 'd', 'topic.prefix': 'p',
  };
  const problems = (extra: Record<string, unknown>): string[] => {
    try {
      parseConnectorConfig({ ...base, ...extra });
      return [];
    } catch (e) {
      return (e as ConfigErrors).errors.map((x) => `${x.key}: ${x.message}`);
    }
  };

  it("Debezium's defaults: 8192 records, batches of 2048, no byte bound", () => {
    const c = parseConnectorConfig(base);
    expect([c.maxQueueSize, c.maxBatchSize, c.maxQueueSizeInBytes]).toEqual([8192, 2048, 0]);
    expect(parseConnectorConfig({ ...base, 'max.queue.size': '300', 'max.batch.size': '100', 'max.queue.size.in.bytes': '65536' })).toMatchObject({ maxQueueSize: 300, maxBatchSize: 100, maxQueueSizeInBytes: 65536 });
  });

  it('max.queue.size must be larger than max.batch.size (CommonConnectorConfig#validateMaxQueueSize): a ConfigError naming the key', () => {
    expect(problems({ 'max.queue.size': '100', 'max.batch.size': '100' })).toEqual(['max.queue.size: max.queue.size: must be larger than the maximum batch size (max.batch.size 100), got 100']);
    expect(problems({ 'max.queue.size': '1000' })).toEqual(['max.queue.size: max.queue.size: must be larger than the maximum batch size (max.batch.size 2048), got 1000']);
    expect(problems({ 'max.queue.size': '0' })[0]).toMatch(/^max\.queue\.size: .*integer between 1/);
    expect(problems({ 'max.batch.size': '0' })[0]).toMatch(/^max\.batch\.size: .*integer between 1/);
    expect(problems({ 'max.queue.size.in.bytes': '-1' })[0]).toMatch(/^max\.queue\.size\.in\.bytes: .*integer between 0/);
  });
});
