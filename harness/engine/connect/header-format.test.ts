import { describe, expect, it } from 'vitest';
import { LOGICAL, s } from './connect-schema.ts';
import { headerString } from './header-format.ts';

describe('headerString: Kafka 3.9.1 SimpleHeaderConverter output', () => {
  it('prints a key struct the way Values.convertToString does', () => {
    // expected text produced by org.apache.kafka.connect.storage.SimpleHeaderConverter.fromConnectHeader (Kafka 3.9.1)
    const schema = s.struct('K', [
      s.field('d', s.logical('bytes', LOGICAL.decimal, 1, false, { scale: '2', 'connect.decimal.precision': '10' })),
      s.field('b', s.prim('bytes', false)),
      s.field('s', s.prim('string', false)),
      s.field('dt', s.logical('int32', LOGICAL.connectDate, 1, false)),
      s.field('ts', s.logical('int64', LOGICAL.connectTimestamp, 1, false)),
      s.field('f', s.prim('float64', false)),
      s.field('bo', s.prim('boolean', false)),
      s.field('n', s.prim('string', true)),
      s.field('v', s.struct(LOGICAL.variableScaleDecimal, [s.field('scale', s.prim('int32', false)), s.field('value', s.prim('bytes', false))], false)),
    ], false);
    const value = {
      d: Buffer.from([0x04, 0xce]), b: Buffer.from([1, 2, 255]), s: 'a\\b"c', dt: 19724, ts: 1704164645123n, f: 100, bo: true, n: null,
      v: { scale: 1, value: Buffer.from([123]) },
    };
    expect(headerString(schema, value)).toBe(
      '{"d":12.30,"b":"AQL/","s":"a\\\\b\\"c","dt":2024-01-02,"ts":2024-01-02T03:04:05.123Z,"f":100.0,"bo":true,"n":null,"v":{"scale":1,"value":"ew=="}}');
  });
});
