// Fault test (issue #20), sink side: the S3 sink as a child process is killed with SIGKILL at the
// seam between writing an object and committing its offset (and once before a write, where a sink
// that committed first would lose records), restarted each time, while a numbered sequence per key
// is produced to a 3-partition topic. The S3 sink claims exactly once in the bucket through
// deterministic object names (an object is named by its first record's offset and cut at flush.size
// records), so afterwards: every record of the topic is in exactly one object, byte-for-byte the
// record's payload, objects tile each partition from offset 0 without gap or overlap, each key's
// seqs are 1..N once each in order, an object rewritten after a restart has the same ETag (same
// bytes), and the committed offsets were never ahead of the objects written (checked every 300 ms
// and at each fault point).
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackInfo, uniqueId } from '../source/it-helpers.test-helper.ts';
import { keySequenceProblems, progress } from './fault-kit.test-helper.ts';
import { SeqProducer, sinkThroughFaults } from './sink-fault-kit.test-helper.ts';

const PARTITIONS = 3;
const KEYS = 12;
const ROUNDS = 300; // 1,200 records per partition
const FLUSH = 20; // divides 1,200: every record ends in a closed object

let s3: S3Client;
const bucket = uniqueId('fault-s3').replace(/_/g, '-');

beforeAll(async () => {
  const info = stackInfo().s3!;
  s3 = new S3Client({ endpoint: info.endpoint, region: info.region, forcePathStyle: true, credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey } });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});
afterAll(() => s3?.destroy());

interface Listed {
  key: string;
  etag: string;
  partition: number;
  start: number;
}

async function list(prefix: string): Promise<Listed[]> {
  const out: Listed[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      const m = /\+(\d+)\+(\d{10})\.json$/.exec(o.Key!);
      if (!m) throw new Error(`unexpected object name ${o.Key}`);
      out.push({ key: o.Key!, etag: o.ETag!, partition: Number(m[1]), start: Number(m[2]) });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out.sort((a, b) => a.partition - b.partition || a.start - b.start);
}

/** per partition, the end of the run of objects from offset 0 on (each holds FLUSH records) */
function covered(objects: Listed[]): Map<number, number> {
  const ends = new Map<number, number>();
  for (const o of objects) {
    const end = ends.get(o.partition) ?? 0;
    if (o.start === end) ends.set(o.partition, end + FLUSH);
  }
  return ends;
}

describe('fault: S3 sink SIGKILL', () => {
  it('S3 sink killed between a write and its offset commit (twice) and before a write, restarted: every record in the bucket exactly once, same keys and bytes, commits never ahead', async () => {
    const name = uniqueId('fs3');
    const topic = `${name}.public.seq`;
    const info = stackInfo();
    const producer = new SeqProducer({ bootstrapServers: info.kafka.bootstrapServers, topic, partitions: PARTITIONS, keys: KEYS, rounds: ROUNDS, pauseMs: 15 });
    const etags = new Map<string, string>();
    const config = {
      name, 'connector.class': 'io.confluent.connect.s3.S3SinkConnector', topics: topic, 's3.bucket.name': bucket, 's3.region': info.s3!.region,
      'store.url': info.s3!.endpoint, 'aws.access.key.id': info.s3!.accessKeyId, 'aws.secret.access.key': info.s3!.secretAccessKey,
      'format.class': 'io.confluent.connect.s3.format.json.JsonFormat', 'topics.dir': name, 'flush.size': String(FLUSH), 's3.retry.backoff.ms': '100',
    };
    const run = await sinkThroughFaults({
      kind: 's3',
      config,
      bootstrapServers: info.kafka.bootstrapServers,
      producer,
      faults: ['after:8', 'before:10', 'after:25'],
      check: async (committed) => {
        const objects = await list(`${name}/`);
        for (const o of objects) {
          // deterministic names: a key written again holds the same bytes
          const seen = etags.get(o.key);
          if (seen !== undefined && seen !== o.etag) expect.fail(`${o.key} was rewritten with other content (ETag ${seen} → ${o.etag})`);
          etags.set(o.key, o.etag);
        }
        const have = covered(objects);
        for (const [p, c] of committed) {
          if (c > (have.get(p) ?? 0)) expect.fail(`partition ${p}: offset ${c} committed while the objects cover offsets below ${have.get(p) ?? 0} only`);
        }
      },
    });

    // the bucket: objects tile every partition from 0 to its end, FLUSH records each, each line the
    // payload of the record at its offset
    const objects = await list(`${name}/`);
    const ends = producer.ends();
    expect(objects.length, 'one object per FLUSH records, no more').toBe(ends.reduce((a, b) => a + b, 0) / FLUSH);
    const applied: Array<{ id: number; seq: number }> = [];
    for (let p = 0; p < PARTITIONS; p++) {
      const mine = objects.filter((o) => o.partition === p);
      expect(mine.map((o) => o.start), `partition ${p}: objects start at 0, ${FLUSH}, …`).toEqual(Array.from({ length: ends[p] / FLUSH }, (_, i) => i * FLUSH));
      for (const o of mine) {
        const text = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.key }))).Body!.transformToString();
        const lines = text.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { after: { id: number; seq: number } });
        expect(lines.length, `${o.key} holds ${FLUSH} records`).toBe(FLUSH);
        lines.forEach((l, i) => {
          const want = producer.byPartition[p][o.start + i];
          if (l.after.id !== want.id || l.after.seq !== want.seq) expect.fail(`${o.key} line ${i}: id ${l.after.id} seq ${l.after.seq}, the topic has id ${want.id} seq ${want.seq} at offset ${o.start + i}`);
          applied.push(l.after);
        });
      }
    }
    // every key written more than once (replays after a restart) got the same bytes each time, and
    // the objects held at an "after" fault were written again by the restarted sink
    const md5s = new Map<string, string[]>();
    for (const w of run.writes) {
      const [, key, md5] = /^put (\S+) md5 (\w+)$/.exec(w)!;
      md5s.set(key, [...(md5s.get(key) ?? []), md5]);
    }
    for (const [key, sums] of md5s) expect(new Set(sums).size, `${key} written ${sums.length} times with the same bytes`).toBe(1);
    for (const line of run.faultLines.filter((l) => l.startsWith('FAULT after'))) {
      const key = / put (\S+) /.exec(line)![1];
      expect(md5s.get(key)!.length, `${key}, held at "${line}", written again after the restart`).toBeGreaterThan(1);
    }
    const rewritten = [...md5s.values()].filter((s) => s.length > 1).length;
    // per key, in offset order: 1..ROUNDS once each (no duplicates in the bucket)
    const { problems, duplicates, replays } = keySequenceProblems(applied, KEYS, ROUNDS);
    expect(problems, 'per-key sequences').toEqual([]);
    expect({ duplicates, replays }).toEqual({ duplicates: 0, replays: 0 });
    progress(`s3 sink: ${applied.length} records in ${objects.length} objects exactly once after ${run.starts} starts (${run.faultLines.join('; ')}), ${run.samples} commit samples; ${run.writes.length} PutObjects, ${rewritten} objects written again with the same bytes`);
  }, 240_000);
});
