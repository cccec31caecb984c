import { describe, expect, it } from 'vitest';
import type { ConnectRecord, SinkRecord } from '../connect-record.ts';
import { buildTransforms } from './index.ts';

const router = (opts: Record<string, string> = {}) =>
  buildTransforms({ transforms: 'r', 'transforms.r.type': 'org.apache.kafka.connect.transforms.TimestampRouter', ...Object.fromEntries(Object.entries(opts).map(([k, v]) => [`transforms.r.${k}`, v])) });
const sink = (topic: string, timestamp: number): SinkRecord => ({ topic, partition: 0, keySchema: null, key: null, valueSchema: null, value: null, headers: [], offset: '0', timestamp });

describe('TimestampRouter (Kafka 3.9)', () => {
  it('defaults to ${topic}-${timestamp} with yyyyMMdd at UTC (TimestampRouterTest.defaultConfiguration)', () => {
    expect(router()(sink('test', 1483425001864))!.topic).toBe('test-20170103');
  });

  it('replaces every ${topic}, then every ${timestamp} (also inside the topic); week fields follow the US rules', () => {
    expect(router({ 'topic.format': '${timestamp}/${topic}/${topic}', 'timestamp.format': "YYYY-ww 'w' EEE hh a" })(sink('a$b', 1735430400000))!.topic).toBe('2025-01 w Sun 12 AM/a$b/a$b');
    expect(router({ 'topic.format': 'x-${topic}', 'timestamp.format': 'yyyy' })(sink('${timestamp}', 0))!.topic).toBe('x-1970');
  });

  it('a record without a timestamp (a source record here) is a DataException; a bad pattern is refused before start', () => {
    const source: ConnectRecord = { topic: 't', partition: null, keySchema: null, key: null, valueSchema: null, value: null, headers: [] };
    expect(() => router()(source)).toThrow("Timestamp missing on record: ConnectRecord{topic='t', kafkaPartition=null, timestamp=null}");
    expect(() => router({ 'timestamp.format': 'yyyy-bb' })).toThrow("transforms.r.timestamp.format: Illegal pattern character 'b'");
  });
});
