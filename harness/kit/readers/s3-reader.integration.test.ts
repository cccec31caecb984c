// The bucket reader against the shared stack's S3 store: paged listing by prefix, object text.
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { s3Reader } from './s3-reader.ts';

const info = inject('stack').s3;
const bucket = `kit-reader-${Date.now()}`;
const keys = ['topics/a/partition=0/a+0+0000000000.json', 'topics/a/partition=0/a+0+0000000002.json', 'topics/b/partition=0/b+0+0000000000.json'];

describe.runIf(info !== undefined)('s3Reader', () => {
  const s3 = info!;
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const reader = s3Reader(s3);

  afterAll(async () => {
    for (const Key of keys) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key })).catch(() => undefined);
    await client.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
    client.destroy();
    reader.close();
  });

  it('lists keys under a prefix in order and reads an object as text', async () => {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const [i, Key] of keys.entries()) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: `{"n":${i}}\n` }));
    }
    expect(await reader.list(bucket, 'topics/a/')).toEqual(keys.slice(0, 2));
    expect(await reader.list(bucket)).toEqual(keys);
    expect(await reader.getText(bucket, keys[2])).toBe('{"n":2}\n');
  });

  it('creates a missing bucket once, reads bytes, and empties a prefix', async () => {
    const own = `${bucket}-own`;
    await reader.ensureBucket(own);
    await reader.ensureBucket(own); // already there: no error
    await client.send(new PutObjectCommand({ Bucket: own, Key: 'x/1.bin', Body: new Uint8Array([0, 255, 7]) }));
    await client.send(new PutObjectCommand({ Bucket: own, Key: 'y/1.bin', Body: 'keep' }));
    expect([...(await reader.getBytes(own, 'x/1.bin'))]).toEqual([0, 255, 7]);
    expect(await reader.deletePrefix(own, 'x/')).toBe(1);
    expect(await reader.list(own)).toEqual(['y/1.bin']);
    await reader.deletePrefix(own, '');
    await client.send(new DeleteBucketCommand({ Bucket: own }));
  });
});
