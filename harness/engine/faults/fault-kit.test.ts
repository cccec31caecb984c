// The fault tests' checks can fail: each rule on a delivery that breaks it.
import { describe, expect, it } from 'vitest';
import { keySequenceProblems, slotAheadProblems, type SeqRecord } from './fault-kit.test-helper.ts';

const pairs = (...seqs: Array<[number, number]>) => seqs.map(([id, seq]) => ({ id, seq }));

describe('keySequenceProblems', () => {
  it('passes every seq in order, and a contiguous replay counted as duplicates', () => {
    expect(keySequenceProblems(pairs([1, 1], [2, 1], [1, 2], [1, 3], [1, 2], [1, 3], [2, 2], [2, 3]), 2, 3)).toEqual({ problems: [], duplicates: 2, replays: 1 });
  });

  it('names a missing key, a gap, a reordering, a wrong first and a wrong last seq', () => {
    expect(keySequenceProblems(pairs([1, 1], [1, 3]), 2, 3).problems).toEqual([
      'key 2: no records',
      'gap or reordering: seq 1 then 3 (key 1, records -2..4 of 2: 1,3)',
    ]);
    expect(keySequenceProblems(pairs([1, 2], [1, 1], [1, 2]), 1, 3).problems).toEqual([
      'key 1: the first record carries seq 2, not 1',
      'key 1: the last record carries seq 2, not the final 3',
    ]);
  });
});

describe('slotAheadProblems', () => {
  const rec = (seq: number, lsn: bigint, offset: number): SeqRecord => ({ id: 1, seq, lsn, partition: 0, offset });
  const records = [rec(1, 100n, 0), rec(2, 200n, 1)];

  it('passes when every change below the confirmed LSN was in Kafka', () => {
    expect(slotAheadProblems(records, [{ at: 0, confirmed: 150n, ends: new Map([[0, 1]]) }])).toEqual([]);
  });

  it('names a change below the confirmed LSN that Kafka did not hold yet', () => {
    expect(slotAheadProblems(records, [{ at: 0, confirmed: 250n, ends: new Map([[0, 1]]) }])).toEqual([
      'the slot confirmed 250 at 1970-01-01T00:00:00.000Z while Kafka held offsets below 1 only, and key 1 seq 2 (lsn 200) was first written at offset 1',
    ]);
  });
});
