import { describe, expect, it } from 'vitest';
import type { ConnectRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { buildTransforms } from './index.ts';

const K = 'org.apache.kafka.connect.transforms.HeaderFrom';
const one = (side: 'Key' | 'Value', opts: Record<string, string>) =>
  buildTransforms({ transforms: 'h', 'transforms.h.type': `${K}$${side}`, ...Object.fromEntries(Object.entries(opts).map(([k, v]) => [`transforms.h.${k}`, v])) });
const schema: ConnectSchema = { type: 'struct', optional: true, name: 'row', version: 2, fields: [
  { name: 'id', schema: { type: 'int32', optional: false } },
  { name: 'ts', schema: { type: 'int64', optional: true, name: 'org.apache.kafka.connect.data.Timestamp', version: 1 } },
  { name: 'n', schema: { type: 'int32', optional: true, default: 7 } },
  { name: 'x', schema: { type: 'float64', optional: false } },
  { name: 'dec', schema: { type: 'bytes', optional: false, name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '2' } } },
] };
const value = { id: 42, ts: 1483425001864n, n: null, x: 1e7, dec: Buffer.from('3039', 'hex') };
const rec = (valueSchema: ConnectSchema | null, v: unknown, keySchema: ConnectSchema | null = null, key: unknown = null): ConnectRecord =>
  ({ topic: 't', partition: null, keySchema, key, valueSchema, value: v, headers: [{ key: 'old', value: Buffer.from('o') }] });
const texts = (r: ConnectRecord) => r.headers.map((h) => `${h.key}=${h.value === null ? 'null' : h.value.toString()}`);

// Header texts checked against Kafka 3.9.1's HeaderFrom with the SimpleHeaderConverter.
describe('HeaderFrom (Kafka 3.9)', () => {
  it('copy: headers added after the record\'s own, as SimpleHeaderConverter writes them; the value is untouched', () => {
    const r = rec(schema, value);
    const out = one('Value', { fields: 'id,ts,n,x,dec', headers: 'h1,h2,h3,h4,h5', operation: 'copy' })(r)!;
    expect(texts(out)).toEqual(['old=o', 'h1=42', 'h2=2017-01-03T06:30:01.864Z', 'h3=7', 'h4=1.0E7', 'h5=123.45']);
    expect([out.valueSchema, out.value]).toEqual([schema, value]);
  });

  it('move: the fields leave the struct (schema basics copied, not optional); replace.null.with.default=false keeps null', () => {
    const out = one('Value', { fields: 'id,n', headers: 'a,b', operation: 'move', 'replace.null.with.default': 'false' })(rec(schema, value))!;
    expect(out.valueSchema).toEqual({ type: 'struct', optional: false, name: 'row', version: 2, fields: [schema.fields![1], schema.fields![3], schema.fields![4]] });
    expect(out.value).toEqual({ ts: 1483425001864n, x: 1e7, dec: value.dec });
    expect(texts(out)).toEqual(['old=o', 'a=42', 'b=null']);
  });

  it('schemaless maps (and $Key): moved fields removed, Values.convertToString text', () => {
    const out = one('Key', { fields: 'a,b,c,d', headers: 'a,b,c,d', operation: 'move' })(rec(null, null, null, { a: 1.5, b: [1, 'x'], c: { k: true }, d: null, z: 0 }))!;
    expect(out.key).toEqual({ z: 0 });
    expect(texts(out)).toEqual(['old=o', 'a=1.5', 'b=[1,"x"]', 'c={"k":true}', 'd=null']);
  });

  it('null values and unknown struct fields are DataExceptions; config problems name the key', () => {
    expect(() => one('Value', { fields: 'id', headers: 'h', operation: 'copy' })(rec(schema, null))).toThrow('Only Struct objects supported for [header copy], found: null');
    expect(() => one('Value', { fields: 'id', headers: 'h', operation: 'move' })(rec(null, null))).toThrow('Only Map objects supported in absence of schema for [header move], found: null');
    expect(() => one('Value', { fields: 'nope', headers: 'h', operation: 'copy' })(rec(schema, value))).toThrow(/field "nope" is not in the value schema/);
    expect(() => one('Value', { fields: 'a,b', headers: 'a', operation: 'copy' })).toThrow("transforms.h.headers: 'fields' config must have the same number of elements as 'headers' config.");
    expect(() => one('Value', { fields: 'a', headers: 'a', operation: 'cut' })).toThrow('transforms.h.operation: Invalid value cut for configuration operation: String must be one of: move, copy');
    expect(() => one('Value', { fields: '', headers: 'a', operation: 'copy' })).toThrow('transforms.h.fields: Invalid value [] for configuration fields: Empty list');
    expect(() => one('Value', { headers: 'a', operation: 'copy' })).toThrow(/transforms\.h\.fields: Missing required configuration/);
  });
});
