import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.ts';
import type { ConnectRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { buildTransforms } from './index.ts';

const K = 'org.apache.kafka.connect.transforms.Cast';
const one = (side: 'Key' | 'Value', opts: Record<string, string>) =>
  buildTransforms({ transforms: 'c', 'transforms.c.type': `${K}$${side}`, ...Object.fromEntries(Object.entries(opts).map(([k, v]) => [`transforms.c.${k}`, v])) });
const rec = (valueSchema: ConnectSchema | null, value: unknown, keySchema: ConnectSchema | null = null, key: unknown = null): ConnectRecord =>
  ({ topic: 't', partition: null, keySchema, key, valueSchema, value, headers: [] });
const int32: ConnectSchema = { type: 'int32', optional: false };

describe('Cast (Kafka 3.9)', () => {
  it('whole value with a schema: every target type from an int32 (CastTest.castWholeRecordValueWithSchema*)', () => {
    const cases: [string, string, unknown][] = [['int8', 'int8', 42], ['int16', 'int16', 42], ['int32', 'int32', 42], ['int64', 'int64', 42n],
      ['float32', 'float32', 42], ['float64', 'float64', 42], ['boolean', 'boolean', true], ['string', 'string', '42']];
    for (const [spec, type, expected] of cases) {
      const out = one('Value', { spec })(rec(int32, 42))!;
      expect([out.valueSchema, out.value]).toEqual([{ type, optional: false }, expected]);
    }
    expect(one('Value', { spec: 'boolean' })(rec(int32, 0))!.value).toBe(false);
    const key = one('Key', { spec: 'int8' })(rec(null, null, int32, 42))!;
    expect([key.keySchema?.type, key.key]).toEqual(['int8', 42]);
  });

  it('the schema keeps name, version, optional; its default is cast (castWholeRecordDefaultValue)', () => {
    const out = one('Value', { spec: 'int32' })(rec({ type: 'float32', optional: true, name: 'n', version: 2, default: -42.5 }, 42.5))!;
    expect(out.valueSchema).toEqual({ type: 'int32', optional: true, name: 'n', version: 2, default: -42 });
    expect(out.value).toBe(42);
  });

  it('numbers narrow as Java does: wrap for integers, saturate for doubles, truncate decimals; Number → boolean is longValue() != 0', () => {
    expect(one('Value', { spec: 'int8' })(rec({ type: 'int64', optional: false }, 300n))!.value).toBe(44);
    expect(one('Value', { spec: 'int32' })(rec({ type: 'float64', optional: false }, 1e20))!.value).toBe(2147483647);
    expect(one('Value', { spec: 'int16' })(rec({ type: 'float64', optional: false }, 1e20))!.value).toBe(-1); // (short)(int)1e20
    expect(one('Value', { spec: 'int64' })(rec({ type: 'float64', optional: false }, Number.NaN))!.value).toBe(0n);
    expect(one('Value', { spec: 'boolean' })(rec({ type: 'float64', optional: false }, 0.5))!.value).toBe(false);
    expect(one('Value', { spec: 'float32' })(rec({ type: 'float64', optional: false }, 0.1))!.value).toBe(Math.fround(0.1));
  });

  it('strings parse as Byte.parseByte … Double.parseDouble and Boolean.parseBoolean; a bad one is a DataException', () => {
    const str: ConnectSchema = { type: 'string', optional: false };
    expect(one('Value', { spec: 'int16' })(rec(str, '-123'))!.value).toBe(-123);
    expect(one('Value', { spec: 'float64' })(rec(str, ' 1.5e3d '))!.value).toBe(1500);
    expect(one('Value', { spec: 'float64' })(rec(str, '0x1.8p1'))!.value).toBe(3);
    expect(one('Value', { spec: 'boolean' })(rec(str, 'TRUE'))!.value).toBe(true);
    expect(one('Value', { spec: 'boolean' })(rec(str, 'yes'))!.value).toBe(false);
    expect(() => one('Value', { spec: 'int8' })(rec(str, '128'))).toThrow('Value (128) was out of range for requested data type');
    expect(() => one('Value', { spec: 'int32' })(rec(str, ' 1'))).toThrow('Value ( 1) was out of range for requested data type');
    expect(() => one('Value', { spec: 'float32' })(rec(str, 'abc'))).toThrow('Value (abc) was out of range for requested data type');
  });

  it('to string: Double/Float.toString, bytes as base64; bytes to a number and arrays are DataExceptions', () => {
    expect(one('Value', { spec: 'string' })(rec({ type: 'float64', optional: false }, 1e7))!.value).toBe('1.0E7');
    expect(one('Value', { spec: 'string' })(rec({ type: 'float32', optional: false }, Math.fround(0.1)))!.value).toBe('0.1');
    expect(one('Value', { spec: 'string' })(rec({ type: 'bytes', optional: false }, Buffer.from('hi')))!.value).toBe('aGk=');
    expect(() => one('Value', { spec: 'int32' })(rec({ type: 'bytes', optional: false }, Buffer.from('hi')))).toThrow('Unexpected type in Cast transformation: class [B');
    expect(() => one('Value', { spec: 'string' })(rec({ type: 'array', optional: false, items: int32 }, [1])))
      .toThrow('Cast transformation does not support casting from ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]');
  });

  it('struct fields: logical types to their encodings or to Values.dateFormatFor text; Decimal as BigDecimal (castLogicalToPrimitive / ToString)', () => {
    const schema: ConnectSchema = { type: 'struct', optional: true, name: 'row', version: 3, fields: [
      { name: 'date', schema: { type: 'int32', optional: false, name: 'org.apache.kafka.connect.data.Date', version: 1 } },
      { name: 'ts', schema: { type: 'int64', optional: true, name: 'org.apache.kafka.connect.data.Timestamp', version: 1 } },
      { name: 'ts_str', schema: { type: 'int64', optional: false, name: 'org.apache.kafka.connect.data.Timestamp', version: 1 } },
      { name: 'time_str', schema: { type: 'int32', optional: false, name: 'org.apache.kafka.connect.data.Time', version: 1 } },
      { name: 'date_str', schema: { type: 'int32', optional: false, name: 'org.apache.kafka.connect.data.Date', version: 1 } },
      { name: 'dec', schema: { type: 'bytes', optional: false, name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '0' } } },
      { name: 'dec_str', schema: { type: 'bytes', optional: false, name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '9' } } },
      { name: 'keep', schema: { type: 'string', optional: true } },
    ] };
    const value = { date: 1, ts: 9223372036854775807n, ts_str: 86_401_234n, time_str: 1234, date_str: 1, dec: Buffer.from('0080000000', 'hex'), dec_str: Buffer.from([1]), keep: 'k' };
    const out = one('Value', { spec: 'date:int32,ts:float64,ts_str:string,time_str:string,date_str:string,dec:int32,dec_str:string' })(rec(schema, value))!;
    expect(out.value).toEqual({ date: 1, ts: 9.223372036854776e18, ts_str: '1970-01-02T00:00:01.234Z', time_str: '00:00:01.234Z', date_str: '1970-01-02', dec: -2147483648, dec_str: '1E-9', keep: 'k' });
    expect(out.valueSchema).toMatchObject({ type: 'struct', optional: true, name: 'row', version: 3 });
    expect(out.valueSchema!.fields!.map((f) => f.schema)).toEqual([
      { type: 'int32', optional: false }, { type: 'float64', optional: true }, { type: 'string', optional: false }, { type: 'string', optional: false },
      { type: 'string', optional: false }, { type: 'int32', optional: false }, { type: 'string', optional: false }, { type: 'string', optional: true },
    ]);
  });

  it('a null field takes its (cast) default unless replace.null.with.default=false; a null value passes unchanged', () => {
    const schema: ConnectSchema = { type: 'struct', optional: false, fields: [{ name: 'magic', schema: { type: 'int32', optional: true, default: 42 } }] };
    const out = one('Value', { spec: 'magic:string' })(rec(schema, { magic: null }))!;
    expect([out.value, out.valueSchema!.fields![0]!.schema]).toEqual([{ magic: '42' }, { type: 'string', optional: true, default: '42' }]);
    expect(one('Value', { spec: 'magic:string', 'replace.null.with.default': 'false' })(rec(schema, { magic: null }))!.value).toEqual({ magic: null });
    const tomb = rec(schema, null);
    expect(one('Value', { spec: 'magic:string' })(tomb)).toBe(tomb);
  });

  it('schemaless: the map copied with every spec field put (a missing one as null); whole values by their Java class', () => {
    expect(one('Value', { spec: 'a:int8,b:string,c:boolean' })(rec(null, { a: 300, b: 1.5, x: 1 }))!.value).toEqual({ a: 44, b: '1.5', x: 1, c: null });
    expect(one('Value', { spec: 'int64' })(rec(null, '42'))!.value).toBe(42);
    expect(() => one('Value', { spec: 'string' })(rec(null, { a: 1 }))).toThrow('Cast transformation does not support casting from MAP');
    expect(() => one('Value', { spec: 'a:int8' })(rec(null, 'x'))).toThrow('Only Map objects supported in absence of schema for [cast types]');
  });

  it('spec problems are ConfigErrors naming transforms.c.spec', () => {
    expect(() => one('Value', {})).toThrow(/transforms\.c\.spec: Missing required configuration "spec"/);
    expect(() => one('Value', { spec: '' })).toThrow('transforms.c.spec: Must specify at least one field to cast.');
    expect(() => one('Value', { spec: 'a:int9' })).toThrow('transforms.c.spec: Invalid type found in casting spec: int9');
    expect(() => one('Value', { spec: 'bytes' })).toThrow('transforms.c.spec: Cast transformation does not support casting to BYTES; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]');
    expect(() => one('Value', { spec: 'a:b:c' })).toThrow('transforms.c.spec: Invalid rename mapping: a:b:c');
    expect(() => one('Value', { spec: 'int8,a:int16' })).toThrow(/may only specify a single cast in their spec/);
    expect(() => one('Value', { spec: 'int8', 'replace.null.with.default': 'maybe' })).toThrow(ConfigError);
  });
});
