import { describe, expect, it } from 'vitest';
import type { ConnectRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { buildTransforms } from './index.ts';

const K = 'org.apache.kafka.connect.transforms.Flatten';
const one = (side: 'Key' | 'Value', opts: Record<string, string> = {}) =>
  buildTransforms({ transforms: 'f', 'transforms.f.type': `${K}$${side}`, ...Object.fromEntries(Object.entries(opts).map(([k, v]) => [`transforms.f.${k}`, v])) });
const rec = (valueSchema: ConnectSchema | null, value: unknown, keySchema: ConnectSchema | null = null, key: unknown = null): ConnectRecord =>
  ({ topic: 't', partition: null, keySchema, key, valueSchema, value, headers: [] });
const I32: ConnectSchema = { type: 'int32', optional: false };
const DATE: ConnectSchema = { type: 'int32', optional: false, name: 'org.apache.kafka.connect.data.Date', version: 1 };
const inner: ConnectSchema = { type: 'struct', optional: true, name: 'in', fields: [
  { name: 'a', schema: I32 }, { name: 'b', schema: { type: 'string', optional: false, default: 'dflt' } }, { name: 'arr', schema: { type: 'array', optional: true, items: I32 } }] };
const outer: ConnectSchema = { type: 'struct', optional: true, name: 'out', version: 1, fields: [
  { name: 'id', schema: I32 }, { name: 'in', schema: inner },
  { name: 'req', schema: { type: 'struct', optional: false, fields: [{ name: 'c', schema: DATE }, { name: 'deep', schema: { type: 'struct', optional: false, fields: [{ name: 'z', schema: { type: 'string', optional: true } }] } }] } }] };

// Expected values checked against Kafka 3.9.1's Flatten.
describe('Flatten (Kafka 3.9)', () => {
  it('nested struct fields become path-named fields; optional when any enclosing struct is; defaults and logical names kept', () => {
    const out = one('Value')(rec(outer, { id: 1, in: { a: 2, b: null, arr: [1, 2] }, req: { c: 3, deep: { z: 'q' } } }))!;
    expect(out.valueSchema).toEqual({ type: 'struct', optional: false, name: 'out', version: 1, fields: [
      { name: 'id', schema: { type: 'int32', optional: true } },
      { name: 'in.a', schema: { type: 'int32', optional: true } },
      { name: 'in.b', schema: { type: 'string', optional: true, default: 'dflt' } },
      { name: 'in.arr', schema: { type: 'array', optional: true, items: I32 } },
      { name: 'req.c', schema: { ...DATE, optional: true } },
      { name: 'req.deep.z', schema: { type: 'string', optional: true } },
    ] });
    expect(out.value).toEqual({ id: 1, 'in.a': 2, 'in.b': 'dflt', 'in.arr': [1, 2], 'req.c': 3, 'req.deep.z': 'q' });
  });

  it('a null nested struct leaves its fields null (the converter prints the field default for it); delimiter; $Key', () => {
    const out = one('Value', { delimiter: '_' })(rec(outer, { id: 1, in: null, req: { c: 3, deep: { z: null } } }))!;
    expect(out.value).toEqual({ id: 1, in_a: null, in_b: null, in_arr: null, req_c: 3, req_deep_z: null });
    const keySchema: ConnectSchema = { type: 'struct', optional: false, name: 'k', fields: [{ name: 'a', schema: { type: 'struct', optional: true, fields: [{ name: 'b', schema: I32 }] } }] };
    expect(one('Key', { delimiter: '__' })(rec(null, null, keySchema, { a: { b: 1 } }))!.key).toEqual({ a__b: 1 });
  });

  it('a field default comes from the enclosing struct\'s default when it has none', () => {
    const p: ConnectSchema = { type: 'struct', optional: true, fields: [{ name: 'a', schema: { type: 'int32', optional: true } }], default: { a: 5 } };
    const out = one('Value')(rec({ type: 'struct', optional: false, fields: [{ name: 'p', schema: p }] }, { p: null }))!;
    expect(out.valueSchema!.fields).toEqual([{ name: 'p.a', schema: { type: 'int32', optional: true, default: 5 } }]);
    expect(out.value).toEqual({ 'p.a': 5 });
  });

  it('schemaless maps flatten, arrays and nulls stay; a null value passes unchanged', () => {
    expect(one('Value', { delimiter: '#' })(rec(null, { a: { b: { c: 1 }, d: null }, e: [1, { f: 2 }], g: 'h' }))!.value).toEqual({ 'a#b#c': 1, 'a#d': null, e: [1, { f: 2 }], g: 'h' });
    const tomb = rec(outer, null);
    expect(one('Value')(tomb)).toBe(tomb);
  });

  it('maps in structs, duplicate names and non-struct values are DataExceptions', () => {
    expect(() => one('Value')(rec({ type: 'struct', optional: false, fields: [{ name: 'm', schema: { type: 'map', optional: false, keys: { type: 'string', optional: false }, values: I32 } }] }, { m: {} })))
      .toThrow('Flatten transformation does not support MAP for record with schemas (for field m).');
    expect(() => one('Value')(rec({ type: 'struct', optional: false, fields: [{ name: 'a.b', schema: I32 }, { name: 'a', schema: { type: 'struct', optional: false, fields: [{ name: 'b', schema: I32 }] } }] }, { 'a.b': 1, a: { b: 2 } })))
      .toThrow('Cannot create field because of field name duplication a.b');
    expect(() => one('Value')(rec(I32, 1))).toThrow('Only Struct objects supported for [flattening], found: java.lang.Integer');
  });
});
