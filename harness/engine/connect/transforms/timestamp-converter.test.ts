import { describe, expect, it } from 'vitest';
import type { ConnectRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { buildTransforms } from './index.ts';

// Expected values checked against Kafka 3.9.1's TimestampConverter (and TimestampConverterTest's 1970-01-02T00:00:01.234Z).
const K = 'org.apache.kafka.connect.transforms.TimestampConverter';
const one = (opts: Record<string, string>, side: 'Key' | 'Value' = 'Value') =>
  buildTransforms({ transforms: 'tc', 'transforms.tc.type': `${K}$${side}`, ...Object.fromEntries(Object.entries(opts).map(([k, v]) => [`transforms.tc.${k}`, v])) });
const rec = (valueSchema: ConnectSchema | null, value: unknown): ConnectRecord => ({ topic: 't', partition: null, keySchema: null, key: null, valueSchema, value, headers: [] });
const TS: ConnectSchema = { type: 'int64', optional: false, name: 'org.apache.kafka.connect.data.Timestamp', version: 1 };
const DATE: ConnectSchema = { type: 'int32', optional: false, name: 'org.apache.kafka.connect.data.Date', version: 1 };
const TIME: ConnectSchema = { type: 'int32', optional: false, name: 'org.apache.kafka.connect.data.Time', version: 1 };
const STR: ConnectSchema = { type: 'string', optional: false };
const I64: ConnectSchema = { type: 'int64', optional: false };
const DATE_PLUS_TIME = 86_401_234;

describe('TimestampConverter (Kafka 3.9)', () => {
  it('a whole Timestamp to each target type, with Connect\'s schemas', () => {
    const conv = (target: string, extra: Record<string, string> = {}) => one({ 'target.type': target, ...extra })(rec(TS, BigInt(DATE_PLUS_TIME)))!;
    expect([conv('Date').valueSchema, conv('Date').value]).toEqual([DATE, 1]);
    expect([conv('Time').valueSchema, conv('Time').value]).toEqual([TIME, 1234]);
    expect([conv('unix').valueSchema, conv('unix').value]).toEqual([I64, BigInt(DATE_PLUS_TIME)]);
    expect(conv('unix', { 'unix.precision': 'microseconds' }).value).toBe(86_401_234_000n);
    expect(conv('unix', { 'unix.precision': 'seconds' }).value).toBe(86_401n);
    expect(conv('string', { format: 'yyyy MM dd HH mm ss SSS z' }).value).toBe('1970 01 02 00 00 01 234 UTC');
    expect(conv('Timestamp').value).toBe(BigInt(DATE_PLUS_TIME));
  });

  it('sources by schema: a string parsed leniently with format (zones honoured), unix in unix.precision (toward zero), Date, Time', () => {
    expect(one({ 'target.type': 'unix', 'unix.precision': 'seconds', format: "yyyy-MM-dd'T'HH:mm:ssXXX" })(rec(STR, '2024-02-30T10:11:12+02:00'))!.value).toBe(1709280672n);
    expect(one({ 'target.type': 'Timestamp', 'unix.precision': 'nanoseconds' })(rec(I64, -1483425001864123456n))!.value).toBe(-1483425001864n);
    expect(one({ 'target.type': 'string', format: 'EEE, d MMM yyyy' })(rec(DATE, 19000))!.value).toBe('Sat, 8 Jan 2022');
    expect(one({ 'target.type': 'unix', 'unix.precision': 'microseconds' })(rec(TIME, 45296789))!.value).toBe(45296789000n);
    expect(one({ 'target.type': 'string', format: 'yyyy-MM-dd' })(rec(TS, -62135596800000n))!.value).toBe('0001-01-03'); // Julian before 1582, as GregorianCalendar
  });

  it('one field of a struct: only its schema changes (optional kept); the struct keeps name and version; a null struct stays null', () => {
    const schema: ConnectSchema = { type: 'struct', optional: true, name: 'row', version: 2, fields: [{ name: 'id', schema: { type: 'int32', optional: false } }, { name: 'ts', schema: { ...TS, optional: true } }] };
    const out = one({ field: 'ts', 'target.type': 'string', format: 'yyyy-MM-dd HH:mm:ss.SSS' })(rec(schema, { id: 1, ts: 1483425001864n }))!;
    expect(out.valueSchema).toEqual({ type: 'struct', optional: true, name: 'row', version: 2, fields: [schema.fields![0], { name: 'ts', schema: { type: 'string', optional: true } }] });
    expect(out.value).toEqual({ id: 1, ts: '2017-01-03 06:30:01.864' });
    expect(one({ field: 'ts', 'target.type': 'unix' })(rec(schema, { id: 1, ts: null }))!.value).toEqual({ id: 1, ts: null });
    expect(one({ field: 'nope', 'target.type': 'unix' })(rec(schema, { id: 1, ts: 5n }))!.value).toEqual({ id: 1, ts: 5n });
    expect(one({ field: 'ts', 'target.type': 'unix' })(rec(schema, null))!.value).toBeNull();
  });

  it('schemaless: by the value\'s class; a field is put into a copy of the map (Date/Time/Timestamp results are java.util.Date)', () => {
    expect(one({ 'target.type': 'string', field: 't', format: 'yyyy/MM/dd' })(rec(null, { t: 1483425001864, o: 1 }))!.value).toEqual({ t: '2017/01/03', o: 1 });
    expect(one({ 'target.type': 'unix', format: 'yyyy' })(rec(null, '2017'))!.value).toBe(1483228800000);
    expect(one({ 'target.type': 'Date' })(rec(null, 1483425001864))!.value).toEqual(new Date(Date.UTC(2017, 0, 3)));
    expect(() => one({ 'target.type': 'unix' })(rec(null, 1.5))).toThrow('TimestampConverter does not support class java.lang.Double objects as timestamps');
  });

  it('runtime failures are Kafka\'s messages', () => {
    expect(() => one({ 'target.type': 'unix', format: 'yyyy-MM-dd' })(rec(STR, 'nope'))).toThrow('Could not parse timestamp: value (nope) does not match pattern (yyyy-MM-dd)');
    expect(() => one({ 'target.type': 'unix' })(rec({ type: 'int32', optional: true }, null))).toThrow('Schema Schema{INT32} does not correspond to a known timestamp type format');
    expect(() => one({ 'target.type': 'unix', field: 'a' })(rec(TS, 5n))).toThrow('Only Struct objects supported for [converting timestamp formats], found: java.util.Date');
  });

  it('config problems name transforms.tc.<option>', () => {
    expect(() => one({})).toThrow(/transforms\.tc\.target\.type: Missing required configuration/);
    expect(() => one({ 'target.type': 'date' })).toThrow('transforms.tc.target.type: Invalid value date for configuration target.type: String must be one of: string, unix, Date, Time, Timestamp');
    expect(() => one({ 'target.type': 'unix', 'unix.precision': 'minutes' })).toThrow(/transforms\.tc\.unix\.precision: .*nanoseconds, microseconds, milliseconds, seconds/);
    expect(() => one({ 'target.type': 'string' })).toThrow('transforms.tc.format: TimestampConverter requires format option to be specified when using string timestamps');
    expect(() => one({ 'target.type': 'string', format: 'yyyy-qq' })).toThrow(/transforms\.tc\.format: TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: yyyy-qq/);
  });
});
