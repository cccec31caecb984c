import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, inject, it } from 'vitest';
import { produceAndConsume } from './kafka-roundtrip.ts';

describe('Kafka (KRaft) on the shared stack', () => {
  const { kafka } = inject('stack');

  it('runs in KRaft mode with one node', async () => {
    expect(kafka.mode).toBe('kraft');
    const admin = new Kafka({ brokers: kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers).toHaveLength(1);
  });

  it('produces and consumes with kafkajs', async () => {
    const values = await produceAndConsume(kafka.bootstrapServers, 'runtime-kraft-roundtrip', ['one', 'two', 'three']);
    expect(values).toEqual(['one', 'two', 'three']);
  });
});
