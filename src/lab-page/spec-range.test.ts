import { describe, expect, it } from 'vitest';
import { parseRange, rangeHash } from './spec-range.ts';

describe('spec ranges', () => {
  it('round-trips a range through the hash a claim links to', () => {
    const r = { file: 'migration-steps.ts', start: 60, end: 64 };
    expect(rangeHash(r)).toBe('#migration-steps.ts-L60-L64');
    expect(parseRange(rangeHash(r))).toEqual(r);
    expect(parseRange('#lab.ts-L7')).toEqual({ file: 'lab.ts', start: 7, end: 7 });
    expect(parseRange('#lab.ts')).toBeUndefined();
  });
});
