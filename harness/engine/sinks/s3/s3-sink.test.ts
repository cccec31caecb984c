// Config, partitioners, object naming and rotation of the S3 sink, against the Confluent S3 sink's
// documented keys and layout (S3SinkConnectorConfig, PartitionerConfig, TopicPartitionWriter.fileKey).
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConnectSchema } from '../../connect/connect-schema.ts';
import type { SinkRecord } from '../../connect/connect-record.ts';
import { parseS3SinkConfig, PARTITIONERS } from './config.ts';
import { bucketLocalMs, compileJodaFormat, makePartitioner, objectKey } from './partitioner.ts';
import { loadParquetWriter, unscaledFromBytes } from './format.ts';
import { nextScheduledRotation, TopicPartitionWriter } from './writer.ts';
import { describeS3Error } from './sink.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';

const base = { name: 's3', topics: 'shop.public.orders', 's3.bucket.name': 'lake', 'format.class': 'io.confluent.connect.s3.format.json.JsonFormat', 'flush.size': '3' };

describe('S3 sink config', () => {
  it('applies Confluent defaults', () => {
    const c = parseS3SinkConfig(base);
    expect(c).toMatchObject({
      topics: ['shop.public.orders'], bucket: 'lake', region: 'us-west-2', storeUrl: null, topicsDir: 'topics', flushSize: 3,
      rotateIntervalMs: -1, rotateScheduleIntervalMs: -1, zeroPadWidth: 10, partitioner: { kind: 'default' }, behaviorOnNullValues: 'fail',
      directoryDelim: '/', fileDelim: '+', compression: 'none',
    });
  });

  it('names the key and lists the allowed values', () => {
    expect(() => parseS3SinkConfig({ ...base, 'partitioner.class': 'io.example.Nope' })).toThrow(
      `partitioner.class: unknown value "io.example.Nope" (allowed: ${Object.values(PARTITIONERS).join(', ')})`,
    );
    expect(() => parseS3SinkConfig({ ...base, 'format.class': 'io.confluent.connect.s3.format.avro.AvroFormat' })).toThrow(
      'format.class: io.confluent.connect.s3.format.avro.AvroFormat is not supported yet by the native S3 sink (allowed: io.confluent.connect.s3.format.json.JsonFormat, io.confluent.connect.s3.format.parquet.ParquetFormat)',
    );
    expect(() => parseS3SinkConfig({ ...base, 'format.class': 'csv' })).toThrow('format.class: unknown format "csv" (allowed: io.confluent.connect.s3.format.json.JsonFormat, io.confluent.connect.s3.format.parquet.ParquetFormat)');
    expect(() => parseS3SinkConfig({ ...base, 'format.class': 'io.confluent.connect.s3.format.parquet.ParquetFormat', 'parquet.codec': 'zstd' })).toThrow('parquet.codec: unknown value "zstd" (allowed: snappy, none)');
    expect(() => parseS3SinkConfig({ ...base, 'flush.size': '0' })).toThrow('flush.size: 0 is below the minimum 1');
    expect(() => parseS3SinkConfig({ ...base, 'flush.size': undefined })).toThrow('flush.size: missing required configuration');
    expect(() => parseS3SinkConfig({ ...base, 's3.bucket.name': '' })).toThrow('s3.bucket.name: missing required configuration');
    expect(() => parseS3SinkConfig({ ...base, topics: '' })).toThrow(/topics: missing/);
  });

  it('collects every problem at once', () => {
    expect(() => parseS3SinkConfig({ ...base, 'flush.size': 'x', 'partitioner.class': PARTITIONERS.time })).toThrow(
      /5 problems[\s\S]*path\.format: missing[\s\S]*partition\.duration\.ms: missing[\s\S]*locale: missing[\s\S]*timezone: missing[\s\S]*flush\.size: "x" is not an integer/,
    );
    expect(() => parseS3SinkConfig({ ...base, 'partitioner.class': PARTITIONERS.field })).toThrow(/partition\.field\.name: missing/);
    expect(() => parseS3SinkConfig({ ...base, 'partitioner.class': PARTITIONERS.time, 'path.format': 'YYYY', 'partition.duration.ms': '1000', locale: 'en-US', timezone: 'Mars/Olympus' }))
      .toThrow('timezone: unknown time zone "Mars/Olympus"');
  });

  it('validates the transforms chain too', () => {
    // the chain is built by startS3Sink from the same raw keys
    const c = parseS3SinkConfig({ ...base, transforms: 'unwrap', 'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState' });
    expect(c.raw.transforms).toBe('unwrap');
  });
});

