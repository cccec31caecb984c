import { describe, expect, it } from 'vitest';
import { maskVolatile } from './mask.ts';

describe('maskVolatile', () => {
  it('masks Debezium source positions and timestamps', () => {
    const event = {
      op: 'u',
      ts_ms: 1713059333521,
      source: { lsn: 26842648, txId: 741, ts_ms: 1713056376651, ts_us: 1n, sequence: '[null,"26842648"]', snapshot: 'false', table: 'products' },
    };
    expect(maskVolatile(event)).toEqual({
      op: 'u',
      ts_ms: '<ts_ms>',
      source: { lsn: '<lsn>', txId: '<txId>', ts_ms: '<ts_ms>', ts_us: '<ts_us>', sequence: '<sequence>', snapshot: 'false', table: 'products' },
    });
  });

  it('keeps nulls as they are (null before is a fact worth comparing)', () => {
    expect(maskVolatile({ lsn: null, before: null })).toEqual({ lsn: null, before: null });
  });

  it('numbers generated ids consistently within one transcript', () => {
    const a = '8eb22f16-1763-4023-8b61-6b6bc21b8e8f';
    const b = '0e3a6f0e-1111-4023-8b61-6b6bc21b8e8f';
    expect(maskVolatile([{ id: a }, { id: b }, { id: a.toUpperCase() }])).toEqual([
      { id: '<uuid-1>' },
      { id: '<uuid-2>' },
      { id: '<uuid-1>' },
    ]);
  });

  it('masks ports, ISO timestamps and textual LSNs inside strings', () => {
    expect(maskVolatile('worker 127.0.0.1:38211 at 2024-04-13T17:04:10.581758Z from 0/1A2B3C')).toBe(
      'worker 127.0.0.1:<port> at <timestamp> from <lsn>',
    );
  });

  it('shortens long values to a head, their length and a digest', () => {
    const masked = maskVolatile('lorem '.repeat(500)) as string;
    expect(masked).toMatch(/^lorem lorem .*… \(3000 chars, sha256 [0-9a-f]{12}\)$/);
    expect(maskVolatile('lorem '.repeat(500))).toBe(masked);
    expect(maskVolatile('ipsum '.repeat(500))).not.toBe(masked);
  });
});
