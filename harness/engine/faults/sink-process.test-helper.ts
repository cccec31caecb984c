// A sink (S3 or Postgres) as a child process of a fault test, so the test can SIGKILL it at the seam
// between a write to the target and the Kafka offset commit that follows it:
//   node harness/engine/faults/sink-process.test-helper.ts --kind s3|postgres --config sink.json --bootstrap-servers host:port
// SINK_FAULT=<when>:<n> stops the n-th write of this process (S3: a PutObject; Postgres: a COMMIT of
// the target transaction) and holds it forever, printing `FAULT <when> <n> <what>` (every write done
// prints `WROTE <what>`, an object's key and the MD5 of its bytes for S3):
//   after  — the write is done (the object is in the bucket, the transaction committed), its offset
//            commit is not: the crash the sinks' exactly-once / upsert claims are about;
//   before — the write is not done (the request is never sent): a sink that committed offsets before
//            writing would lose these records.
// The test then kills the process. The sink code runs unchanged; only the client call is wrapped.
// The consumer's session timeout is shortened to the broker's minimum (6 s, kafkajs defaults to
// 30 s), so that the restarted sink's group does not wait half a minute for the killed member.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { Kafka } from 'kafkajs';
import pg from 'pg';
import { startS3Sink } from '../sinks/s3/index.ts';
import { startPostgresSink } from '../sinks/postgres/sink.ts';

const { values } = parseArgs({ options: { kind: { type: 'string' }, config: { type: 'string' }, 'bootstrap-servers': { type: 'string' } } });
const config = JSON.parse(readFileSync(values.config!, 'utf8')) as Record<string, unknown>;
const bootstrapServers = values['bootstrap-servers']!.split(',');
const [when, at] = (process.env.SINK_FAULT ?? '').split(':');
const faultAt = Number(at ?? 0);
let writes = 0;
const never = new Promise<never>(() => undefined);

/** Runs `write` unless this is the faulty write; returns what it returns, or never resolves. */
async function guarded<T>(what: string, write: () => Promise<T>): Promise<T> {
  const n = ++writes;
  if (n === faultAt && when === 'before') {
    console.log(`FAULT before ${n} ${what}`);
    return never;
  }
  const result = await write();
  console.log(`WROTE ${what}`);
  if (n !== faultAt) return result;
  console.log(`FAULT after ${n} ${what}`);
  return never;
}

const consumer = Kafka.prototype.consumer;
Kafka.prototype.consumer = function (this: Kafka, cfg: Parameters<Kafka['consumer']>[0]) {
  return consumer.call(this, { ...cfg, sessionTimeout: 6_000, heartbeatInterval: 500 });
};

const log = (level: string, msg: string): void => {
  if (level !== 'debug') console.error(`${new Date().toISOString()} ${level.toUpperCase()} ${msg}`);
};

if (values.kind === 's3') {
  const send = S3Client.prototype.send as (this: S3Client, command: unknown, ...rest: unknown[]) => Promise<unknown>;
  (S3Client.prototype as { send: unknown }).send = function (this: S3Client, command: unknown, ...rest: unknown[]) {
    if (!(command instanceof PutObjectCommand)) return send.call(this, command, ...rest);
    const md5 = createHash('md5').update(command.input.Body as string | Uint8Array).digest('hex');
    return guarded(`put ${command.input.Key} md5 ${md5}`, () => send.call(this, command, ...rest));
  };
  await startS3Sink({ config, bootstrapServers, logger: log });
} else if (values.kind === 'postgres') {
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => Promise<unknown>;
  (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    if (args[0] !== 'COMMIT') return query.apply(this, args);
    return guarded('commit', () => query.apply(this, args));
  };
  await startPostgresSink({ config, bootstrapServers, logger: log });
} else {
  throw new Error('--kind s3|postgres');
}
console.log('SINK STARTED');