const rowSchema: ConnectSchema = { type: 'struct', optional: false, name: 'r', fields: [
  { name: 'id', schema: { type: 'int32', optional: false } }, { name: 'customer', schema: { type: 'string', optional: true } },
  { name: 'paid', schema: { type: 'boolean', optional: true } }, { name: 'ts', schema: { type: 'int64', optional: true } },
] };
function rec(offset: number, value: Record<string, unknown> | null, timestamp = 1_700_000_000_000): SinkRecord {
  return { topic: 'orders', partition: 2, offset: String(offset), timestamp, keySchema: null, key: null, valueSchema: value ? rowSchema : null, value, headers: [] };
}

describe('partitioners and object names', () => {
  it('DefaultPartitioner: topics/<topic>/partition=<p>/<topic>+<p>+<offset padded to 10>.json', () => {
    const c = parseS3SinkConfig(base);
    const enc = makePartitioner(c.partitioner)(rec(0, { id: 1 }), 0);
    expect(enc).toBe('partition=2');
    expect(objectKey(c, 'orders', 2, enc, 42)).toBe('topics/orders/partition=2/orders+2+0000000042.json');
    expect(objectKey({ ...c, zeroPadWidth: 3, topicsDir: 'lake/raw' }, 'orders', 2, enc, 12345)).toBe('lake/raw/orders/partition=2/orders+2+12345.json');
    expect(objectKey({ ...c, compression: 'gzip' }, 'orders', 0, 'partition=0', 0)).toBe('topics/orders/partition=0/orders+0+0000000000.json.gz');
  });

  it('FieldPartitioner: field=value per field, integers, strings and booleans only', () => {
    const c = parseS3SinkConfig({ ...base, 'partitioner.class': PARTITIONERS.field, 'partition.field.name': 'customer,paid' });
    const p = makePartitioner(c.partitioner);
    expect(p(rec(0, { id: 1, customer: 'ann', paid: true }), 0)).toBe('customer=ann/paid=true');
    expect(() => p(rec(7, { id: 1, paid: true }), 0)).toThrow('FieldPartitioner: field "customer" of record orders-2@7 is missing');
    expect(() => p(rec(8, null), 0)).toThrow(/null value/);
  });

  it("TimeBasedPartitioner: path.format in the timezone, floored to partition.duration.ms", () => {
    const c = parseS3SinkConfig({
      ...base, 'partitioner.class': PARTITIONERS.time, 'path.format': "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
      'partition.duration.ms': '3600000', locale: 'en-US', timezone: 'UTC', 'timestamp.extractor': 'Record',
    });
    const p = makePartitioner(c.partitioner);
    const t = Date.UTC(2024, 1, 29, 13, 45, 6);
    expect(p(rec(0, { id: 1 }, t), 0)).toBe('year=2024/month=02/day=29/hour=13');
    // a timezone moves the wall clock: 13:45 UTC is 08:45 in New York (EST)
    const ny = makePartitioner({ ...(c.partitioner as Extract<typeof c.partitioner, { kind: 'time' }>), timezone: 'America/New_York' });
    expect(ny(rec(0, { id: 1 }, t), 0)).toBe('year=2024/month=02/day=29/hour=08');
    // 15-minute buckets
    expect(compileJodaFormat("HH'h'mm", 'en-US')(bucketLocalMs(t, 900_000, 'UTC'))).toBe('13h45');
    expect(compileJodaFormat("YYYY-MM-dd'T'HH:mm", 'en-US')(bucketLocalMs(t, 86_400_000, 'Asia/Kolkata'))).toBe('2024-02-29T00:00');
    expect(compileJodaFormat("'it''s' MMM", 'en-US')(Date.UTC(2024, 0, 5))).toBe("it's Jan");
  });

  it('DailyPartitioner and RecordField extractor', () => {
    const c = parseS3SinkConfig({ ...base, 'partitioner.class': PARTITIONERS.daily, locale: 'en', timezone: 'UTC', 'timestamp.extractor': 'RecordField', 'timestamp.field': 'ts' });
    expect(makePartitioner(c.partitioner)(rec(0, { id: 1, ts: BigInt(Date.UTC(2025, 11, 31, 23)) }), 0)).toBe('year=2025/month=12/day=31');
  });
});

