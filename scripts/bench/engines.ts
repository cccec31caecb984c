// `npm run bench -- engines [--snapshot-rows N] [--rows N] [--rate TPS] [--seconds S]`: real Debezium
// 3.2.7 on Kafka Connect 3.9.1 and our engine, one after the other on the same fresh native stack
// (one PostgreSQL, one Kafka), each with its own tables, slot, publication and topic prefix, with the
// same connector JSON (Debezium's defaults: JsonConverter with schemas, max.batch.size 2048,
// poll.interval.ms 500). For each engine:
//   startup: connector start (our CLI spawned; Debezium POSTed to the running worker) → first
//            snapshot record in Kafka (topics made beforehand); the Connect worker's own boot time
//            is printed beside it;
//   snapshot: rows/s from connector start to the last snapshot record in Kafka (startup included);
//   streaming: rows/s for N rows inserted in one transaction, from its commit to the last record in Kafka;
//   latency: p50/p99 commit→Kafka at a steady rate (topic with LogAppendTime: broker append time
//            minus source.ts_ms, the commit time), single-row transactions;
//   peak RSS: VmHWM of our engine's process and of the Connect worker's JVM (the worker hosts only
//            this connector; its figure includes the Connect runtime, which Debezium needs).
// The engines never run at the same time, so neither competes with the other for the CPU.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import pg from 'pg';
import { startNativeStack } from '../../harness/runtime/native/native-stack.ts';
import { commitToKafkaLatencies, percentile } from './latency.ts';
import { measureStages } from './engine-stages.ts';
import { spawnEngine } from './engine-process.ts';
import { machineLine } from './machine.ts';
import { peakRssMiB } from './process-memory.ts';

type EngineName = 'debezium' | 'ours';

interface Figures {
  startupMs: number;
  snapshotRate: number;
  streamRate: number;
  achievedTps: number;
  p50: number;
  p99: number;
  rssMiB: number | undefined;
}

const TABLE_DDL = (t: string): string =>
  `CREATE TABLE ${t} (id int PRIMARY KEY, name text NOT NULL, qty int, price numeric(10,2), ts timestamptz NOT NULL DEFAULT now())`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function inKafka(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
  return offsets.reduce((n, p) => n + Number(p.high), 0);
}

async function waitInKafka(admin: Admin, topic: string, n: number, alive: () => void, timeoutMs = 600_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if ((await inKafka(admin, topic)) >= n) return performance.now();
    alive();
    if (Date.now() > end) throw new Error(`${topic}: fewer than ${n} records after ${timeoutMs / 1000} s`);
    await sleep(20);
  }
}


