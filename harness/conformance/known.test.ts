import { describe, expect, it } from 'vitest';
import type { Difference } from './diff.ts';
import { classify, explain, type KnownDifference } from './known.ts';
import { KNOWN_DIFFERENCES } from './known-differences.ts';

const diff = (topic: string, path: string, part: Difference['part'] = 'value'): Difference => ({ topic, index: 0, part, path, kind: 'value', debezium: 1, ours: 2 });
const known: KnownDifference[] = [{ id: 'point-srid', topic: 'public.*', path: 'value.payload.*.c_point.srid', summary: 's', reason: 'r' }];

describe('known differences', () => {
  it('match topic and "<part>.<path>" with * as a wildcard, dots and brackets literal', () => {
    expect(explain(diff('public.all_types', 'payload.after.c_point.srid'), known)?.id).toBe('point-srid');
    expect(explain(diff('public.all_types', 'payload.after.c_point.srid', 'key'), known)).toBeUndefined();
    expect(explain(diff('transaction', 'payload.after.c_point.srid'), known)).toBeUndefined();
    expect(explain(diff('public.t', 'payload.afterXc_point.srid'), [{ ...known[0]!, path: 'value.payload.after.c_point.srid' }])).toBeUndefined();
  });

  it('classify splits known from unknown and names the entries nothing matched', () => {
    const result = classify([diff('public.t', 'payload.after.c_point.srid'), diff('public.t', 'payload.op')], [...known, { ...known[0]!, id: 'unused', path: 'x' }]);
    expect(result.known.map((k) => k.because.id)).toEqual(['point-srid']);
    expect(result.unknown.map((d) => d.path)).toEqual(['payload.op']);
    expect(result.unused.map((k) => k.id)).toEqual(['unused']);
  });

  it('every listed difference has an id, a reason and a summary, ids unique', () => {
    const ids = KNOWN_DIFFERENCES.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of KNOWN_DIFFERENCES) expect(k.reason.length * k.summary.length * k.id.length).toBeGreaterThan(0);
  });
});
