import { describe, expect, it } from 'vitest';
import { pairRecords } from './pair.ts';
import type { CapturedRecord } from './record.ts';

const rec = (topic: string, offset: number, value: unknown = offset): CapturedRecord => ({ topic, offset, key: null, value, headers: {} });

describe('pairRecords', () => {
  it('pairs the n-th record of a topic with the n-th of the other side, by offset', () => {
    const pairs = pairRecords([rec('a', 1, 'second'), rec('a', 0, 'first')], [rec('a', 5, 'first'), rec('a', 7, 'second')]);
    expect(pairs.map((p) => [p.topic, p.index, p.debezium?.value, p.ours?.value])).toEqual([
      ['a', 0, 'first', 'first'],
      ['a', 1, 'second', 'second'],
    ]);
  });

  it('keeps records one side lacks, and topics only one side has, sorted by topic', () => {
    const pairs = pairRecords([rec('b', 0), rec('b', 1)], [rec('b', 0), rec('a', 0)]);
    expect(pairs.map((p) => [p.topic, p.index, p.debezium !== undefined, p.ours !== undefined])).toEqual([
      ['a', 0, false, true],
      ['b', 0, true, true],
      ['b', 1, true, false],
    ]);
  });
});
