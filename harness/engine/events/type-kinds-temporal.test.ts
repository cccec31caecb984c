import { describe, expect, it } from 'vitest';
import { parseConnectorConfig } from '../source/config.ts';
import { mapColumn } from './type-map.ts';
import { javaDoubleToLong } from './type-kinds-temporal.ts';

const cfg = parseConnectorConfig({ 'topic.prefix': 'p', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd' });
const interval = mapColumn({ name: 'c', position: 1, typeOid: 1186, typeName: 'interval', typeMod: -1, typeCategory: 'T', nullable: true }, cfg)!;

describe('MicroDuration beyond the int64 range saturates as Java\'s (long) cast does', () => {
  it("interval '-178000000 years' → Long.MIN_VALUE, as real Debezium 3.2.7 emitted it (harness/conformance)", () => {
    expect(interval.convert('-178000000 years')).toBe(-9223372036854775808n);
  });

  it("interval '178000000 years' → Long.MAX_VALUE", () => {
    expect(interval.convert('178000000 years')).toBe(9223372036854775807n);
  });

  it('values in range are unchanged; NaN → 0 as in Java', () => {
    expect(interval.convert('1 day 02:00:00')).toBe(93600000000n);
    expect(javaDoubleToLong(-1.9)).toBe(-1n);
    expect(javaDoubleToLong(Number.NaN)).toBe(0n);
  });
});
