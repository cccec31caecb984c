import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.ts';
import type { ConnectRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { buildTransforms } from './index.ts';

// A row as ExtractNewRecordState leaves it (dbserver1.public.customers.Value, optional) and its key.
const valueSchema: ConnectSchema = {
  type: 'struct', optional: true, name: 'dbserver1.public.customers.Value',
  fields: [
    { name: 'id', schema: { type: 'int32', optional: false, default: 0 } },
    { name: 'email', schema: { type: 'string', optional: true } },
    { name: 'ssn', schema: { type: 'string', optional: true, default: 'none' } },
  ],
};
const keySchema: ConnectSchema = { type: 'struct', optional: false, name: 'dbserver1.public.customers.Key', fields: [{ name: 'id', schema: { type: 'int32', optional: false, default: 0 } }] };
const row = (value: unknown = { id: 1, email: 'a@b', ssn: null }): ConnectRecord => ({ topic: 't', partition: null, keySchema, key: { id: 1 }, valueSchema: value === null ? null : valueSchema, value, headers: [] });
const K = 'org.apache.kafka.connect.transforms.';
const one = (type: string, opts: Record<string, string> = {}) =>
  buildTransforms({ transforms: 'x', 'transforms.x.type': type, ...Object.fromEntries(Object.entries(opts).map(([k, v]) => [`transforms.x.${k}`, v])) });

describe('ReplaceField (Kafka 3.9)', () => {
  it('exclude + renames: fields dropped and renamed, schema basics copied (name kept, optional not), nulls take the default', () => {
    const out = one(`${K}ReplaceField$Value`, { exclude: 'email', renames: 'ssn:social' })(row())!;
    expect(out.valueSchema).toEqual({ type: 'struct', optional: false, name: 'dbserver1.public.customers.Value', fields: [valueSchema.fields![0], { name: 'social', schema: valueSchema.fields![2]!.schema }] });
    expect(out.value).toEqual({ id: 1, social: 'none' });
    expect(one(`${K}ReplaceField$Value`, { exclude: 'email', 'replace.null.with.default': 'false' })(row())!.value).toEqual({ id: 1, ssn: null });
  });

  it('include (and the deprecated whitelist) keep only the listed fields; a tombstone passes; $Key works on the key', () => {
    expect(one(`${K}ReplaceField$Value`, { include: 'id' })(row())!.value).toEqual({ id: 1 });
    expect(one(`${K}ReplaceField$Value`, { whitelist: 'email' })(row())!.value).toEqual({ email: 'a@b' });
    expect(one(`${K}ReplaceField$Value`, { include: 'id' })(row(null))!.value).toBeNull();
    expect(one(`${K}ReplaceField$Key`, { renames: 'id:pk' })(row())!.key).toEqual({ pk: 1 });
  });

  it('a bad rename mapping names the key', () => {
    expect(() => one(`${K}ReplaceField$Value`, { renames: 'a:b:c' })).toThrow(ConfigError);
    expect(() => one(`${K}ReplaceField$Value`, { renames: 'a' })).toThrow(/transforms\.x\.renames: Invalid rename mapping: a/);
  });
});

describe('ValueToKey (Kafka 3.9)', () => {
  it('the key becomes an unnamed required struct of the value fields', () => {
    const out = one(`${K}ValueToKey`, { fields: 'email,id' })(row())!;
    expect(out.keySchema).toEqual({ type: 'struct', optional: false, fields: [{ name: 'email', schema: valueSchema.fields![1]!.schema }, { name: 'id', schema: valueSchema.fields![0]!.schema }] });
    expect(out.key).toEqual({ email: 'a@b', id: 1 });
  });

  it('a missing field and a tombstone are data errors; no fields is a config error naming the key', () => {
    expect(() => one(`${K}ValueToKey`, { fields: 'nope' })(row())).toThrow(/Field does not exist: nope/);
    expect(() => one(`${K}ValueToKey`, { fields: 'id' })(row(null))).toThrow(/Only Map objects supported in absence of schema/);
    expect(() => one(`${K}ValueToKey`)).toThrow(/transforms\.x\.fields/);
  });
});

describe('ExtractField (Kafka 3.9, field.syntax.version V1)', () => {
  it('$Key and $Value: the field and its schema; a null value keeps the field schema', () => {
    const k = one(`${K}ExtractField$Key`, { field: 'id' })(row())!;
    expect([k.keySchema, k.key]).toEqual([keySchema.fields![0]!.schema, 1]);
    const v = one(`${K}ExtractField$Value`, { field: 'ssn' })(row())!;
    expect([v.valueSchema, v.value]).toEqual([valueSchema.fields![2]!.schema, 'none']);
    const schemaOnly: ConnectRecord = { ...row(), value: null };
    expect(one(`${K}ExtractField$Value`, { field: 'email' })(schemaOnly)!.value).toBeNull();
  });

  it('an unknown field is a data error; a missing field option or V2 is a config error naming the key', () => {
    expect(() => one(`${K}ExtractField$Value`, { field: 'nope' })(row())).toThrow(/Unknown field: nope/);
    expect(() => one(`${K}ExtractField$Value`)).toThrow(/transforms\.x\.field/);
    expect(() => one(`${K}ExtractField$Value`, { field: 'a.b', 'field.syntax.version': 'V2' })).toThrow(/transforms\.x\.field\.syntax\.version/);
  });
});
