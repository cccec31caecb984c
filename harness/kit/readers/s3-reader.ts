// Lists and reads objects in an S3 bucket (S3Mock, MinIO, s3rver, or real S3), and the few writes a
// lab needs to set its bucket up: create it if missing, empty a prefix before a run.
import {
  CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, S3Client,
} from '@aws-sdk/client-s3';
import type { S3Info } from '../../runtime/types.ts';

export interface BucketReader {
  list(bucket: string, prefix?: string): Promise<string[]>;
  getText(bucket: string, key: string): Promise<string>;
  getBytes(bucket: string, key: string): Promise<Uint8Array>;
  /** Creates the bucket unless it exists (the store is shared: labs keep their own bucket). */
  ensureBucket(bucket: string): Promise<void>;
  /** Deletes every object under the prefix; returns how many. */
  deletePrefix(bucket: string, prefix: string): Promise<number>;
  close(): void;
}

export function s3Reader(info: S3Info): BucketReader {
  const client = new S3Client({
    endpoint: info.endpoint,
    region: info.region,
    forcePathStyle: info.forcePathStyle,
    credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    // s3rver and older mocks reject the SDK's default checksums
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const reader: BucketReader = {
    async list(bucket, prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return keys.sort();
    },
    async getText(bucket, key) {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await out.Body?.transformToString('utf8')) ?? '';
    },
    async getBytes(bucket, key) {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    },
    async ensureBucket(bucket) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (e) {
        const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status !== 404) throw e;
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      }
    },
    async deletePrefix(bucket, prefix) {
      const keys = await reader.list(bucket, prefix);
      // DeleteObjects takes at most 1000 keys per request
      for (let i = 0; i < keys.length; i += 1000) {
        const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects, Quiet: true } }));
      }
      return keys.length;
    },
    close() {
      client.destroy();
    },
  };
  return reader;
}
