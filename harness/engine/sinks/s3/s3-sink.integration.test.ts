// The S3 sink end to end on the shared stack: our engine's events (a table of this file's own) land in a
// bucket of this file's own with Confluent's object names, flush.size records per object and the topic's
// payloads byte for byte; unwrap gives flat rows; a stop without flush and a lost commit after a write
// make the restart rewrite the same keys, with every record in the bucket exactly once.
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { parquetReadObjects } from 'hyparquet';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../index.ts';
import { connectorConfig, createTestDb, readTopic, stackInfo, uniqueId, waitFor, type TestDb } from '../../source/it-helpers.test-helper.ts';
import { startS3Sink, type S3Sink } from './index.ts';

let db: TestDb;
let s3: S3Client;
const started: Array<{ stop(): Promise<void> }> = [];
const bucket = uniqueId('lake').replace(/_/g, '-');

beforeAll(async () => {
  db = await createTestDb('s3sink');
  const info = stackInfo().s3!;
  s3 = new S3Client({ endpoint: info.endpoint, region: info.region, forcePathStyle: true, credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey } });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
afterAll(async () => {
  for (const s of started.reverse()) await s.stop().catch(() => undefined);
  s3?.destroy();
  await db?.drop();
});

function sinkConfig(name: string, topic: string, extra: Record<string, unknown> = {}, bucketName = bucket): Record<string, unknown> {
  const info = stackInfo().s3!;
  return {
    name, 'connector.class': 'io.confluent.connect.s3.S3SinkConnector', topics: topic, 's3.bucket.name': bucketName, 's3.region': info.region,
    'store.url': info.endpoint, 'aws.access.key.id': info.accessKeyId, 'aws.secret.access.key': info.secretAccessKey,
    'format.class': 'io.confluent.connect.s3.format.json.JsonFormat', 'topics.dir': name, 'flush.size': '3', 's3.retry.backoff.ms': '100', ...extra,
  };
}

async function sink(config: Record<string, unknown>, logs?: string[]): Promise<S3Sink> {
  const s = await startS3Sink({ config, bootstrapServers: stackInfo().kafka.bootstrapServers, logger: (l, m) => logs?.push(`${l} ${m}`) });
  started.push(s);
  return s;
}

async function list(prefix: string, b = bucket): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: b, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}
async function read(key: string): Promise<string> {
  return (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
}
/** the payload text of a JsonConverter record, as printed (schemas.enable=false prints exactly this) */
function payloadText(value: string): string {
  const i = value.indexOf(',"payload":');
  return value.slice(i + ',"payload":'.length, -1);
}

async function committedOffset(group: string, topic: string): Promise<string> {
  const admin = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [t] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return t.partitions.find((p) => p.partition === 0)!.offset;
  } finally {
    await admin.disconnect();
  }
}

