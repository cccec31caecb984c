import { describe, expect, it } from 'vitest';
import { standbyStatusUpdate } from './standby-status.ts';
import { parseConnectorConfig } from '../source/config.ts';

describe('standby status update (flush.lsn.source=false reports nothing flushed)', () => {
  it('writes r, the three positions and microseconds since 2000-01-01', () => {
    const buf = standbyStatusUpdate(0x1_6b3f40n, 0n, 0n, 946_684_800_000 + 1500, true);
    expect(buf).toHaveLength(34);
    expect(buf.toString('ascii', 0, 1)).toBe('r');
    expect(buf.readBigUInt64BE(1)).toBe(0x1_6b3f40n);
    expect(buf.readBigUInt64BE(9)).toBe(0n);
    expect(buf.readBigUInt64BE(17)).toBe(0n);
    expect(buf.readBigInt64BE(25)).toBe(1_500_000n);
    expect(buf.readUInt8(33)).toBe(1);
  });

  it('flush.lsn.source defaults to true; false is accepted with a warning, another value is an error naming the key', () => {
    const base = { 'topic.prefix': 'p', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd' };
    expect(parseConnectorConfig(base).flushLsnSource).toBe(true);
    const off = parseConnectorConfig({ ...base, 'flush.lsn.source': 'FALSE' });
    expect(off.flushLsnSource).toBe(false);
    expect(off.warnings).toEqual([expect.stringContaining('flush.lsn.source=false: no LSN is confirmed to the replication slot')]);
    expect(() => parseConnectorConfig({ ...base, 'flush.lsn.source': 'sometimes' })).toThrow(/flush\.lsn\.source: expected a boolean/);
  });
});