describe('rotation and committable offsets', () => {
  const json = (id: number) => ({ id, customer: null, paid: null, ts: null });
  it('flush.size records per object, named by the first offset; the committable offset is the open file\'s start', () => {
    const c = parseS3SinkConfig(base);
    const w = new TopicPartitionWriter('orders', 2, c, makePartitioner(c.partitioner));
    const done = [0, 1, 2, 3, 4].flatMap((o) => w.write(rec(o, json(o)), rec(o, json(o)), 0));
    expect(done.map((d) => [d.key, d.records])).toEqual([['topics/orders/partition=2/orders+2+0000000000.json', 3]]);
    expect(done[0].body.toString()).toBe('{"id":0,"customer":null,"paid":null,"ts":null}\n{"id":1,"customer":null,"paid":null,"ts":null}\n{"id":2,"customer":null,"paid":null,"ts":null}\n');
    expect(w.committableOffset()).toBe(3n);
    expect(w.commitAll().map((d) => [d.key, d.records])).toEqual([['topics/orders/partition=2/orders+2+0000000003.json', 2]]);
    expect(w.committableOffset()).toBe(5n);
  });

  it('records dropped by a transform still move the offset; null values fail unless behavior.on.null.values=ignore', () => {
    const c = parseS3SinkConfig(base);
    const w = new TopicPartitionWriter('orders', 2, c, makePartitioner(c.partitioner));
    expect(w.write(rec(0, null), null, 0)).toEqual([]);
    expect(w.committableOffset()).toBe(1n);
    expect(() => w.write(rec(1, null), rec(1, null), 0)).toThrow(/behavior\.on\.null\.values=fail/);
    const ci = parseS3SinkConfig({ ...base, 'behavior.on.null.values': 'ignore' });
    expect(new TopicPartitionWriter('orders', 2, ci, makePartitioner(ci.partitioner)).write(rec(1, null), rec(1, null), 0)).toEqual([]);
  });

  it('rotate.interval.ms rotates on record time (time-based partitioner), before the record that crosses it', () => {
    const c = parseS3SinkConfig({ ...base, 'flush.size': '100', 'rotate.interval.ms': '1000', 'partitioner.class': PARTITIONERS.time,
      'path.format': "'d'=dd", 'partition.duration.ms': '86400000', locale: 'en-US', timezone: 'UTC', 'timestamp.extractor': 'Record' });
    const w = new TopicPartitionWriter('orders', 2, c, makePartitioner(c.partitioner));
    const t0 = Date.UTC(2024, 0, 1, 1);
    const out = [0, 500, 999, 1000, 1500].flatMap((dt, o) => w.write(rec(o, json(o), t0 + dt), rec(o, json(o), t0 + dt), 0));
    expect(out.map((d) => [d.key, d.records])).toEqual([['topics/orders/d=01/orders+2+0000000000.json', 3]]);
    expect(w.committableOffset()).toBe(3n);
  });

  it('flush.size counts the whole topic partition and commits every open file (TopicPartitionWriter.rotateOnSize/commitFiles)', () => {
    const c = parseS3SinkConfig({ ...base, 'partitioner.class': PARTITIONERS.field, 'partition.field.name': 'customer' });
    const w = new TopicPartitionWriter('orders', 2, c, makePartitioner(c.partitioner));
    const row = (o: number, customer: string) => ({ id: o, customer, paid: null, ts: null });
    const out = [['a', 0], ['b', 1], ['a', 2], ['b', 3]].flatMap(([cu, o]) => w.write(rec(o as number, row(o as number, cu as string)), rec(o as number, row(o as number, cu as string)), 0));
    expect(out.map((d) => [d.key, d.records])).toEqual([
      ['topics/orders/customer=a/orders+2+0000000000.json', 2], ['topics/orders/customer=b/orders+2+0000000001.json', 1],
    ]);
    expect(w.committableOffset()).toBe(3n);
  });

  it('rotate.interval.ms also rotates when the encoded partition changes (one writer at a time)', () => {
    const c = parseS3SinkConfig({ ...base, 'flush.size': '100', 'rotate.interval.ms': '60000', 'partitioner.class': PARTITIONERS.hourly,
      locale: 'en-US', timezone: 'UTC', 'timestamp.extractor': 'Record' });
    const w = new TopicPartitionWriter('orders', 2, c, makePartitioner(c.partitioner));
    const t0 = Date.UTC(2024, 0, 1, 1, 59, 50);
    const out = [0, 5_000, 15_000].flatMap((dt, o) => w.write(rec(o, json(o), t0 + dt), rec(o, json(o), t0 + dt), 0));
    expect(out.map((d) => [d.key, d.records])).toEqual([['topics/orders/year=2024/month=01/day=01/hour=01/orders+2+0000000000.json', 2]]);
  });

  it('rotate.schedule.interval.ms commits on the wall clock, aligned to the day in the timezone, also with no new data', () => {
    expect(nextScheduledRotation(Date.UTC(2024, 0, 1, 10, 7), 600_000, 'UTC')).toBe(Date.UTC(2024, 0, 1, 10, 10));
    expect(nextScheduledRotation(Date.UTC(2024, 0, 1, 10, 7), 3_600_000 * 5, 'Asia/Kolkata')).toBe(Date.UTC(2024, 0, 1, 14, 30)); // 15:37 IST → 20:00 IST (0, 5, 10, 15, 20 h)
    const c = parseS3SinkConfig({ ...base, 'flush.size': '100', 'rotate.schedule.interval.ms': '60000', timezone: 'UTC' });
    const t = Date.UTC(2024, 0, 1, 10, 0, 30);
    const w = new TopicPartitionWriter('orders', 2, c, makePartitioner(c.partitioner), t);
    expect(w.write(rec(0, json(0)), rec(0, json(0)), t)).toEqual([]);
    expect(w.tick(t + 29_000)).toEqual([]);
    expect(w.tick(t + 30_000).map((d) => d.records)).toEqual([1]);
    expect(w.committableOffset()).toBe(1n);
    expect(() => parseS3SinkConfig({ ...base, 'rotate.schedule.interval.ms': '60000' })).toThrow(/^timezone: missing/);
  });

  it('a change of value schema commits the open files first', () => {
    const c = parseS3SinkConfig({ ...base, 'flush.size': '100' });
    const w = new TopicPartitionWriter('orders', 2, c, makePartitioner(c.partitioner));
    w.write(rec(0, json(0)), rec(0, json(0)), 0);
    const other: SinkRecord = { ...rec(1, { id: 1 }), valueSchema: { type: 'struct', optional: false, name: 'r', fields: [{ name: 'id', schema: { type: 'int32', optional: false } }] } };
    expect(w.write(other, other, 0).map((d) => [d.key, d.records])).toEqual([['topics/orders/partition=2/orders+2+0000000000.json', 1]]);
    expect(w.committableOffset()).toBe(1n);
  });
});

