import zlib from 'node:zlib';
import { compressionsAlgorithms } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { GZIP_LEVEL, useFastGzip } from './kafka-writer.ts';

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
