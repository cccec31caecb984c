import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';

describe('S3 store on the shared stack', () => {
  const { s3 } = inject('stack');
  const client = new S3Client({
    endpoint: s3!.endpoint,
    region: s3!.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3!.accessKeyId, secretAccessKey: s3!.secretAccessKey },
  });
  const Bucket = `runtime-test-${Date.now()}`;

  it('creates a bucket, puts objects, lists them page by page and reads one back', async () => {
    await client.send(new CreateBucketCommand({ Bucket }));
    const keys = Array.from({ length: 7 }, (_, i) => `topics/orders/partition=0/orders+0+${String(i).padStart(10, '0')}.json`);
    for (const Key of keys) await client.send(new PutObjectCommand({ Bucket, Key, Body: `{"n":"${Key}"}\n`, ContentType: 'application/json' }));

    const listed: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: 'topics/', MaxKeys: 3, ContinuationToken: token }));
      listed.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(listed).toEqual(keys);

    const object = await client.send(new GetObjectCommand({ Bucket, Key: keys[4] }));
    expect(await object.Body!.transformToString()).toBe(`{"n":"${keys[4]}"}\n`);
  });
});
