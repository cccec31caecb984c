// `npm run bench -- engine [--rows N] [--rate TPS] [--seconds S]`: the native CDC engine, Postgres to
// Kafka with schemas on, in one run on a fresh native stack:
//   (a) throughput for N rows written as one bulk transaction,
//   (b) throughput for N rows written as single-row transactions,
//   the raw pgoutput decode rate of pg-logical-replication on the same bulk data, as the limit,
//   (c) p50/p99 commit-to-Kafka latency at a steady TPS (topic with LogAppendTime: broker append time
//       minus source.ts_ms, the commit time),
//   (s) snapshot rows/s for N rows already in a table when the engine starts (start → last record),
//   and the engine's peak RSS. Streaming (a) and snapshot (s) are also given as shares of the
//   broker's ceiling: Kafka's Java producer with the same records in the same run (engine-stages.ts),
//   so that a loaded machine changes both sides alike. The engine runs as its CLI in a child process, so the load generator
//   and the measuring consumer share neither its event loop nor its memory.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { LogicalReplicationService, PgoutputPlugin } from 'pg-logical-replication';
import { startNativeStack } from '../../harness/runtime/native/native-stack.ts';
import { spawnEngine, untilSnapshotDone } from './engine-process.ts';
import { measureStages, type StageFigures } from './engine-stages.ts';
import { commitToKafkaLatencies, percentile } from './latency.ts';
import { machineLine } from './machine.ts';
import { peakRssMiB } from './process-memory.ts';

