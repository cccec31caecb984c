// `npm run bench -- sink [--changes 200000] [--jdbc]`: the native Postgres sink in upsert mode, on a
// fresh native stack:
//   - rows/s applied to the target for N Debezium change events (N/2 inserts, then an update of
//     each of those rows: every event is an upsert on its key), from the sink's start until the
//     last update is visible in the target;
//   - against a plain `COPY … FROM '<file>'` of N rows into a table of the same shape, in the same
//     run (the limit: PostgreSQL's fastest way in, the server reading the file itself);
//   - with --jdbc, the real Debezium JDBC sink on Kafka Connect over the same topic, same settings
//     (Connect starts first; its startup is not timed).
// Figures are reported as ratios measured side by side in this run, with the machine named.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { versions } from '../../harness/versions.ts';
import { startPostgresSink } from '../../harness/engine/index.ts';
import { startNativeStack } from '../../harness/runtime/native/native-stack.ts';
import { machineLine } from './machine.ts';

const TOPIC = 'bench.public.orders';

const row = {
  type: 'struct', optional: true, name: 'bench.public.orders.Value',
  fields: [
    { field: 'id', type: 'int64', optional: false },
    { field: 'customer_id', type: 'int32', optional: false },
    { field: 'status', type: 'string', optional: false },
    { field: 'total', type: 'string', optional: false },
    { field: 'note', type: 'string', optional: true },
    { field: 'version', type: 'int32', optional: false },
  ],
};
const keySchema = { type: 'struct', optional: false, name: 'bench.public.orders.Key', fields: [{ field: 'id', type: 'int64', optional: false }] };
const envelopeSchema = {
  type: 'struct', optional: false, name: 'bench.public.orders.Envelope',
  fields: [{ ...row, field: 'before' }, { ...row, field: 'after' }, { type: 'string', optional: false, field: 'op' }],
};
const keyText = (id: number) => JSON.stringify({ schema: keySchema, payload: { id } });
function valueText(id: number, version: number): string {
  const after = { id, customer_id: id % 5000, status: version === 1 ? 'new' : 'paid', total: `${(id % 100000) / 100}`, note: id % 7 === 0 ? 'gift wrap' : null, version };
  return JSON.stringify({ schema: envelopeSchema, payload: { before: null, after, op: version === 1 ? 'c' : 'u' } });
}

async function produce(brokers: string[], changes: number, log: (s: string) => void): Promise<void> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const rows = changes / 2;
  const batch = 500; // ~1 KiB a record: requests stay under the broker's 1 MiB message.max.bytes
  for (let version = 1; version <= 2; version++) {
    for (let from = 1; from <= rows; from += batch) {
      const messages = [];
      for (let id = from; id < Math.min(from + batch, rows + 1); id++) messages.push({ key: keyText(id), value: valueText(id, version) });
      await producer.send({ topic: TOPIC, acks: -1, compression: CompressionTypes.GZIP, messages });
    }
    log(`  produced ${version === 1 ? 'inserts' : 'updates'} of ${rows} rows`);
  }
  await producer.disconnect();
}

