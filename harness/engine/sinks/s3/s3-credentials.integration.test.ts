// Wrong credentials against a store that checks them: S3Proxy (S3Mock, the stack's store, accepts
// any). The sink names the refused key pair clearly, retries with a doubling backoff, commits
// nothing; restarted with the right keys under the same name, it writes every record once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Proxy, type StartedS3Proxy } from '../../../runtime/native/s3proxy.ts';
import { stackInfo, uniqueId, waitFor } from '../../source/it-helpers.test-helper.ts';
import { startS3Sink, type S3Sink } from './index.ts';

let proxy: StartedS3Proxy;
let dir: string;
let s3: S3Client;
const started: S3Sink[] = [];
const bucket = uniqueId('auth').replace(/_/g, '-');
const topic = uniqueId('auth_topic');
const kafka = () => new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-labs-s3proxy-'));
  proxy = await startS3Proxy(dir, { accessKeyId: 'lake-writer', secretAccessKey: 'right-secret' }, (l) => console.log(`[s3proxy] ${l}`));
  const { info } = proxy;
  s3 = new S3Client({
    endpoint: info.endpoint, region: info.region, forcePathStyle: true,
    credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const admin = kafka().admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
  await admin.disconnect();
  const producer = kafka().producer();
  await producer.connect();
  // JsonConverter records as a source connector writes them
  await producer.send({
    topic,
    messages: Array.from({ length: 7 }, (_, i) => ({ value: `{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}],"optional":false},"payload":{"id":${i + 1}}}` })),
  });
  await producer.disconnect();
}, 300_000);

afterAll(async () => {
  for (const s of started) await s.stop().catch(() => undefined);
  s3?.destroy();
  await proxy?.process.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function config(name: string, keys: { id: string; secret: string }): Record<string, unknown> {
  return {
    name, 'connector.class': 'io.confluent.connect.s3.S3SinkConnector', topics: topic, 's3.bucket.name': bucket,
    's3.region': proxy.info.region, 'store.url': proxy.info.endpoint, 'aws.access.key.id': keys.id, 'aws.secret.access.key': keys.secret,
    'format.class': 'io.confluent.connect.s3.format.json.JsonFormat', 'flush.size': '3', 's3.retry.backoff.ms': '100',
  };
}

async function sink(cfg: Record<string, unknown>, logs: string[] = []): Promise<S3Sink> {
  const s = await startS3Sink({ config: cfg, bootstrapServers: stackInfo().kafka.bootstrapServers, logger: (l, m) => logs.push(`${l} ${m}`) });
  started.push(s);
  return s;
}

async function committed(group: string): Promise<string> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const [t] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return t.partitions.find((p) => p.partition === 0)!.offset;
  } finally {
    await admin.disconnect();
  }
}

async function keys(): Promise<string[]> {
  return ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!).sort();
}

describe('S3 sink with wrong credentials (S3Proxy checks SigV4)', () => {
  const name = uniqueId('auth_sink');

  it('a wrong secret: a clear error naming the keys, retries with a doubling backoff, position kept', async () => {
    const logs: string[] = [];
    const s = await sink(config(name, { id: 'lake-writer', secret: 'wrong-secret' }), logs);
    await waitFor('three refused writes', async () => s.metrics().s3_errors >= 4 && s.lastError()?.includes('SignatureDoesNotMatch'));
    expect(s.lastError()).toBe(
      `S3 at ${proxy.info.endpoint} rejected the credentials for bucket "${bucket}" (SignatureDoesNotMatch): check aws.access.key.id / aws.secret.access.key or the AWS_* environment`,
    );
    const backoffs = logs.map((l) => /retry \d+ in (\d+) ms, position kept/.exec(l)?.[1]).filter(Boolean).map(Number);
    expect(backoffs.slice(0, 3)).toEqual([100, 200, 400]);
    expect(s.status().tasks[0].state).toBe('RUNNING');
    expect(s.metrics().files_written).toBe(0);
    expect(await committed(`connect-${name}`)).toBe('-1');
    expect(await keys()).toEqual([]);
    await s.stop();
  });

  it('an unknown access key: InvalidAccessKeyId, named as such', async () => {
    const s = await sink(config(uniqueId('auth_key'), { id: 'nobody', secret: 'right-secret' }));
    await waitFor('a refused write', async () => s.lastError()?.includes('InvalidAccessKeyId'));
    expect(s.lastError()).toContain('rejected the credentials');
    expect(s.metrics().files_written).toBe(0);
    await s.stop();
  });

  it('restarted with the right keys under the same name: every record once, from where it was', async () => {
    const s = await sink(config(name, { id: 'lake-writer', secret: 'right-secret' }));
    await waitFor('commit at 6', async () => (await committed(`connect-${name}`)) === '6');
    const prefix = `topics/${topic}/partition=0/${topic}+0+`;
    expect(await keys()).toEqual([`${prefix}0000000000.json`, `${prefix}0000000003.json`]);
    const lines: string[] = [];
    for (const key of await keys()) {
      lines.push(...(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString()).trim().split('\n'));
    }
    expect(lines).toEqual(['{"id":1}', '{"id":2}', '{"id":3}', '{"id":4}', '{"id":5}', '{"id":6}']);
    expect(s.lastError()).toBeNull();
    await s.stop();
  });
});
