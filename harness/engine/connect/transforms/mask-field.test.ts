import { describe, expect, it } from 'vitest';
import type { ConnectRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { buildTransforms } from './index.ts';

const schema: ConnectSchema = {
  type: 'struct', optional: true, name: 'dbserver1.public.people.Value',
  fields: [
    { name: 'id', schema: { type: 'int64', optional: false } },
    { name: 'email', schema: { type: 'string', optional: true } },
    { name: 'age', schema: { type: 'int32', optional: true } },
    { name: 'score', schema: { type: 'float64', optional: true } },
    { name: 'vip', schema: { type: 'boolean', optional: true } },
    { name: 'tags', schema: { type: 'array', optional: true, items: { type: 'string', optional: true } } },
    { name: 'born', schema: { type: 'int32', optional: true, name: 'org.apache.kafka.connect.data.Date', version: 1 } },
    { name: 'photo', schema: { type: 'bytes', optional: true } },
    { name: 'nick', schema: { type: 'string', optional: true } },
  ],
};
const value = { id: 7n, email: 'a@b.c', age: 41, score: 2.5, vip: true, tags: ['x'], born: 9000, photo: Buffer.from('img'), nick: null };
const rec = (): ConnectRecord => ({ topic: 't', partition: null, keySchema: null, key: null, valueSchema: schema, value, headers: [] });
const mask = (fields: string, replacement?: string) => buildTransforms({
  transforms: 'm', 'transforms.m.type': 'org.apache.kafka.connect.transforms.MaskField$Value', 'transforms.m.fields': fields,
  ...(replacement === undefined ? {} : { 'transforms.m.replacement': replacement }),
});

describe('MaskField (Kafka 3.9)', () => {
  it('without replacement: each type\'s empty value (0, 0L, "", false, empty list, Date(0)); null stays null; the schema is unchanged', () => {
    const out = mask('id,email,age,score,vip,tags,born,nick')(rec())!;
    expect(out.valueSchema).toBe(schema);
    expect(out.value).toEqual({ id: 0n, email: '', age: 0, score: 0, vip: false, tags: [], born: 0, photo: Buffer.from('img'), nick: null });
  });

  it('with replacement: converted to the field\'s number or string type', () => {
    expect(mask('email', '****')(rec())!.value).toMatchObject({ email: '****' });
    expect(mask('id,age,score', '42')(rec())!.value).toMatchObject({ id: 42n, age: 42, score: 42 });
  });

  it('types Kafka cannot mask are DataExceptions: bytes, a boolean with a replacement, a number replacement that is not a number', () => {
    expect(() => mask('photo')(rec())).toThrow('Cannot mask value of type: class [B');
    expect(() => mask('vip', 'x')(rec())).toThrow('Cannot mask value of type class java.lang.Boolean with custom replacement.');
    expect(() => mask('age', 'abc')(rec())).toThrow('Unable to convert abc (class java.lang.String) to number');
  });

  it('schemaless maps are masked by the values\' own types; fields is required', () => {
    const out = mask('a,b')({ ...rec(), valueSchema: null, value: { a: 'x', b: 3, c: 'keep' } })!;
    expect(out.value).toEqual({ a: '', b: 0, c: 'keep' });
    expect(() => buildTransforms({ transforms: 'm', 'transforms.m.type': 'org.apache.kafka.connect.transforms.MaskField$Value' })).toThrow(/transforms\.m\.fields/);
  });
});
