// `npm run bench -- snapshot [--sizes 250000,1000000] [--profile]`: the native engine's initial
// snapshot, Postgres to Kafka (Connect JSON with schemas, acks=all), on a fresh native stack:
//   - rows/s of the snapshot of an N-row table, against `COPY (SELECT …) TO STDOUT` of the same
//     table in the same run (the limit: the server's fastest way to hand the rows to a client);
//   - the engine's peak RSS (VmHWM of its process) at each table size, to show it does not grow
//     with the table (the snapshot reads through a server-side cursor and Kafka backpressure).
// The engine runs as its CLI in a child process, one process per size, so its memory is its own.
// --profile runs the largest size once more under `node --cpu-prof` and prints where time goes
// (self time per function, top entries); that run's rate is not the figure reported.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { startNativeStack } from '../../harness/runtime/native/native-stack.ts';
import { machineLine } from './machine.ts';
import { peakRssMiB } from './process-memory.ts';
import { spawnEngine, untilSnapshotDone } from './engine-process.ts';
import { measureStages, type StageFigures } from './engine-stages.ts';

const DDL = `CREATE TABLE orders (
  id bigint PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL,
  total numeric(10,2) NOT NULL, note text, created_at timestamptz NOT NULL)`;
const FILL = `INSERT INTO orders SELECT g, g % 5000, (ARRAY['new','paid','shipped','returned'])[1 + g % 4],
  (g % 100000) / 100.0, CASE WHEN g % 7 = 0 THEN 'gift wrap' END, timestamptz '2026-01-01' + g * interval '1 second'
  FROM generate_series(1, $1::int) g`;

interface SizeResult {
  rows: number;
  copyRowsPerS: number;
  copyMiB: number;
  snapshotRowsPerS: number;
  snapshotS: number;
  rssMiB: number | undefined;
}

/** COPY (SELECT …) TO STDOUT on a plain client: rows/s and bytes the server sent. */
async function copyRate(db: pg.Client, rows: number): Promise<{ rowsPerS: number; bytes: number }> {
  let bytes = 0;
  const conn = (db as unknown as { connection: NodeJS.EventEmitter }).connection;
  const onData = (msg: { chunk: Buffer }): void => void (bytes += msg.chunk.length);
  conn.on('copyData', onData);
  const t0 = performance.now();
  await db.query('COPY (SELECT * FROM orders) TO STDOUT');
  const s = (performance.now() - t0) / 1000;
  conn.off('copyData', onData);
  return { rowsPerS: rows / s, bytes };
}

