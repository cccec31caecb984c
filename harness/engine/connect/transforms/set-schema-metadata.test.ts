import { describe, expect, it } from 'vitest';
import type { ConnectRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { buildTransforms } from './index.ts';

const K = 'org.apache.kafka.connect.transforms.SetSchemaMetadata';
const one = (side: 'Key' | 'Value', opts: Record<string, string>) =>
  buildTransforms({ transforms: 's', 'transforms.s.type': `${K}$${side}`, ...Object.fromEntries(Object.entries(opts).map(([k, v]) => [`transforms.s.${k}`, v])) });
const schema: ConnectSchema = { type: 'struct', optional: true, name: 'db.public.t.Value', version: 2, doc: 'd', fields: [
  { name: 'id', schema: { type: 'int32', optional: false } }, { name: 'n', schema: { type: 'int32', optional: true, default: 7 } }] };
const rec = (valueSchema: ConnectSchema | null, value: unknown, keySchema: ConnectSchema | null = null, key: unknown = null): ConnectRecord =>
  ({ topic: 't', partition: null, keySchema, key, valueSchema, value, headers: [] });

describe('SetSchemaMetadata (Kafka 3.9)', () => {
  it('sets name and/or version, keeps the rest; struct nulls take their defaults unless replace.null.with.default=false', () => {
    const out = one('Value', { 'schema.name': 'renamed', 'schema.version': '5' })(rec(schema, { id: 1, n: null }))!;
    expect(out.valueSchema).toEqual({ ...schema, name: 'renamed', version: 5 });
    expect(out.value).toEqual({ id: 1, n: 7 });
    const kept = one('Value', { 'schema.version': ' 3 ', 'replace.null.with.default': 'false' })(rec(schema, { id: 1, n: null }))!;
    expect([kept.valueSchema?.name, kept.valueSchema?.version, kept.value]).toEqual(['db.public.t.Value', 3, { id: 1, n: null }]);
    const key = one('Key', { 'schema.name': 'k' })(rec(null, null, { type: 'struct', optional: false, fields: [{ name: 'id', schema: { type: 'int32', optional: false } }] }, { id: 5 }))!;
    expect([key.keySchema?.name, key.key]).toEqual(['k', { id: 5 }]);
  });

  it('a tombstone keeps going with the new schema; no schema and no value passes; no schema with a value and non-struct schemas are DataExceptions', () => {
    expect(one('Value', { 'schema.name': 'x' })(rec(schema, null))!.valueSchema?.name).toBe('x');
    const empty = rec(null, null);
    expect(one('Value', { 'schema.name': 'x' })(empty)).toBe(empty);
    expect(() => one('Value', { 'schema.name': 'x' })(rec(null, { a: 1 }))).toThrow('Schema required for [updating schema metadata]');
    // Kafka 3.9 copies schema.fields() into the new schema, which fails for anything but a struct
    expect(() => one('Value', { 'schema.name': 'x' })(rec({ type: 'int32', optional: false }, 1))).toThrow('Cannot list fields on non-struct type');
  });

  it('config problems name the key', () => {
    expect(() => one('Value', {})).toThrow('transforms.s.schema.name: Neither schema name nor version configured');
    expect(() => one('Value', { 'schema.version': 'x' })).toThrow('transforms.s.schema.version: Invalid value x for configuration schema.version: Not a number of type INT');
  });
});