const TABLE_DDL = (t: string): string =>
  `CREATE TABLE ${t} (id int PRIMARY KEY, name text NOT NULL, qty int, price numeric(10,2), ts timestamptz NOT NULL DEFAULT now())`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '500000' },
      rate: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '20' },
      // snapshot,bulk,single,steady,stages (the raw decode runs with bulk); fewer phases for profiling runs
      phases: { type: 'string', default: 'snapshot,bulk,single,steady,stages' },
      // write a V8 CPU profile of the engine process into this directory (node --cpu-prof)
      'cpu-prof': { type: 'string' },
    },
  });
  const rows = Number(values.rows);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const loadAtStart = os.loadavg();
  const phases = new Set(values.phases.split(',').map((p) => p.trim()));
  const log = (line: string): void => console.error(`[bench] ${line}`);

  // The native stack runs its JVMs on the C1 compiler only, to start fast for tests
  // (harness/runtime/native/jvm.ts). In this benchmark the broker is the bottleneck (see the Java
  // producer stage), and a C1-only broker took ~1.3-1.5x fewer records from either client, so it gets
  // C2 here, as a production broker has, unless CDC_LABS_JVM_OPTS says otherwise.
  process.env.CDC_LABS_JVM_OPTS ??= '-XX:+UseSerialGC -Xss512k';
  const stack = await startNativeStack({ kafka: 'kraft', onProgress: log });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-engine-'));
  let engine: ChildProcess | null = null;
  try {
    const { postgres, kafka: kafkaInfo } = stack.info;
    const admin = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const dbConfig = { host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: 'bench' };
    const db = new pg.Client(dbConfig);
    await db.connect();
    for (const t of ['snap', 'bulk', 'single', 'steady']) await db.query(TABLE_DDL(t));
    await db.query('CREATE PUBLICATION bench_pub FOR TABLE snap, bulk, single, steady');
    if (phases.has('snapshot')) {
      log(`snapshot: ${rows} rows in the table before the engine starts`);
      await db.query(`INSERT INTO snap (id, name, qty, price) SELECT g, 'name ' || g, g % 100, g * 1.25 FROM generate_series(1, $1::int) g`, [rows]);
      await db.query('VACUUM ANALYZE snap');
    }
    await db.query(`SELECT pg_create_logical_replication_slot('raw_decode', 'pgoutput')`);

    const kafka = new Kafka({ brokers: kafkaInfo.bootstrapServers, logLevel: logLevel.NOTHING });
    const kadmin = kafka.admin();
    await kadmin.connect();
    // Broker append time on the latency topic, so a record's timestamp says when Kafka had it.
    await kadmin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: 'bench.public.steady', numPartitions: 1, configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] }],
    });
    const inKafka = async (topic: string): Promise<number> => {
      const topics = await kadmin.listTopics();
      if (!topics.includes(topic)) return 0;
      return (await kadmin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
    };
    const waitInKafka = async (topic: string, n: number): Promise<number> => {
      for (;;) {
        if ((await inKafka(topic)) >= n) return performance.now();
        if (engine?.exitCode !== null && engine?.exitCode !== undefined) throw new Error('the engine exited');
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const connector = {
        name: 'bench',
        config: {
          'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
          'database.hostname': postgres.host,
          'database.port': String(postgres.port),
          'database.user': postgres.user,
          'database.password': postgres.password,
          'database.dbname': 'bench',
          'topic.prefix': 'bench',
          'plugin.name': 'pgoutput',
          'slot.name': 'bench_engine',
          'publication.name': 'bench_pub',
          'publication.autocreate.mode': 'disabled',
        },
      };
    const profArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof'])}`] : [];
    const snapStart = performance.now();
    const spawned = spawnEngine({ connector, dir, bootstrapServers: kafkaInfo.bootstrapServers, nodeArgs: profArgs });
    engine = spawned.child;
    await untilSnapshotDone(spawned, 600_000);
    // (s) the snapshot, engine start included, as the engines benchmark counts it
    const snapshotRate = phases.has('snapshot') ? rows / (((await waitInKafka('bench.public.snap', rows)) - snapStart) / 1000) : NaN;

    // (a) one bulk transaction
    let bulkRate = NaN;
    let decodeRate = NaN;
    if (phases.has('bulk')) {
      log(`bulk: ${rows} rows in one transaction`);
      await db.query(`INSERT INTO bulk (id, name, qty, price) SELECT g, 'name ' || g, g % 100, g * 1.25 FROM generate_series(1, $1::int) g`, [rows]);
      const bulkStart = performance.now();
      const bulkEnd = await waitInKafka('bench.public.bulk', rows);
      bulkRate = rows / ((bulkEnd - bulkStart) / 1000);

      // raw decode of the same transaction, on its own slot, with the library's parser
      log('raw decode');
      const svc = new LogicalReplicationService(dbConfig, { acknowledge: { auto: false, timeoutSeconds: 0 } });
      let decoded = 0;
      let decodeStart = 0;
      const decodedAll = new Promise<number>((resolve) =>
        svc.on('data', (_lsn: string, msg: { tag: string }) => {
          if (msg.tag === 'begin' && decodeStart === 0) decodeStart = performance.now();
          if (msg.tag === 'insert' && ++decoded === rows) resolve(performance.now());
        }),
      );
      void svc.subscribe(new PgoutputPlugin({ protoVersion: 1, publicationNames: ['bench_pub'] }), 'raw_decode').catch(() => undefined);
      const decodeEnd = await decodedAll;
      await svc.destroy();
      decodeRate = rows / ((decodeEnd - decodeStart) / 1000);
    }

    // (b) single-row transactions, committed in a server-side loop
    let singleRate = NaN;
    let singleWriteS = NaN;
    if (phases.has('single')) {
      log(`single: ${rows} single-row transactions`);
      await db.query(`CREATE PROCEDURE fill_single(n int) LANGUAGE plpgsql AS $$
        BEGIN FOR i IN 1..n LOOP INSERT INTO single (id, name, qty, price) VALUES (i, 'name ' || i, i % 100, i * 1.25); COMMIT; END LOOP; END $$`);
      const singleStart = performance.now();
      await db.query('CALL fill_single($1)', [rows]);
      singleWriteS = (performance.now() - singleStart) / 1000;
      const singleEnd = await waitInKafka('bench.public.single', rows);
      singleRate = rows / ((singleEnd - singleStart) / 1000);
    }

    // (c) latency at a steady rate
    let achieved = NaN;
    let latencies: number[] = [];
    if (phases.has('steady')) {
      log(`steady: ${rate} tx/s for ${seconds} s`);
      const pool = new pg.Pool({ ...dbConfig, max: 8 });
      const total = rate * seconds;
      const tickMs = 10;
      const perTick = (rate * tickMs) / 1000;
      let sent = 0;
      const steadyStart = performance.now();
      const inflight: Promise<unknown>[] = [];
      while (sent < total) {
        const due = Math.min(total, Math.floor(((performance.now() - steadyStart) / tickMs) * perTick));
        while (sent < due) {
          const i = ++sent;
          inflight.push(pool.query('INSERT INTO steady (id, name, qty, price) VALUES ($1, $2, $3, $4)', [i, `name ${i}`, i % 100, i * 1.25]));
        }
        await new Promise((r) => setTimeout(r, tickMs));
      }
      await Promise.all(inflight);
      achieved = total / ((performance.now() - steadyStart) / 1000);
      await waitInKafka('bench.public.steady', total);
      await pool.end();
      latencies = await commitToKafkaLatencies(kafka, 'bench.public.steady', 'bench-latency', total);
    }
    const pct = (p: number): number => (latencies.length ? percentile(latencies, p) : NaN);

    const rss = peakRssMiB(engine.pid);
    engine.kill('SIGTERM');
    await new Promise((r) => engine!.once('exit', r));
    engine = null;
    // per-stage figures, with the engine stopped so that it does not compete
    let stages: StageFigures | null = null;
    if (phases.has('stages')) stages = await measureStages(kafkaInfo.bootstrapServers, Math.min(rows, 200_000), dir, log);
    await kadmin.disconnect();
    await db.end();

    const pctOf = (x: number): string => `${((x / decodeRate) * 100).toFixed(0)}% of raw decode`;
    const ceiling = stages?.javaRate ?? null;
    const ofCeiling = (x: number): string => (ceiling && Number.isFinite(x) ? `${((x / ceiling) * 100).toFixed(0)}%` : '?');
    console.log(`engine benchmark — ${machineLine()}`);
    console.log(`rows per phase: ${rows}; Connect JSON with schemas; topics with 1 partition; acks=all; broker JVM options: ${process.env.CDC_LABS_JVM_OPTS}`);
    console.log(`raw pgoutput decode (pg-logical-replication): ${Math.round(decodeRate)} rows/s`);
    console.log(`(s) snapshot, engine start → last record: ${Math.round(snapshotRate)} rows/s`);
    console.log(`(a) bulk transaction:        ${Math.round(bulkRate)} rows/s (${pctOf(bulkRate)}; target ≥ 50%)`);
    console.log(
      `(b) single-row transactions: ${Math.round(singleRate)} rows/s (${pctOf(singleRate)}; writer needed ${singleWriteS.toFixed(1)} s)`,
    );
    console.log(`(c) steady ${rate} tx/s (achieved ${Math.round(achieved)}): commit→Kafka p50 ${pct(50)} ms, p99 ${pct(99)} ms (target p99 < 20 ms)`);
    console.log(`engine peak RSS: ${rss ?? '?'} MiB (target < 150 MiB)`);
    if (stages) {
      console.log(`stages, each alone, ${Math.min(rows, 200_000)} bulk-table records of ${stages.recordBytes} B (value, schema included):`);
      console.log(`  event building (EventBuilder + Connect JSON): ${Math.round(stages.buildPerCpuSecond)} events per CPU-second (${pctOf(stages.buildPerCpuSecond)})`);
      console.log(
        `  the engine's writer alone (@platformatic/kafka, gzip 1, acks=all, idempotent, ≤ 5 batches in flight): ${Math.round(stages.writerRate)} records/s (${pctOf(stages.writerRate)}; ${ofCeiling(stages.writerRate)} of the ceiling)`,
      );
      console.log(`  the writer alone by compression: ${Object.entries(stages.writerRates).map(([c, r]) => `${c} ${Math.round(r)} records/s (${ofCeiling(r)})`).join(', ')}`);
      console.log(
        `  kafkajs' idempotent producer, 1 request in flight (the writer before issue #20): ${Math.round(stages.kafkajsRate)} records/s (${ofCeiling(stages.kafkajsRate)} of the ceiling)`,
      );
      console.log(
        `  Kafka's Java producer, same records (gzip 1, acks=all, idempotent): ${stages.javaRate === null ? `? (${stages.javaLine})` : `${Math.round(stages.javaRate)} records/s (${pctOf(stages.javaRate)})`}`,
      );
    }
    console.log(
      `broker's ceiling: Kafka's Java producer, ${stages ? `${stages.recordBytes} B records of the bulk table` : 'not measured (phase stages)'}: ${ceiling === null ? '?' : `${Math.round(ceiling)} records/s`}`,
    );
    console.log(`streaming: ${ofCeiling(bulkRate)} of the broker's ceiling (Kafka's Java producer, same records, same run)`);
    console.log(`snapshot: ${ofCeiling(snapshotRate)} of the broker's ceiling (Kafka's Java producer, same records, same run)`);
    console.log(`load average (1/5/15 min) at the start: ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}; at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    if (engine && engine.exitCode === null) engine.kill('SIGKILL');
    await stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
