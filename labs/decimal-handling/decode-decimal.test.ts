// The decoder the page shows, against values whose bytes are known (Java's BigInteger.toByteArray).
import { describe, expect, it } from 'vitest';
import { decodeDecimal, unscaledOf } from './decode-decimal.ts';

describe('decodeDecimal', () => {
  it('reads the unscaled value as big-endian two\'s complement', () => {
    expect(unscaledOf('B88=')).toBe(1999n); // 0x07CF
    expect(unscaledOf('/w==')).toBe(-1n); // 0xFF
    expect(unscaledOf('AIA=')).toBe(128n); // 0x0080: a leading zero byte keeps it positive
    expect(unscaledOf('gA==')).toBe(-128n);
  });
  it('places the point by the scale, padding small values', () => {
    expect(decodeDecimal('B88=', 2)).toBe('19.99');
    expect(decodeDecimal('Cg==', 2)).toBe('0.10');
    expect(decodeDecimal('/w==', 3)).toBe('-0.001');
    expect(decodeDecimal('fQ==', 0)).toBe('125');
  });
});
