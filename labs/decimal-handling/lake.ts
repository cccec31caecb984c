// The lab's bucket, and DuckDB over a local copy of the S3 sink's objects (DuckDB's httpfs extension
// would be downloaded at run time; the copy works offline). As labs/s3-sink/lake.ts, for this bucket.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Row, StepContext } from '../../harness/kit/index.ts';

export const BUCKET = 'cdc-labs-decimal-handling';

function store(ctx: StepContext): NonNullable<StepContext['s3']> {
  if (ctx.s3 === undefined) throw new Error('this lab needs the S3 store (needs.services: s3)');
  return ctx.s3;
}

/** The lab's bucket exists and starts empty. */
export async function resetBucket(ctx: StepContext): Promise<void> {
  await store(ctx).ensureBucket(BUCKET);
  await store(ctx).deletePrefix(BUCKET, '');
}

/** Runs DuckDB SQL with relative paths resolving in a local copy of the bucket's objects. */
export async function duckdb(ctx: StepContext, sqlText: string): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'cdc-labs-decimals-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const key of await store(ctx).list(BUCKET)) {
      await mkdir(dirname(join(dir, key)), { recursive: true });
      await writeFile(join(dir, key), await store(ctx).getBytes(BUCKET, key));
    }
    await conn.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
    const rows = (await conn.runAndReadAll(sqlText)).getRowObjectsJS();
    // BIGINT columns (precision, scale) as numbers, so rows print and compare like Postgres's
    return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}