describe('S3 errors', () => {
  const c = parseS3SinkConfig({ ...base, 'store.url': 'http://127.0.0.1:9000' });
  it('says what is wrong and which key to fix', () => {
    expect(describeS3Error({ name: 'NoSuchBucket', message: 'The specified bucket does not exist', $metadata: { httpStatusCode: 404 } }, c))
      .toBe('S3 bucket "lake" does not exist at http://127.0.0.1:9000 (s3.bucket.name); create it or fix the name');
    expect(describeS3Error({ name: 'InvalidAccessKeyId', message: 'x', $metadata: { httpStatusCode: 403 } }, c))
      .toBe('S3 at http://127.0.0.1:9000 rejected the credentials for bucket "lake" (InvalidAccessKeyId): check aws.access.key.id / aws.secret.access.key or the AWS_* environment');
    expect(describeS3Error({ name: 'SignatureDoesNotMatch', message: 'x', $metadata: { httpStatusCode: 403 } }, { ...c, storeUrl: null }))
      .toMatch(/^S3 at AWS S3 \(us-west-2\) rejected the credentials/);
    expect(describeS3Error(new Error('connect ECONNREFUSED 127.0.0.1:9000'), c)).toBe('S3 write to bucket "lake" at http://127.0.0.1:9000 failed: Error: connect ECONNREFUSED 127.0.0.1:9000');
  });
});