export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'snapshot-rows': { type: 'string', default: '100000' },
      rows: { type: 'string', default: '100000' },
      rate: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '15' },
      // writes the figures to docs/benchmarks/engines.json, which the "Engines side by side" page shows
      record: { type: 'boolean', default: false },
    },
  });
  const snapshotRows = Number(values['snapshot-rows']);
  const rows = Number(values.rows);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const log = (line: string): void => console.error(`[bench] ${line}`);

  // the quieter the machine, the truer both engines' figures: printed and recorded beside them
  const loadAtStart = os.loadavg();
  let connectBootMs = 0;
  const stack = await startNativeStack({
    kafka: 'kraft',
    with: ['connect'],
    onProgress: (line) => {
      const m = /^connect ready in ([\d.]+) s/.exec(line);
      if (m) connectBootMs = Number(m[1]) * 1000;
      log(line);
    },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-engines-'));
  let child: ChildProcess | null = null;
  let stackStopped = false;
  try {
    const { postgres, kafka: kafkaInfo, connect } = stack.info;
    if (!connect) throw new Error('the stack has no Kafka Connect');
    const connectPid = stack.processMap.get('connect')?.pid;
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const dbConfig = { host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: 'bench' };
    const db = new pg.Client(dbConfig);
    await db.connect();
    const kafka = new Kafka({ brokers: kafkaInfo.bootstrapServers, logLevel: logLevel.NOTHING });
    const kadmin = kafka.admin();
    await kadmin.connect();

    const results = {} as Record<EngineName, Figures>;
    for (const engine of ['debezium', 'ours'] as const) {
      const p = engine === 'debezium' ? 'dbz' : 'ours';
      const t = { snap: `${p}_snap`, bulk: `${p}_bulk`, steady: `${p}_steady` };
      const topic = (table: string): string => `${p}.public.${table}`;
      for (const table of Object.values(t)) await db.query(TABLE_DDL(table));
      await db.query(`INSERT INTO ${t.snap} (id, name, qty, price) SELECT g, 'name ' || g, g % 100, g * 1.25 FROM generate_series(1, $1::int) g`, [snapshotRows]);
      await db.query(`CREATE PUBLICATION ${p}_pub FOR TABLE ${Object.values(t).join(', ')}`);
      await db.query('VACUUM ANALYZE');
      // every topic made beforehand (one partition each), so the admin client counting records knows
      // them from the start (a topic created later stays unknown to it for seconds)
      await kadmin.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: topic(t.snap), numPartitions: 1 },
          { topic: topic(t.bulk), numPartitions: 1 },
          { topic: topic(t.steady), numPartitions: 1, configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] },
        ],
      });
      for (const table of Object.values(t)) await kadmin.fetchTopicOffsets(topic(table));
      const config = {
        'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
        'database.hostname': engine === 'debezium' ? connect.postgresHost : postgres.host,
        'database.port': String(engine === 'debezium' ? connect.postgresPort : postgres.port),
        'database.user': postgres.user,
        'database.password': postgres.password,
        'database.dbname': 'bench',
        'topic.prefix': p,
        'plugin.name': 'pgoutput',
        'slot.name': `bench_${p}`,
        'publication.name': `${p}_pub`,
        'publication.autocreate.mode': 'disabled',
        // without it either engine snapshots every table of the database, the other engine's too
        'table.include.list': `public\\.${p}_.*`,
      };

      // startup and snapshot
      log(`${engine}: start, snapshot of ${snapshotRows} rows`);
      let output = (): string => '';
      const alive = (): void => {
        if (child && child.exitCode !== null) throw new Error(`our engine exited:\n${output().slice(-2000)}`);
      };
      const started = performance.now();
      if (engine === 'debezium') {
        const response = await fetch(`${connect.url}/connectors`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: p, config }) });
        if (response.status !== 201) throw new Error(`Kafka Connect refused the connector: ${response.status} ${await response.text()}`);
      } else {
        const spawned = spawnEngine({ connector: { name: p, config }, dir, bootstrapServers: kafkaInfo.bootstrapServers });
        child = spawned.child;
        output = spawned.output;
      }
      const firstRecord = await waitInKafka(kadmin, topic(t.snap), 1, alive, 180_000);
      if (process.env.BENCH_DEBUG) log(`started ${new Date(Date.now() - (performance.now() - started)).toISOString()}, first record after ${(firstRecord - started).toFixed(0)} ms\n${output().split('\n').slice(0, 12).join('\n')}`);
      const snapshotDone = await waitInKafka(kadmin, topic(t.snap), snapshotRows, alive);
      // streaming starts once the snapshot is over; give the engine a moment to switch
      await sleep(2000);

      // streaming throughput: one bulk transaction
      log(`${engine}: ${rows} rows in one transaction`);
      await db.query(`INSERT INTO ${t.bulk} (id, name, qty, price) SELECT g, 'name ' || g, g % 100, g * 1.25 FROM generate_series(1, $1::int) g`, [rows]);
      const committed = performance.now();
      const bulkEnd = await waitInKafka(kadmin, topic(t.bulk), rows, alive);

      // latency at a steady rate
      log(`${engine}: steady ${rate} tx/s for ${seconds} s`);
      const pool = new pg.Pool({ ...dbConfig, max: 8 });
      const total = rate * seconds;
      const tickMs = 10;
      let sent = 0;
      const steadyStart = performance.now();
      const inflight: Promise<unknown>[] = [];
      while (sent < total) {
        const due = Math.min(total, Math.floor(((performance.now() - steadyStart) / 1000) * rate));
        while (sent < due) {
          const i = ++sent;
          inflight.push(pool.query(`INSERT INTO ${t.steady} (id, name, qty, price) VALUES ($1, $2, $3, $4)`, [i, `name ${i}`, i % 100, i * 1.25]));
        }
        await sleep(tickMs);
      }
      await Promise.all(inflight);
      const achievedTps = total / ((performance.now() - steadyStart) / 1000);
      await pool.end();
      await waitInKafka(kadmin, topic(t.steady), total, alive);
      const latencies = await commitToKafkaLatencies(kafka, topic(t.steady), `bench-engines-${p}`, total);

      // peak memory, then stop
      const rssMiB = peakRssMiB(engine === 'debezium' ? connectPid : child?.pid);
      if (engine === 'debezium') {
        await fetch(`${connect.url}/connectors/${p}`, { method: 'DELETE' });
        // DELETE returns before the task has closed its connections; an open transaction of its
        // would hold up the next engine's CREATE_REPLICATION_SLOT (it waits for running transactions)
        for (let i = 0; i < 240; i++) {
          const { rows: busy } = await db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (datname = 'bench' OR backend_type = 'walsender')`,
          );
          if (busy[0].n === 0) break;
          await sleep(250);
        }
        await db.query('SELECT pg_drop_replication_slot($1)', [`bench_${p}`]);
      } else {
        child!.kill('SIGTERM');
        await new Promise((r) => child!.once('exit', r));
        child = null;
      }
      results[engine] = {
        startupMs: firstRecord - started,
        snapshotRate: snapshotRows / ((snapshotDone - started) / 1000),
        streamRate: rows / ((bulkEnd - committed) / 1000),
        achievedTps,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        rssMiB,
      };
      log(`${engine}: ${JSON.stringify(results[engine])}`);
    }
    // the broker's ceiling in the same run: Kafka's own Java producer with the engine's records of
    // the same bulk table (engine-stages.ts), both engines stopped
    const ceiling = await measureStages(kafkaInfo.bootstrapServers, Math.min(rows, 200_000), dir, log);
    await kadmin.disconnect();
    await db.end();
    // The end figure is read once the stack is down and 30 s have passed: the benchmark's own last
    // stage fades from the 1-minute average by then, while other work on the machine would not.
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await stack.stop();
    stackStopped = true;
    log('stack stopped; 30 s before the closing load average');
    await sleep(30_000);
    const loadAtEnd = os.loadavg();

    const d = results.debezium;
    const o = results.ours;
    const row = (label: string, a: string, b: string, ratio: string): string => `| ${label} | ${a} | ${b} | ${ratio} |`;
    const x = (ours: number, theirs: number): string => `${(ours / theirs).toFixed(2)}×`;
    console.log(`engines benchmark — ${machineLine()}`);
    console.log(`snapshot ${snapshotRows} rows; streaming ${rows} rows in one transaction; steady ${rate} tx/s for ${seconds} s; Debezium 3.2.7.Final on Kafka Connect 3.9.1 (worker booted in ${(connectBootMs / 1000).toFixed(1)} s, not counted in its startup); same connector JSON, defaults otherwise`);
    console.log('');
    console.log('| figure | Debezium | our engine | ours ÷ Debezium |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(row('startup → first record (ms, lower is better)', d.startupMs.toFixed(0), o.startupMs.toFixed(0), x(o.startupMs, d.startupMs)));
    console.log(row('snapshot, start → last record (rows/s)', d.snapshotRate.toFixed(0), o.snapshotRate.toFixed(0), x(o.snapshotRate, d.snapshotRate)));
    console.log(row('streaming, one transaction (rows/s)', d.streamRate.toFixed(0), o.streamRate.toFixed(0), x(o.streamRate, d.streamRate)));
    console.log(row(`commit→Kafka p50 at ${rate} tx/s (ms)`, String(d.p50), String(o.p50), x(o.p50, d.p50)));
    console.log(row(`commit→Kafka p99 at ${rate} tx/s (ms)`, String(d.p99), String(o.p99), x(o.p99, d.p99)));
    console.log(row('steady rate achieved (tx/s)', d.achievedTps.toFixed(0), o.achievedTps.toFixed(0), ''));
    console.log(row('peak RSS (MiB): Connect JVM / our process', String(d.rssMiB ?? '?'), String(o.rssMiB ?? '?'), d.rssMiB && o.rssMiB ? x(o.rssMiB, d.rssMiB) : ''));
    const share = (r: number): string => (ceiling.javaRate ? `${((r / ceiling.javaRate) * 100).toFixed(0)}%` : '?');
    console.log('');
    console.log(`broker's ceiling: Kafka's Java producer, ${ceiling.recordBytes} B records of the same table, same run: ${ceiling.javaRate === null ? '? (' + ceiling.javaLine + ')' : Math.round(ceiling.javaRate) + ' records/s'}`);
    console.log(`streaming: ${share(o.streamRate)} of the broker's ceiling (Kafka's Java producer, same records, same run)`);
    console.log(`snapshot: ${share(o.snapshotRate)} of the broker's ceiling (Kafka's Java producer, same records, same run)`);
    console.log(`Debezium: streaming ${share(d.streamRate)}, snapshot ${share(d.snapshotRate)} of the same ceiling`);
    const loads = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
    console.log(`load average (1/5/15 min): ${loads(loadAtStart)} at start, ${loads(loadAtEnd)} at end`);
    if (values.record) {
      const figure = (label: string, unit: string, better: 'higher' | 'lower', debezium: number | undefined, ours: number | undefined) => ({ label, unit, better, debezium, ours });
      const recorded = {
        machine: machineLine(),
        loadAverage: { start: loadAtStart.map((l) => Number(l.toFixed(2))), end: loadAtEnd.map((l) => Number(l.toFixed(2))) },
        ceiling: { javaRecordsPerSecond: ceiling.javaRate, recordBytes: ceiling.recordBytes },
        recordedAt: new Date().toISOString().slice(0, 10),
        workload: { snapshotRows, streamRows: rows, steadyRate: rate, steadySeconds: seconds, connectBootMs },
        figures: [
          figure('startup → first record', 'ms', 'lower', d.startupMs, o.startupMs),
          figure('snapshot', 'rows/s', 'higher', d.snapshotRate, o.snapshotRate),
          figure('streaming, one transaction', 'rows/s', 'higher', d.streamRate, o.streamRate),
          figure(`commit → Kafka p50 at ${rate} tx/s`, 'ms', 'lower', d.p50, o.p50),
          figure(`commit → Kafka p99 at ${rate} tx/s`, 'ms', 'lower', d.p99, o.p99),
          figure('peak RSS (Connect JVM / our process)', 'MiB', 'lower', d.rssMiB, o.rssMiB),
        ],
      };
      const out = path.join(process.cwd(), 'docs', 'benchmarks', 'engines.json');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, `${JSON.stringify(recorded, null, 2)}\n`);
      console.log(`\nrecorded in ${path.relative(process.cwd(), out)}`);
    }
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (!stackStopped) await stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
