// `npm run bench -- s3 [--records N] [--flush-size N] [--formats json,parquet] [--cpu-prof DIR]`: the
// native S3 sink, Kafka to S3 objects, on a fresh native stack (Kafka KRaft + S3Mock):
//   1. N change events of a real engine (one row captured, its Kafka record copied N times with the
//      id, the name and the LSN changed) are produced to a topic;
//   2. the sink reads the topic into objects: JsonFormat with the events as they are, and
//      ParquetFormat with transforms=unwrap (the flat rows Parquet needs); records/s from start to
//      the last offset committed;
//   3. the limit: the same object bodies written again by plain PutObject calls, one at a time as
//      the sink writes them, to another prefix of the same store, in the same run.
// Figures are ratios of the two, measured side by side.
import { mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { startEngine, startS3Sink } from '../../harness/engine/index.ts';
import { startNativeStack } from '../../harness/runtime/native/native-stack.ts';
import type { S3Info } from '../../harness/runtime/types.ts';
import { machineLine } from './machine.ts';

const FORMATS = {
  json: { 'format.class': 'io.confluent.connect.s3.format.json.JsonFormat' },
  parquet: {
    'format.class': 'io.confluent.connect.s3.format.parquet.ParquetFormat',
    transforms: 'unwrap',
    'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
    'transforms.unwrap.add.fields': 'op,lsn,source.ts_ms',
  },
} as const;

function s3Client(info: S3Info): S3Client {
  return new S3Client({
    endpoint: info.endpoint, region: info.region, forcePathStyle: true,
    credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

async function listAll(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) keys.push(o.Key!);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string', default: '500000' },
      'flush-size': { type: 'string', default: '10000' },
      formats: { type: 'string', default: 'json,parquet' },
      'cpu-prof': { type: 'string' },
    },
  });
  const records = Number(values.records);
  const flushSize = Number(values['flush-size']);
  const formats = values.formats.split(',').map((f) => f.trim()) as Array<keyof typeof FORMATS>;
  for (const f of formats) if (!(f in FORMATS)) throw new Error(`--formats: unknown format "${f}" (allowed: ${Object.keys(FORMATS).join(', ')})`);
  const log = (line: string): void => console.error(`[bench] ${line}`);

  const stack = await startNativeStack({ kafka: 'kraft', with: ['s3'], onProgress: log });
  const s3info = stack.info.s3!;
  const brokers = stack.info.kafka.bootstrapServers;
  const s3 = s3Client(s3info);
  const bucket = 'bench-s3';
  const rows: string[] = [];
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));

    // 1. one real event from the engine, then N copies of it on the bench topic
    const { postgres } = stack.info;
    const db = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
    await db.connect();
    await db.query('CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, product text NOT NULL, quantity int NOT NULL, price_cents bigint)');
    await db.query("INSERT INTO orders VALUES (1, 'customer-1', 'road bike', 1, 129900)");
    const engine = await startEngine({
      config: {
        name: 'bench', 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.hostname': postgres.host,
        'database.port': String(postgres.port), 'database.user': postgres.user, 'database.password': postgres.password,
        'database.dbname': postgres.database, 'topic.prefix': 'bench', 'plugin.name': 'pgoutput', 'slot.name': 'bench',
        'table.include.list': 'public.orders',
      },
      bootstrapServers: brokers,
    });
    await engine.waitForSnapshot();
    await engine.stop();
    await db.end();
    const kafka = new Kafka({ clientId: 'bench-s3', brokers, logLevel: logLevel.NOTHING });
    const template = await new Promise<{ key: string; value: string }>((resolve, reject) => {
      const c = kafka.consumer({ groupId: `bench-template-${Date.now()}` });
      void c.connect().then(() => c.subscribe({ topic: 'bench.public.orders', fromBeginning: true })).then(() => c.run({
        eachMessage: async ({ message }) => {
          resolve({ key: message.key!.toString(), value: message.value!.toString() });
          setImmediate(() => void c.disconnect());
        },
      })).catch(reject);
    });
    const topic = 'bench-s3-events';
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const value = JSON.parse(template.value) as { payload: { after: Record<string, unknown>; source: Record<string, unknown> } };
    const produceStart = performance.now();
    let bytesIn = 0;
    for (let i = 0; i < records; i += 5000) {
      const messages = [];
      for (let id = i + 1; id <= Math.min(records, i + 5000); id++) {
        value.payload.after.id = id;
        value.payload.after.customer = `customer-${id % 1000}`;
        value.payload.source.lsn = 26_000_000 + id;
        const v = JSON.stringify(value);
        bytesIn += v.length;
        messages.push({ key: template.key.replace(/"id":1\b/, `"id":${id}`), value: v });
      }
      // a produce request stays under the broker's 1 MiB message.max.bytes; several in flight
      const sends = [];
      for (let j = 0; j < messages.length; j += 250) sends.push(producer.send({ topic, messages: messages.slice(j, j + 250), acks: -1 }));
      await Promise.all(sends);
      if ((i / 5000) % 20 === 0) log(`produced ${Math.min(records, i + 5000)}/${records}`);
    }
    await producer.disconnect();
    log(`produced ${records} records (${(bytesIn / 2 ** 20).toFixed(0)} MiB of values) in ${((performance.now() - produceStart) / 1000).toFixed(1)} s`);

    for (const format of formats) {
      // 2. the sink
      const name = `bench-${format}`;
      const profile = values['cpu-prof'] ? new Session() : null;
      if (profile) {
        profile.connect();
        await profile.post('Profiler.enable');
        await profile.post('Profiler.start');
      }
      const started = performance.now();
      const sink = await startS3Sink({
        config: {
          name, 'connector.class': 'io.confluent.connect.s3.S3SinkConnector', topics: topic, 's3.bucket.name': bucket,
          's3.region': s3info.region, 'store.url': s3info.endpoint, 'aws.access.key.id': s3info.accessKeyId,
          'aws.secret.access.key': s3info.secretAccessKey, 'topics.dir': name, 'flush.size': String(flushSize), ...FORMATS[format],
        },
        bootstrapServers: brokers,
      });
      const expected = Math.floor(records / flushSize) * flushSize; // the rest stays in an open file
      let lastLog = 0;
      while (sink.metrics().records_written < expected) {
        if (sink.status().tasks[0]?.state === 'FAILED') throw new Error(`sink ${name} failed: ${sink.status().tasks[0]?.trace}`);
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          log(`${format}: ${sink.metrics().records_written}/${expected} records written`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const sinkSeconds = (performance.now() - started) / 1000;
      const m = sink.metrics();
      const stopStart = performance.now();
      await sink.stop();
      log(`${format}: sink stopped in ${((performance.now() - stopStart) / 1000).toFixed(1)} s`);
      if (profile) {
        const { profile: cpu } = await profile.post('Profiler.stop');
        mkdirSync(values['cpu-prof']!, { recursive: true });
        const file = path.join(values['cpu-prof']!, `s3-sink-${format}.cpuprofile`);
        writeFileSync(file, JSON.stringify(cpu));
        profile.disconnect();
        log(`CPU profile: ${file}`);
      }

      // 3. the same bodies by plain PutObject, one at a time
      const keys = await listAll(s3, bucket, `${name}/`);
      const bodies: Array<{ key: string; body: Uint8Array }> = [];
      for (const key of keys) {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        bodies.push({ key: key.replace(`${name}/`, `${name}-put/`), body: await out.Body!.transformToByteArray() });
      }
      const bytes = bodies.reduce((n, b) => n + b.body.length, 0);
      const putStart = performance.now();
      for (const b of bodies) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: b.key, Body: b.body }));
      const putSeconds = (performance.now() - putStart) / 1000;

      const sinkRate = m.records_written / sinkSeconds;
      const putRate = m.records_written / putSeconds;
      log(`${format}: sink ${sinkRate.toFixed(0)} records/s, PutObject alone ${putRate.toFixed(0)} records/s`);
      rows.push(`| ${format} | ${m.records_written} | ${keys.length} | ${(bytes / 2 ** 20).toFixed(1)} | ${sinkSeconds.toFixed(1)} | ${sinkRate.toFixed(0)} | ${putSeconds.toFixed(1)} | ${putRate.toFixed(0)} | ${(sinkRate / putRate).toFixed(2)} |`);
    }
  } finally {
    s3.destroy();
    await stack.stop();
  }
  console.log(`machine: ${machineLine()}`);
  console.log(`${records} change events (JsonConverter with schemas, ${flushSize} records per object), one topic partition, S3Mock\n`);
  console.log('| format | records written | objects | MiB written | sink (s) | sink records/s | PutObject alone (s) | PutObject records/s | sink / PutObject |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}