describe('ParquetFormat', () => {
  beforeAll(loadParquetWriter);
  const pq = { ...base, 'format.class': 'io.confluent.connect.s3.format.parquet.ParquetFormat' };
  it('writes flat rows as <topic>+<p>+<offset>.snappy.parquet that a Parquet reader reads back', async () => {
    const c = parseS3SinkConfig(pq);
    const w = new TopicPartitionWriter('orders', 2, c, makePartitioner(c.partitioner));
    const rows = [0, 1, 2].map((o) => ({ id: o, customer: o === 1 ? null : `c${o}`, paid: o === 2, ts: 9007199254740993n + BigInt(o) }));
    const [obj] = rows.flatMap((r, o) => w.write(rec(o, r), rec(o, r), 0));
    expect(obj.key).toBe('topics/orders/partition=2/orders+2+0000000000.snappy.parquet');
    const buf = new Uint8Array(obj.body).buffer as ArrayBuffer;
    expect(await parquetReadObjects({ file: buf })).toEqual(rows);
    expect(objectKey({ ...c, parquetCodec: 'none' }, 'orders', 0, 'partition=0', 5)).toBe('topics/orders/partition=0/orders+0+0000000005.parquet');
  });

  it('refuses structs of structs with a hint to unwrap', () => {
    const c = parseS3SinkConfig({ ...pq, 'flush.size': '1' });
    const w = new TopicPartitionWriter('orders', 2, c, makePartitioner(c.partitioner));
    const nested: SinkRecord = { ...rec(0, { after: { id: { x: 1 } } }), valueSchema: { type: 'struct', optional: false, name: 'x.Envelope', fields: [
      { name: 'after', schema: { type: 'struct', optional: true, fields: [{ name: 'id', schema: { type: 'struct', optional: false, fields: [{ name: 'x', schema: { type: 'int32', optional: false } }] } }] } }] } };
    expect(() => w.write(nested, nested, 0)).toThrow(/field "after.id" of x.Envelope is a struct; the native Parquet writer takes flat rows and structs of primitive fields only \(use transforms=unwrap/);
  });

  // Confluent's ParquetFormat goes through AvroData and parquet-avro: Decimal → BINARY DECIMAL(p,s),
  // a struct (Debezium's VariableScaleDecimal) → a group; a null struct is a null group
  it('writes Decimal as BYTE_ARRAY DECIMAL(p,s) with the exact value, and a VariableScaleDecimal as a group', async () => {
    const c = parseS3SinkConfig({ ...pq, 'flush.size': '3' });
    const w = new TopicPartitionWriter('prices', 0, c, makePartitioner(c.partitioner));
    const dec = (precision: string | undefined): ConnectSchema => ({ type: 'bytes', optional: false, name: 'org.apache.kafka.connect.data.Decimal', version: 1,
      parameters: precision === undefined ? { scale: '2' } : { scale: '2', 'connect.decimal.precision': precision } });
    const vsd: ConnectSchema = { type: 'struct', optional: true, name: 'io.debezium.data.VariableScaleDecimal', fields: [
      { name: 'scale', schema: { type: 'int32', optional: false } }, { name: 'value', schema: { type: 'bytes', optional: false } }] };
    const schema: ConnectSchema = { type: 'struct', optional: false, name: 'prices.Value', fields: [
      { name: 'big', schema: dec('20') }, { name: 'neg', schema: dec(undefined) }, { name: 'ratio', schema: vsd }] };
    // 12345678901234567.89 = unscaled 1234567890123456789 (0x112210F47DE98115); -1.28 = -128 (0xFF80)
    const rows = [
      { big: Buffer.from('ESIQ9H3pgRU=', 'base64'), neg: Buffer.from([0xff, 0x80]), ratio: { scale: 3, value: Buffer.from([125]) } },
      { big: Buffer.from([0x1e]), neg: Buffer.from([0x00]), ratio: null },
      { big: Buffer.from([0x00, 0x80]), neg: Buffer.from([0x80]), ratio: { scale: 0, value: Buffer.from([0]) } },
    ];
    const r = (o: number): SinkRecord => ({ ...rec(o, rows[o]), valueSchema: schema });
    const [obj] = rows.flatMap((_, o) => w.write(r(o), r(o), 0));
    const buf = new Uint8Array(obj.body).buffer as ArrayBuffer;
    const meta = parquetMetadata(buf);
    expect(meta.schema.slice(1).map((e) => [e.name, e.type, e.repetition_type, e.converted_type, e.precision, e.scale, e.logical_type, e.num_children])).toEqual([
      ['big', 'BYTE_ARRAY', 'REQUIRED', 'DECIMAL', 20, 2, { type: 'DECIMAL', precision: 20, scale: 2 }, undefined],
      ['neg', 'BYTE_ARRAY', 'REQUIRED', 'DECIMAL', 64, 2, { type: 'DECIMAL', precision: 64, scale: 2 }, undefined],
      ['ratio', undefined, 'OPTIONAL', undefined, undefined, undefined, undefined, 2],
      ['scale', 'INT32', 'REQUIRED', undefined, undefined, undefined, undefined, undefined],
      ['value', 'BYTE_ARRAY', 'REQUIRED', undefined, undefined, undefined, undefined, undefined],
    ]);
    // exact values through a reader that keeps DECIMAL exact (hyparquet converts DECIMAL to a float)
    const dir = await mkdtemp(join(tmpdir(), 's3-sink-decimal-'));
    const file = join(dir, 'prices.parquet');
    await writeFile(file, obj.body);
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const read = await duck.runAndReadAll(`SELECT big::VARCHAR AS big, typeof(big) AS t FROM read_parquet('${file}')`);
    duck.closeSync();
    await rm(dir, { recursive: true, force: true });
    expect(read.getRowObjectsJS()).toEqual([
      { big: '12345678901234567.89', t: 'DECIMAL(20,2)' }, { big: '0.30', t: 'DECIMAL(20,2)' }, { big: '1.28', t: 'DECIMAL(20,2)' }]);
    const objects = await parquetReadObjects({ file: buf, utf8: false });
    expect(objects.map((o) => o.neg)).toEqual([-1.28, 0, -1.28]);
    expect(objects.map((o) => o.ratio)).toEqual([{ scale: 3, value: new Uint8Array([125]) }, undefined, { scale: 0, value: new Uint8Array([0]) }]);
    expect(unscaledFromBytes(new Uint8Array([0x11, 0x22, 0x10, 0xf4, 0x7d, 0xe9, 0x81, 0x15]))).toBe(1234567890123456789n);
    expect(unscaledFromBytes(new Uint8Array([0xff, 0x80]))).toBe(-128n);
    expect(unscaledFromBytes(new Uint8Array([0x00, 0x80]))).toBe(128n);
  });
});
