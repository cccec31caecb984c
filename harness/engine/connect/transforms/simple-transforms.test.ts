import { describe, expect, it } from 'vitest';
import type { ConnectRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { buildTransforms } from './index.ts';

const schema: ConnectSchema = { type: 'string', optional: true };
const rec = (): ConnectRecord => ({ topic: 't', partition: null, keySchema: null, key: null, valueSchema: schema, value: 'v', headers: [{ key: 'a', value: Buffer.from('1') }, { key: 'b', value: Buffer.from('2') }, { key: 'a', value: Buffer.from('3') }] });
const one = (type: string, opts: Record<string, string>) => buildTransforms({ transforms: 'x', 'transforms.x.type': `org.apache.kafka.connect.transforms.${type}`, ...Object.fromEntries(Object.entries(opts).map(([k, v]) => [`transforms.x.${k}`, v])) });

describe('InsertHeader, DropHeaders, HoistField (Kafka 3.9)', () => {
  it('InsertHeader appends the literal; DropHeaders removes every header of the listed names', () => {
    expect(one('InsertHeader', { header: 'env', 'value.literal': 'prod' })(rec())!.headers.map((h) => [h.key, h.value?.toString()])).toEqual([['a', '1'], ['b', '2'], ['a', '3'], ['env', 'prod']]);
    expect(one('DropHeaders', { headers: 'a' })(rec())!.headers.map((h) => h.key)).toEqual(['b']);
    expect(() => one('InsertHeader', { header: 'env' })).toThrow(/transforms\.x\.value\.literal/);
    expect(() => one('DropHeaders', {})).toThrow(/transforms\.x\.headers/);
  });

  it('HoistField$Value wraps the value in an unnamed required struct; schemaless in a map', () => {
    const out = one('HoistField$Value', { field: 'line' })(rec())!;
    expect([out.valueSchema, out.value]).toEqual([{ type: 'struct', optional: false, fields: [{ name: 'line', schema }] }, { line: 'v' }]);
    const noSchema = one('HoistField$Value', { field: 'line' })({ ...rec(), valueSchema: null, value: 5 })!;
    expect([noSchema.valueSchema, noSchema.value]).toEqual([null, { line: 5 }]);
    expect(() => one('HoistField$Key', {})).toThrow(/transforms\.x\.field/);
  });
});
