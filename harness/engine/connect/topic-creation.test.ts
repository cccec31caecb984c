import { describe, expect, it } from 'vitest';
import { topicCreation } from './topic-creation.ts';

const seed = {
  'topic.creation.default.partitions': '3',
  'topic.creation.default.replication.factor': '1',
  'topic.creation.default.cleanup.policy': 'compact,delete',
  'topic.creation.default.min.cleanable.dirty.ratio': '0.1',
  'topic.creation.default.retention.ms': '604800000',
  'topic.creation.default.compression.type': 'lz4',
};

describe('topic.creation.* (Kafka Connect KIP-158)', () => {
  it('is off when no key starts with topic.creation.', () => {
    expect(topicCreation({ 'topic.prefix': 'x' })).toBeNull();
  });

  it("gives every topic the default group's partitions, replication factor and topic configs", () => {
    const settings = topicCreation(seed)!('pgsource.public.employees');
    expect(settings.numPartitions).toBe(3);
    expect(settings.replicationFactor).toBe(1);
    expect(settings.configEntries).toEqual([
      { name: 'cleanup.policy', value: 'compact,delete' },
      { name: 'min.cleanable.dirty.ratio', value: '0.1' },
      { name: 'retention.ms', value: '604800000' },
      { name: 'compression.type', value: 'lz4' },
    ]);
  });

  it('tries named groups in order (full-match include, exclude), defaulting partitions and replication to the default group', () => {
    const f = topicCreation({
      ...seed,
      'topic.creation.groups': 'compacted,big',
      'topic.creation.compacted.include': 'pg\\.public\\.orders,pg\\.public\\.items.*',
      'topic.creation.compacted.exclude': '.*_tmp',
      'topic.creation.compacted.cleanup.policy': 'compact',
      'topic.creation.big.include': 'pg\\..*',
      'topic.creation.big.partitions': '6',
    })!;
    expect(f('pg.public.orders').configEntries).toEqual([{ name: 'cleanup.policy', value: 'compact' }]);
    expect(f('pg.public.orders').numPartitions).toBe(3);
    expect(f('pg.public.items_tmp').numPartitions).toBe(6); // excluded from compacted, caught by big
    expect(f('pg.public.orders2').numPartitions).toBe(6); // include must match the whole name
    expect(f('other.topic').configEntries).toHaveLength(4);
  });

  it('requires the default group partitions and replication factor, naming each key; -1 is the broker default', () => {
    expect(() => topicCreation({ 'topic.creation.default.cleanup.policy': 'compact' })).toThrow(
      /topic\.creation\.default\.replication\.factor: missing required configuration[\s\S]*topic\.creation\.default\.partitions: missing/,
    );
    expect(topicCreation({ 'topic.creation.default.partitions': '-1', 'topic.creation.default.replication.factor': '-1' })!('t').numPartitions).toBe(-1);
    expect(() => topicCreation({ ...seed, 'topic.creation.default.partitions': 'three' })).toThrow(/topic\.creation\.default\.partitions: "three" is not a valid value/);
    expect(() => topicCreation({ ...seed, 'topic.creation.groups': 'a', 'topic.creation.a.include': '(' })).toThrow(/topic\.creation\.a\.include: invalid regular expression/);
  });
});
