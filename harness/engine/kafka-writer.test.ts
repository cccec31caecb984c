import { describe, expect, it } from 'vitest';
import { partitionForKey } from './kafka-writer.js';

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

describe('partitionForKey', () => {
  it("matches the Java client's toPositive(murmur2(key)) % numPartitions", () => {
    for (const [key, hash] of JAVA_MURMUR2) {
      for (const n of [1, 3, 7, 12, 100]) {
        expect(partitionForKey(Buffer.from(key), n), `${key} over ${n} partitions`).toBe((hash & 0x7fffffff) % n);
      }
    }
  });
});
