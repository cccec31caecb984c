// The topic reader against the shared stack's Kafka: waits for a topic to appear, reads from the
// beginning, unwraps the JsonConverter envelope and keeps tombstones as null values.
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { StackInfo } from '../../runtime/types.ts';
import { opOf } from '../debezium-event.ts';
import { TopicReader } from './topic-reader.ts';

const stack: StackInfo = inject('stack');
const kafka = new Kafka({ clientId: 'kit-topic-reader-test', brokers: stack.kafka.bootstrapServers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const topic = `kit-reader-${Date.now()}.public.items`;
let reader: TopicReader | undefined;

afterAll(async () => {
  await reader?.close();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('TopicReader', () => {
  it('reads Debezium JSON from the beginning, tombstones included', async () => {
    await admin.connect();
    reader = new TopicReader(kafka, admin, topic, `${topic}-group`);
    // start waiting before the topic exists, as a lab does before its connector writes
    const waiting = reader.waitForTotal(2, 30_000);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    const key = JSON.stringify({ schema: { type: 'struct' }, payload: { id: 7 } });
    const value = JSON.stringify({
      schema: { type: 'struct' },
      payload: { op: 'd', before: { id: 7 }, after: null, source: { snapshot: 'false', table: 'items' } },
    });
    await producer.send({ topic, messages: [{ key, value }, { key, value: null }] });
    await producer.disconnect();

    const events = await waiting;
    expect(events.map(opOf)).toEqual(['d', 'tombstone']);
    expect(events[0].key).toEqual({ id: 7 });
    expect(events[0].value?.before).toEqual({ id: 7 });
    expect(events[1].value).toBeNull();
  });

  it('times out naming the topic and how many events it got', async () => {
    await expect(reader?.waitForTotal(3, 500)).rejects.toThrow(/3 events on kit-reader-.*\(got 2\)/);
  });
});