/** Polls until every row has its update (version 2); returns the seconds from `t0`. */
async function waitApplied(db: pg.Client, table: string, rows: number, t0: number, log: (s: string) => void): Promise<number> {
  let last = 0;
  for (;;) {
    const r = await db.query(`SELECT count(*) FILTER (WHERE version = 2)::int AS done, count(*)::int AS n FROM ${table}`).catch(() => ({ rows: [{ done: 0, n: 0 }] }));
    const { done, n } = r.rows[0] as { done: number; n: number };
    if (done === rows) return (performance.now() - t0) / 1000;
    if (performance.now() - last > 5000) {
      log(`    ${n} rows, ${done} updated, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      last = performance.now();
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * COPY of the same number of rows into a table of the same shape, from a file the server reads
 * itself (no client round trips: the upper limit for getting rows into that table). Only the COPY
 * is timed.
 */
async function copyRate(db: pg.Client, changes: number): Promise<number> {
  await db.query('CREATE TABLE copy_target (LIKE orders INCLUDING ALL)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sink-'));
  fs.chmodSync(dir, 0o755); // the server runs as the postgres user
  const file = path.join(dir, 'rows.tsv');
  const lines: string[] = [];
  for (let id = 1; id <= changes; id++) lines.push(`${id}\t${id % 5000}\tpaid\t${(id % 100000) / 100}\t${id % 7 === 0 ? 'gift wrap' : '\\N'}\t2`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o644 });
  try {
    const t0 = performance.now();
    await db.query(`COPY copy_target (id, customer_id, status, total, note, version) FROM '${file}'`);
    return changes / ((performance.now() - t0) / 1000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { changes: { type: 'string', default: '200000' }, jdbc: { type: 'boolean', default: false } } });
  const changes = Number(values.changes);
  if (!Number.isInteger(changes) || changes < 2 || changes % 2 !== 0) throw new Error(`--changes must be an even number ≥ 2, got ${values.changes}`);
  const log = (s: string) => console.log(s);
  log(`sink benchmark: ${changes} change events (${changes / 2} inserts, then an update of each), upsert on the record key`);
  log(machineLine());
  const stack = await startNativeStack({ kafka: 'kraft', with: values.jdbc ? ['connect'] : [], onProgress: log });
  const admin = new pg.Client({ connectionString: stack.info.postgres.url });
  await admin.connect();
  const dbUrl = (name: string) => Object.assign(new URL(stack.info.postgres.url), { pathname: `/${name}` }).toString();
  const sinkConfig = (name: string, db: string, host = stack.info.postgres.host, port = stack.info.postgres.port) => ({
    name,
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
    topics: TOPIC,
    'connection.url': `jdbc:postgresql://${host}:${port}/${db}`,
    'connection.username': stack.info.postgres.user,
    'connection.password': stack.info.postgres.password,
    'insert.mode': 'upsert',
    'primary.key.mode': 'record_key',
    'schema.evolution': 'basic',
    'collection.name.format': 'orders',
  });
  try {
    log('producing the change events …');
    await produce(stack.info.kafka.bootstrapServers, changes, log);
    const results: Array<{ what: string; rowsPerS: number }> = [];

    await admin.query('CREATE DATABASE bench_native');
    const nativeDb = new pg.Client({ connectionString: dbUrl('bench_native') });
    await nativeDb.connect();
    log('native sink …');
    const t0 = performance.now();
    const sink = await startPostgresSink({ config: sinkConfig('bench-native', 'bench_native'), bootstrapServers: stack.info.kafka.bootstrapServers });
    const nativeS = await waitApplied(nativeDb, 'orders', changes / 2, t0, log);
    await sink.stop();
    results.push({ what: 'native sink (upsert)', rowsPerS: changes / nativeS });
    log(`  ${changes} changes applied in ${nativeS.toFixed(1)} s`);

    if (values.jdbc) {
      const connect = stack.info.connect!;
      await admin.query('CREATE DATABASE bench_jdbc');
      const jdbcDb = new pg.Client({ connectionString: dbUrl('bench_jdbc') });
      await jdbcDb.connect();
      log(`Debezium JDBC sink ${versions.debezium.jdbcSinkVersion} on Kafka Connect …`);
      const t1 = performance.now();
      const created = await fetch(`${connect.url}/connectors`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'bench-jdbc', config: sinkConfig('bench-jdbc', 'bench_jdbc', connect.postgresHost, connect.postgresPort) }),
      });
      if (created.status !== 201) throw new Error(`Kafka Connect refused the JDBC sink: HTTP ${created.status} ${await created.text()}`);
      const jdbcS = await waitApplied(jdbcDb, 'orders', changes / 2, t1, log);
      await fetch(`${connect.url}/connectors/bench-jdbc`, { method: 'DELETE' });
      await jdbcDb.end();
      results.push({ what: 'Debezium JDBC sink (upsert)', rowsPerS: changes / jdbcS });
      log(`  ${changes} changes applied in ${jdbcS.toFixed(1)} s`);
    }

    log('COPY into a table of the same shape …');
    const copy = await copyRate(nativeDb, changes);
    await nativeDb.end();
    results.push({ what: 'COPY FROM file (the limit)', rowsPerS: copy });

    log('');
    log('| what | rows/s | ÷ COPY |');
    log('|---|---:|---:|');
    for (const r of results) log(`| ${r.what} | ${Math.round(r.rowsPerS)} | ${(r.rowsPerS / copy).toFixed(3)} |`);
    if (values.jdbc) log(`native ÷ JDBC sink: ${(results[0].rowsPerS / results[1].rowsPerS).toFixed(2)}`);
    log(`(${machineLine()}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  } finally {
    await admin.end().catch(() => undefined);
    await stack.stop();
  }
}
