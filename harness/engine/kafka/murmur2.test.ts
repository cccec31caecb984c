import { randomBytes } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './murmur2.ts';

// Expected values from Apache Kafka's clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java
// (testMurmur2): Utils.murmur2(bytes). The Java partitioner uses toPositive(murmur2) % n.
const JAVA_MURMUR2: Array<[string, number]> = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];

const kafkajsPartition = (key: Buffer, n: number): number =>
  Partitioners.DefaultPartitioner()({
    topic: 't',
    partitionMetadata: Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 })),
    message: { key, value: null },
  });

describe('murmur2 partitioning', () => {
  it("equals Kafka's Utils.murmur2 on Kafka's own test vectors", () => {
    for (const [key, hash] of JAVA_MURMUR2) expect(murmur2(Buffer.from(key)), key).toBe(hash);
  });
  it("matches the Java client's toPositive(murmur2(key)) % numPartitions", () => {
    for (const [key, hash] of JAVA_MURMUR2) {
      for (const n of [1, 3, 7, 12, 100]) expect(partitionForKey(Buffer.from(key), n)).toBe((hash & 0x7fffffff) % n);
    }
  });
  it("agrees with kafkajs' DefaultPartitioner (which claims Java compatibility) on random keys", () => {
    for (let i = 0; i < 2000; i++) {
      const key = randomBytes(i % 67);
      expect(partitionForKey(key, 13), key.toString('hex')).toBe(kafkajsPartition(key, 13));
    }
    // and on Debezium-style JSON keys
    for (let id = 0; id < 500; id++) {
      const key = Buffer.from(JSON.stringify({ schema: { type: 'struct' }, payload: { id } }));
      expect(partitionForKey(key, 6)).toBe(kafkajsPartition(key, 6));
    }
  });
});