describe('S3 sink', () => {
  let engine: Engine;
  let topic: string;
  let id: string;
  beforeAll(async () => {
    id = uniqueId('orders');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, customer text NOT NULL, amount bigint)`);
    await db.client.query(`INSERT INTO ${id} SELECT g, 'c' || (g % 2), g * 9007199254740993 FROM generate_series(1, 5) g`);
    engine = await startEngine({ config: connectorConfig(db.name, id, { 'table.include.list': `public.${id}` }), bootstrapServers: stackInfo().kafka.bootstrapServers });
    started.push(engine);
    await engine.waitForSnapshot();
    await db.client.query(`INSERT INTO ${id} VALUES (6, 'c0', 6), (7, 'c1', 7)`);
    await db.client.query(`UPDATE ${id} SET amount = 60 WHERE id = 6`);
    await db.client.query(`DELETE FROM ${id} WHERE id = 1`);
    topic = `${id}.public.${id}`;
    // 5 reads, 2 creates, 1 update, 1 delete, 1 tombstone
    expect((await readTopic(topic, (m) => m.length >= 10)).length).toBe(10);
  });

  it('writes flush.size records per object under Confluent names, content equal to the topic payloads', async () => {
    const name = uniqueId('raw');
    const s = await sink(sinkConfig(name, topic, { 'behavior.on.null.values': 'ignore' }));
    const keys = await waitFor('3 objects', async () => ((await list(`${name}/`)).length >= 3 ? list(`${name}/`) : null));
    expect(keys).toEqual([0, 3, 6].map((o) => `${name}/${topic}/partition=0/${topic}+0+${String(o).padStart(10, '0')}.json`));
    const messages = await readTopic(topic, (m) => m.length >= 10);
    const expected = messages.filter((m) => m.value !== null).map((m) => payloadText(m.value!));
    const lines = (await Promise.all(keys.map(read))).map((t) => t.split('\n').slice(0, -1));
    expect(lines.map((l) => l.length)).toEqual([3, 3, 3]);
    expect(lines.flat()).toEqual(expected); // byte for byte, int64 beyond 2^53 included
    await waitFor('offset commit', async () => (await committedOffset(`connect-${name}`, topic)) === '10');
    expect(s.status()).toMatchObject({ name, tasks: [{ state: 'RUNNING' }], type: 'sink' });
    expect(s.metrics()).toMatchObject({ records_read: 10, records_written: 9, files_written: 3 });
    await s.stop();
  });

  it('unwrap gives flat rows with __op, __source_ts_ms and __deleted', async () => {
    const name = uniqueId('flat');
    const s = await sink(sinkConfig(name, topic, {
      'flush.size': '9', transforms: 'unwrap', 'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
      'transforms.unwrap.add.fields': 'op,source.ts_ms', 'transforms.unwrap.delete.tombstone.handling.mode': 'rewrite',
    }));
    const [key] = await waitFor('1 object', async () => ((await list(`${name}/`)).length >= 1 ? list(`${name}/`) : null));
    expect(key).toBe(`${name}/${topic}/partition=0/${topic}+0+0000000000.json`);
    const rows = (await read(key)).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => [r.id, r.__op, r.__deleted])).toEqual([
      [1, 'r', 'false'], [2, 'r', 'false'], [3, 'r', 'false'], [4, 'r', 'false'], [5, 'r', 'false'],
      [6, 'c', 'false'], [7, 'c', 'false'], [6, 'u', 'false'], [1, 'd', 'true'],
    ]);
    expect(Object.keys(rows[0])).toEqual(['id', 'customer', 'amount', '__deleted', '__op', '__source_ts_ms']);
    expect(typeof rows[5].__source_ts_ms).toBe('number');
    expect(rows[7]).toMatchObject({ customer: 'c0', amount: 60 });
    await s.stop();
  });

  it('ParquetFormat: unwrapped rows in a .snappy.parquet object a Parquet reader reads back', async () => {
    const name = uniqueId('pq');
    const s = await sink(sinkConfig(name, topic, {
      'flush.size': '9', 'format.class': 'io.confluent.connect.s3.format.parquet.ParquetFormat', transforms: 'unwrap',
      'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState', 'transforms.unwrap.add.fields': 'op',
      'transforms.unwrap.delete.tombstone.handling.mode': 'rewrite',
    }));
    const [key] = await waitFor('1 object', async () => ((await list(`${name}/`)).length >= 1 ? list(`${name}/`) : null));
    expect(key).toBe(`${name}/${topic}/partition=0/${topic}+0+0000000000.snappy.parquet`);
    const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
    const rows = await parquetReadObjects({ file: new Uint8Array(body).buffer as ArrayBuffer });
    expect(rows.map((r) => [r.id, r.__op, r.__deleted])).toEqual([
      [1, 'r', 'false'], [2, 'r', 'false'], [3, 'r', 'false'], [4, 'r', 'false'], [5, 'r', 'false'],
      [6, 'c', 'false'], [7, 'c', 'false'], [6, 'u', 'false'], [1, 'd', 'true'],
    ]);
    expect(rows[4].amount).toBe(5n * 9007199254740993n); // int64 exact
    await s.stop();
  });

  it('rotate.schedule.interval.ms writes a partial file on the wall clock when flush.size is not reached', async () => {
    const name = uniqueId('sched');
    const s = await sink(sinkConfig(name, topic, { 'flush.size': '1000', 'rotate.schedule.interval.ms': '2000', timezone: 'UTC', 'behavior.on.null.values': 'ignore' }));
    // the interval rotates on wall-clock boundaries (Confluent's rule), so a boundary may fall while
    // the 10 records are being read: then two objects, the second named by its first offset
    await waitFor('offset commit', async () => (await committedOffset(`connect-${name}`, topic)) === '10', 30_000);
    const keys = await list(`${name}/`);
    expect(keys[0]).toBe(`${name}/${topic}/partition=0/${topic}+0+0000000000.json`);
    expect(keys.length).toBeLessThanOrEqual(2);
    const lines = (await Promise.all(keys.map(read))).flatMap((body) => body.trim().split('\n'));
    expect(lines).toHaveLength(9); // 10 records, the tombstone ignored
    if (keys.length === 2) expect(keys[1]).toMatch(new RegExp(`\\+0\\+000000000[1-9]\\.json$`));
    await s.stop();
  });

  it('a stop without flush and a lost commit: the restart rewrites the same keys, every record once', async () => {
    const name = uniqueId('eos');
    const t = uniqueId('eos_t');
    await db.client.query(`CREATE TABLE ${t} (id int PRIMARY KEY)`);
    await db.client.query(`INSERT INTO ${t} SELECT generate_series(1, 10)`);
    const e2 = await startEngine({ config: connectorConfig(db.name, t, { 'table.include.list': `public.${t}` }), bootstrapServers: stackInfo().kafka.bootstrapServers });
    started.push(e2);
    await e2.waitForSnapshot();
    const topic2 = `${t}.public.${t}`;
    const cfg = sinkConfig(name, topic2, { 'flush.size': '4' });
    const first = await sink(cfg);
    await waitFor('2 objects', async () => (await list(`${name}/`)).length >= 2);
    await waitFor('commit at 8', async () => (await committedOffset(`connect-${name}`, topic2)) === '8');
    await first.stop(); // records 8 and 9 were in an open file: not written, not committed
    expect(await list(`${name}/`)).toHaveLength(2);

    // as if the task died after writing +4 but before committing it
    const admin = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.setOffsets({ groupId: `connect-${name}`, topic: topic2, partitions: [{ partition: 0, offset: '4' }] });
    await admin.disconnect();

    const second = await sink(cfg);
    await db.client.query(`INSERT INTO ${t} SELECT generate_series(11, 16)`);
    const prefix = `${name}/${topic2}/partition=0/${topic2}+0+`;
    await waitFor('4 objects', async () => (await list(`${name}/`)).length >= 4, 60_000);
    await waitFor('commit at 16', async () => (await committedOffset(`connect-${name}`, topic2)) === '16');
    const keys = await list(`${name}/`);
    expect(keys).toEqual([0, 4, 8, 12].map((o) => `${prefix}${String(o).padStart(10, '0')}.json`));
    expect(second.metrics()).toMatchObject({ files_written: 3, records_written: 12 }); // +4 rewritten, +8, +12
    const ids = (await Promise.all(keys.map(read))).flatMap((x) => x.trim().split('\n')).map((l) => (JSON.parse(l) as { after: { id: number } }).after.id);
    expect(ids).toEqual(Array.from({ length: 16 }, (_, i) => i + 1)); // each once, in offset order
    await second.stop();
    await e2.stop();
  });

  it('a missing bucket: a clear error, retries with backoff, nothing committed; the data arrives once the bucket exists', async () => {
    const name = uniqueId('nobucket');
    const missing = uniqueId('missing').replace(/_/g, '-');
    const logs: string[] = [];
    const s = await sink(sinkConfig(name, topic, { 'behavior.on.null.values': 'ignore' }, missing), logs);
    await waitFor('the error', async () => (s.metrics().s3_errors >= 2 ? true : null));
    expect(s.lastError()).toBe(`S3 bucket "${missing}" does not exist at ${stackInfo().s3!.endpoint} (s3.bucket.name); create it or fix the name`);
    expect(logs.some((l) => l.includes('position kept'))).toBe(true);
    expect(await committedOffset(`connect-${name}`, topic)).toBe('-1');
    expect(s.status().tasks[0].state).toBe('RUNNING');
    await s3.send(new CreateBucketCommand({ Bucket: missing }));
    await waitFor('3 objects', async () => ((await list(`${name}/`, missing)).length >= 3 ? true : null), 60_000);
    await waitFor('commit', async () => (await committedOffset(`connect-${name}`, topic)) === '10');
    expect(s.lastError()).toBeNull();
    await s.stop();
  });
});
