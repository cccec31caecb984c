// The writer against the real broker, with several produce batches in flight: every record once, in
// order per key, the acknowledged position only over records Kafka holds, and keys, tombstones and
// headers as given.
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KafkaWriter } from './kafka-writer.ts';
import { stackInfo, uniqueId } from '../source/it-helpers.test-helper.ts';

async function readAll(topic: string): Promise<Array<{ partition: number; key: string | null; value: string | null; headers: Record<string, string>; timestamp: string }>> {
  const kafka = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const total = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  await admin.disconnect();
  const out: Array<{ partition: number; key: string | null; value: string | null; headers: Record<string, string>; timestamp: string }> = [];
  const consumer = kafka.consumer({ groupId: uniqueId('writer-read') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${out.length} of ${total} records of ${topic}`)), 60_000);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        out.push({ partition, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers, timestamp: message.timestamp });
        if (out.length >= total) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return out;
}

async function endOffsets(topic: string): Promise<number> {
  const kafka = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('KafkaWriter', () => {
  it('keeps every record once and in order per key with 5 batches in flight, and acknowledges only a held prefix', async () => {
    const topic = uniqueId('writer-order');
    // small batches, so that many are outstanding at once
    const writer = new KafkaWriter({ bootstrapServers: stackInfo().kafka.bootstrapServers, clientId: topic, topicPartitions: 3, maxBatchRecords: 40, maxInFlight: 5, lingerMs: 0 });
    await writer.start();
    const acks: number[] = [];
    writer.onAck((seq) => acks.push(seq));
    const total = 20_000;
    const keys = 25;
    // at some acknowledgements, Kafka must already hold at least that many records (one topic, seq = count)
    const held: Array<Promise<[number, number]>> = [];
    writer.onAck((seq) => {
      if (held.length < 5 && seq > held.length * 4000) held.push(endOffsets(topic).then((n) => [seq, n]));
    });
    try {
      for (let n = 0; n < total; n += 200) {
        const chunk = Array.from({ length: 200 }, (_, i) => ({
          topic,
          key: Buffer.from(`k${(n + i) % keys}`),
          value: Buffer.from(String(n + i)),
          headers: {},
        }));
        await writer.enqueue(chunk);
      }
      await writer.flush();
      expect(writer.ackedSeq).toBe(total);
      expect(writer.counters.peakInFlight).toBeGreaterThan(1);
    } finally {
      await writer.stop();
    }
    expect(acks).toEqual([...acks].sort((a, b) => a - b));
    for (const [seq, n] of await Promise.all(held)) expect(n).toBeGreaterThanOrEqual(seq);

    const records = await readAll(topic);
    expect(records).toHaveLength(total);
    const values = records.map((r) => Number(r.value));
    expect(new Set(values).size).toBe(total);
    const lastPerKey = new Map<string, number>();
    const partitionOfKey = new Map<string, number>();
    for (const r of records) {
      const v = Number(r.value);
      expect(v, `record ${v} of key ${r.key} after ${lastPerKey.get(r.key!)}`).toBeGreaterThan(lastPerKey.get(r.key!) ?? -1);
      lastPerKey.set(r.key!, v);
      expect(partitionOfKey.get(r.key!) ?? r.partition).toBe(r.partition);
      partitionOfKey.set(r.key!, r.partition);
    }
    expect(new Set(partitionOfKey.values()).size).toBe(3);
  });

  it('writes null keys, tombstones, headers and an explicit partition as given', async () => {
    const topic = uniqueId('writer-shapes');
    const stamp = Date.now() - 60_000;
    const writer = new KafkaWriter({ bootstrapServers: stackInfo().kafka.bootstrapServers, clientId: topic, topicPartitions: 2 });
    await writer.start();
    try {
      await writer.enqueue([
        { topic, key: Buffer.from('a'), value: Buffer.from('1'), headers: { __debezium_key: 'x' } },
        { topic, key: Buffer.from('a'), value: null, headers: {} },
        { topic, key: null, value: Buffer.from('hb'), headers: {}, partition: 1 },
        { topic, key: Buffer.from('t'), value: Buffer.from('at'), headers: {}, timestamp: stamp },
      ]);
      await writer.flush();
      // a timestamp the client would write wrongly (record-timestamp.ts) is refused, with nothing of its call queued
      await expect(writer.enqueue([
        { topic, key: Buffer.from('t'), value: Buffer.from('not written'), headers: {} },
        { topic, key: Buffer.from('t'), value: Buffer.from('old'), headers: {}, timestamp: Date.UTC(2023, 0, 1) },
      ])).rejects.toThrow(/cannot write such a timestamp exactly/);
      await writer.flush();
    } finally {
      await writer.stop();
    }
    const records = await readAll(topic);
    expect(records.map((r) => r.value)).not.toContain('not written');
    const byValue = (v: string | null) => records.find((r) => r.value === v);
    expect(byValue('1')).toMatchObject({ key: 'a', headers: { __debezium_key: 'x' } });
    expect(byValue(null)).toMatchObject({ key: 'a', partition: byValue('1')!.partition });
    expect(byValue('hb')).toMatchObject({ key: null, partition: 1 });
    // a timestamp a transform set (outbox EventRouter) is the record's; the others get the producer's time
    expect(byValue('at')!.timestamp).toBe(String(stamp));
    expect(Math.abs(Number(byValue('1')!.timestamp) - Date.now())).toBeLessThan(300_000);
  });
  it('keeps a topic in order when earlier batches also hold topics the producer has no metadata for yet', async () => {
    // A batch whose topics are all in the producer's metadata cache is numbered at once; one with a new
    // (or expired) topic waits for a metadata request. Without the writer's refresh before hand-over,
    // batch [A1, A2] was numbered, and written, before [A0, new0]: A out of order (seen in conformance).
    const topic = uniqueId('writer-meta');
    const writer = new KafkaWriter({ bootstrapServers: stackInfo().kafka.bootstrapServers, clientId: topic, topicPartitions: 1, maxBatchRecords: 2, maxInFlight: 5, lingerMs: 0 });
    await writer.start();
    const total = 60;
    try {
      await writer.enqueue([{ topic, key: Buffer.from('k'), value: Buffer.from('-1'), headers: {} }]);
      await writer.flush();
      const records = [];
      for (let i = 0; i < total; i++) {
        records.push({ topic, key: Buffer.from('k'), value: Buffer.from(String(i)), headers: {} });
        if (i % 3 === 0) records.push({ topic: `${topic}-new${i}`, key: Buffer.from('k'), value: Buffer.from(String(i)), headers: {} });
      }
      await writer.enqueue(records);
      await writer.flush();
      expect(writer.counters.topicsCreated).toBeGreaterThan(total / 3);
    } finally {
      await writer.stop();
    }
    const values = (await readAll(topic)).map((r) => Number(r.value));
    expect(values).toEqual([-1, ...Array.from({ length: total }, (_, i) => i)]);
  });
});