/** Top self-time entries of a V8 .cpuprofile, grouped by function and file. */
function profileSummary(file: string, top = 15): string[] {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    const url = n.callFrame.url.replace(/^.*\/node_modules\//, '').replace(/^.*\/work\/main\//, '');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const byPackage = new Map<string, number>();
  for (const [k, v] of self) {
    const m = /\s(\S+?)(\/|:)/.exec(k);
    const pkg = k.startsWith('(') ? k.split(' ')[0] : (m?.[1] ?? 'other');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + v);
  }
  const pct = (v: number): string => `${((v / total) * 100).toFixed(1).padStart(5)}%`;
  return [
    'self time by file/package:',
    ...[...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `  ${pct(v)} ${k}`),
    'self time by function:',
    ...[...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `  ${pct(v)} ${k}`),
  ];
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { sizes: { type: 'string', default: '250000,1000000' }, profile: { type: 'boolean', default: false } },
  });
  const sizes = values.sizes.split(',').map(Number);
  const log = (line: string): void => console.error(`[bench] ${line}`);
  const stack = await startNativeStack({ kafka: 'kraft', onProgress: log });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-snapshot-'));
  let engine: ChildProcess | null = null;
  const results: SizeResult[] = [];
  let profile: string[] = [];
  let ceiling: StageFigures | null = null;
  try {
    const { postgres, kafka: kafkaInfo } = stack.info;
    const kafka = new Kafka({ brokers: kafkaInfo.bootstrapServers, logLevel: logLevel.NOTHING });
    const kadmin = kafka.admin();
    await kadmin.connect();
    const admin = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
    await admin.connect();

    /** Runs the engine on database `dbname` until its snapshot is in Kafka; seconds from slot to done. */
    const snapshot = async (dbname: string, rows: number, cpuProf?: string): Promise<{ seconds: number; rss: number | undefined }> => {
      const connector = {
          name: dbname,
          config: {
            'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
            'database.hostname': postgres.host,
            'database.port': String(postgres.port),
            'database.user': postgres.user,
            'database.password': postgres.password,
            'database.dbname': dbname,
            'topic.prefix': dbname,
            'plugin.name': 'pgoutput',
            'slot.name': `${dbname}_slot`,
            'publication.name': `${dbname}_pub`,
          },
        };
      const nodeArgs = cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf] : [];
      const spawned = spawnEngine({ connector, dir, bootstrapServers: kafkaInfo.bootstrapServers, nodeArgs });
      engine = spawned.child;
      let started = 0;
      let lastLog = Date.now();
      await untilSnapshotDone(spawned, 3_600_000, (out) => {
        if (!started && out.includes('created slot')) started = performance.now();
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          const all = [...out.matchAll(/snapshot_rows=(\d+)/g)];
          log(`  ${dbname}: ${all.at(-1)?.[1] ?? 0} of ${rows} rows read`);
        }
      });
      const seconds = (performance.now() - started) / 1000;
      const rss = peakRssMiB(engine.pid);
      const topic = `${dbname}.public.orders`;
      const inKafka = (await kadmin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
      if (inKafka !== rows) throw new Error(`${topic} holds ${inKafka} records, expected ${rows}`);
      const e = engine;
      e.kill('SIGTERM');
      await new Promise((r) => e.once('exit', r));
      engine = null;
      return { seconds, rss };
    };

    for (const rows of sizes) {
      const dbname = `snap_${rows}`;
      log(`${rows} rows: filling ${dbname}`);
      await admin.query(`CREATE DATABASE ${dbname}`);
      const db = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: dbname });
      await db.connect();
      await db.query(DDL);
      await db.query(FILL, [rows]);
      await db.query('VACUUM ANALYZE orders');
      // warm the cache once, then measure COPY
      await copyRate(db, rows);
      const copy = await copyRate(db, rows);
      log(`${rows} rows: COPY ${Math.round(copy.rowsPerS)} rows/s; snapshot…`);
      const snap = await snapshot(dbname, rows);
      results.push({
        rows,
        copyRowsPerS: copy.rowsPerS,
        copyMiB: copy.bytes / 2 ** 20,
        snapshotRowsPerS: rows / snap.seconds,
        snapshotS: snap.seconds,
        rssMiB: snap.rss,
      });
      log(`${rows} rows: snapshot ${Math.round(rows / snap.seconds)} rows/s, peak RSS ${snap.rss} MiB`);
      await db.end();
    }
    // The broker's own ceiling in the same run: Kafka's Java producer sending engine events of the
    // same shape (schemas on, gzip 1, acks=all). No snapshot can beat what the broker takes.
    ceiling = await measureStages(kafkaInfo.bootstrapServers, 200_000, dir, log);
    if (values.profile) {
      const rows = Math.max(...sizes);
      const dbname = `snap_${rows}`;
      const profDir = path.join(dir, 'prof');
      log(`profiling the ${rows}-row snapshot`);
      await kadmin.deleteTopics({ topics: [`${dbname}.public.orders`] }).catch(() => undefined);
      await admin.query(`SELECT pg_drop_replication_slot('${dbname}_slot')`).catch(() => undefined);
      // a fresh connector name, so the stored offset of the measured run does not skip the snapshot
      const copyDb = `${dbname}_p`;
      await admin.query(`CREATE DATABASE ${copyDb} TEMPLATE ${dbname}`);
      await snapshot(copyDb, rows, profDir);
      const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (file) profile = profileSummary(path.join(profDir, file));
    }
    await admin.end();
    await kadmin.disconnect();
  } finally {
    const e = engine as ChildProcess | null;
    if (e && e.exitCode === null) e.kill('SIGKILL');
    await stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log(`snapshot benchmark — ${machineLine()}`);
  console.log('one table (bigint key, int, text, numeric(10,2), nullable text, timestamptz); Connect JSON with schemas; 1 partition; acks=all');
  console.log('| rows | COPY TO STDOUT rows/s | engine snapshot rows/s | snapshot / COPY | snapshot s | engine peak RSS MiB |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.rows} | ${Math.round(r.copyRowsPerS)} (${r.copyMiB.toFixed(0)} MiB) | ${Math.round(r.snapshotRowsPerS)} | ` +
        `${((r.snapshotRowsPerS / r.copyRowsPerS) * 100).toFixed(1)}% (target ≥ 30%) | ${r.snapshotS.toFixed(1)} | ${r.rssMiB ?? '?'} |`,
    );
  }
  if (results.length > 1) {
    const [a, b] = [results[0], results.at(-1)!];
    console.log(`peak RSS at ${b.rows} rows / at ${a.rows} rows: ${((b.rssMiB ?? NaN) / (a.rssMiB ?? NaN)).toFixed(2)} (1.00 = no growth with table size)`);
  }
  if (ceiling?.javaRate) {
    const copy = results.at(-1)!.copyRowsPerS;
    console.log(
      `ceiling: Kafka's Java producer, ${ceiling.recordBytes} B engine records (gzip 1, acks=all, idempotent): ` +
        `${Math.round(ceiling.javaRate)} records/s = ${((ceiling.javaRate / copy) * 100).toFixed(1)}% of COPY; ` +
        `the engine's writer alone: ${Math.round(ceiling.writerRate)} records/s = ${((ceiling.writerRate / copy) * 100).toFixed(1)}% of COPY`,
    );
  }
  if (profile.length) console.log(profile.join('\n'));
}
