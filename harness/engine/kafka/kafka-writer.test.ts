import zlib from 'node:zlib';
import { compressionsAlgorithms } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { GZIP_LEVEL, retryBackoffMs, useFastGzip } from './kafka-writer.ts';

// Connect-JSON-like input: one schema repeated, as in a batch of change events
const batch = Buffer.from(Array.from({ length: 400 }, (_, i) => `{"schema":{"type":"struct","fields":[{"field":"id","type":"int32"}]},"payload":{"id":${i}}}`).join(''));

describe('useFastGzip', () => {
  it('makes @platformatic/kafka deflate at level 1 on both its paths: the async one gzip produce requests take, and the sync one', async () => {
    const gzip = compressionsAlgorithms.gzip as { compress: (b: Buffer) => Promise<Buffer>; compressSync: (b: Buffer) => Buffer };
    const level1 = zlib.gzipSync(batch, { level: GZIP_LEVEL });
    // the library's own default differs from level 1, so the comparison can tell them apart
    expect(zlib.gzipSync(batch).equals(level1)).toBe(false);
    useFastGzip();
    expect((await gzip.compress(batch)).equals(level1)).toBe(true);
    expect(gzip.compressSync(batch).equals(level1)).toBe(true);
    expect(zlib.gunzipSync(await gzip.compress(batch)).equals(batch)).toBe(true);
  });
});

describe('retryBackoffMs', () => {
  it('is the Java producer\'s backoff: 100 ms doubled per attempt up to 1 s, and 120 retries still span about two minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(retryBackoffMs)).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
    const total = Array.from({ length: 120 }, (_, i) => retryBackoffMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBe(117_500);
  });
});
