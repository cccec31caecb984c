// The lab's side of the lake: its own bucket, reading objects back, and DuckDB over a local copy of
// the lake (DuckDB's httpfs extension would be downloaded at run time; the copy works offline).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Row, StepContext } from '../../harness/kit/index.ts';

export const BUCKET = 'cdc-labs-s3-sink';
export const TOPIC = 'lake.store.orders';

/** The lab's bucket exists and starts empty (the kit cleans the sinks' consumer groups). */
export async function resetBucket(ctx: StepContext): Promise<void> {
  if (ctx.s3 === undefined) throw new Error('this lab needs the S3 store (needs.services: s3)');
  await ctx.s3.ensureBucket(BUCKET);
  await ctx.s3.deletePrefix(BUCKET, '');
}

/** Each JSON object's lines, parsed. */
export async function jsonObjects(ctx: StepContext, prefix: string): Promise<Array<{ key: string; records: unknown[] }>> {
  const keys = await ctx.s3!.list(BUCKET, prefix);
  return Promise.all(keys.map(async (key) => {
    const text = await ctx.s3!.getText(BUCKET, key);
    return { key, records: text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown) };
  }));
}

/** Copies the objects under `prefix` into a temp dir, keeping their keys as paths. */
async function copyLake(ctx: StepContext, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cdc-labs-lake-'));
  for (const key of await ctx.s3!.list(BUCKET, prefix)) {
    const path = join(dir, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await ctx.s3!.getBytes(BUCKET, key));
  }
  return dir;
}

/** BigInt (DuckDB's BIGINT) as a number when exact, so rows compare and print like Postgres's. */
function plain(v: unknown): unknown {
  return typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}

/**
 * Runs DuckDB SQL against a local copy of the bucket's objects under `prefix`: relative paths in the
 * SQL resolve there (DuckDB's file_search_path), so the shown SQL runs as written.
 */
export async function duckdb(ctx: StepContext, sqlText: string, prefix: string): Promise<Row[]> {
  const dir = await copyLake(ctx, prefix);
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
    const reader = await conn.runAndReadAll(sqlText);
    return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}
