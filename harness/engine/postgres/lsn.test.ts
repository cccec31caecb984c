import { describe, expect, it } from 'vitest';
import { formatLsn, formatSequence, parseLsn } from './lsn.ts';

describe('lsn', () => {
  it('parses and formats pg_lsn text', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('16/B374D848')).toBe(0x16b374d848n);
    expect(parseLsn('0/016E3A40')).toBe(0x16e3a40n);
    expect(formatLsn(0x16b374d848n)).toBe('16/B374D848');
    expect(formatLsn(0x16e3a40n)).toBe('0/16E3A40');
    expect(formatLsn(parseLsn('FFFFFFFF/FFFFFFFF'))).toBe('FFFFFFFF/FFFFFFFF');
    expect(parseLsn('FFFFFFFF/FFFFFFFF')).toBe(0xffffffffffffffffn);
    expect(parseLsn('1FFFFF/FFFFFFFF')).toBe(0x1fffffffffffffn);
  });
  it('rejects what is not an LSN', () => {
    expect(() => parseLsn('12345')).toThrow(/not an LSN/);
    expect(() => parseLsn('1/2/3')).toThrow(/not an LSN/);
  });
  it("formats source.sequence like Debezium's Jackson output", () => {
    expect(formatSequence(null, 24023128n)).toBe('[null,"24023128"]');
    expect(formatSequence(24023000n, 24023128n)).toBe('["24023000","24023128"]');
  });
});
