import { describe, expect, it } from 'vitest';
import { diffPairs, diffValues, formatDifferences, summary } from './diff.ts';
import { pairRecords } from './pair.ts';
import type { CapturedRecord } from './record.ts';

describe('diffValues', () => {
  it('finds nothing in equal values, bigints included', () => {
    expect(diffValues({ a: [1, { b: null }], c: 9223372036854775807n }, { a: [1, { b: null }], c: 9223372036854775807n })).toEqual([]);
  });

  it('names a differing field by its path, and Connect schema fields by their name', () => {
    const schema = (type: string) => ({ fields: [{ field: 'before' }, { field: 'after', fields: [{ field: 'id', type: 'int32' }, { field: 'c_money', type }] }] });
    expect(diffValues(schema('bytes'), schema('double'))).toEqual([{ path: 'fields[after].fields[c_money].type', kind: 'value', debezium: 'bytes', ours: 'double' }]);
  });

  it('reports missing fields, extra fields and a different field order', () => {
    expect(diffValues({ a: 1, b: 2 }, { b: 2, a: 1, c: 3 })).toEqual([
      { path: 'c', kind: 'missing', debezium: undefined, ours: 3 },
      { path: '(root)', kind: 'order', debezium: ['a', 'b'], ours: ['b', 'a'] },
    ]);
    expect(diffValues([1], [1, 2])).toEqual([{ path: '[1]', kind: 'missing', debezium: undefined, ours: 2 }]);
  });

  it('tells 1 from "1", null from absent, and bigints apart', () => {
    expect(diffValues({ a: 1 }, { a: '1' })).toHaveLength(1);
    expect(diffValues({ a: null }, {})).toEqual([{ path: 'a', kind: 'missing', debezium: null, ours: undefined }]);
    expect(diffValues(-9223372036854775808n, -5617252800000000262144n)).toHaveLength(1);
  });
});

describe('diffPairs and formatDifferences', () => {
  const rec = (value: unknown, headers: Record<string, unknown> = {}): CapturedRecord => ({ topic: 'public.t', offset: 0, key: { payload: { id: 1 } }, value, headers });

  it('compares key, value and headers, and a record one side lacks', () => {
    const differences = diffPairs(
      pairRecords([rec({ payload: { op: 'c', after: { x: 1 } } }, { h: 1 }), { ...rec(null), offset: 1 }], [rec({ payload: { op: 'c', after: { x: 2 } } }, { h: 2 })]),
    );
    expect(differences.map((d) => `${d.topic}#${d.index} ${d.part}.${d.path} ${d.kind}`)).toEqual([
      'public.t#0 value.payload.after.x value',
      'public.t#0 headers.h value',
      'public.t#1 record.(record) missing',
    ]);
    expect(differences[2]!.debezium).toBe('tombstone');
    const text = formatDifferences(differences, (d) => (d.part === 'headers' ? 'known: h' : undefined));
    expect(text).toContain('public.t #0\n  value.payload.after.x\n    debezium: 1\n    ours:     2');
    expect(text).toContain('headers.h  [known: h]');
    expect(text).toContain('record.(record) (missing)\n    debezium: "tombstone"\n    ours:     (absent)');
  });

  it('summary names the operation, the snapshot marker and transaction records', () => {
    expect(summary({ payload: { op: 'r', source: { snapshot: 'last' } } })).toBe('op=r snapshot=last');
    expect(summary({ payload: { op: 'u', source: { snapshot: 'false' } } })).toBe('op=u');
    expect(summary({ payload: { status: 'BEGIN' } })).toBe('BEGIN transaction');
  });
});
