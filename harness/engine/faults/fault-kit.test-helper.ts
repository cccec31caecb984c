// Shared pieces of the fault tests (issue #20): an own broker and an own PostgreSQL that a test may
// kill, pause and restart (never the shared stack the other integration tests use), the engine CLI
// as a child process, a writer of numbered sequences per key, a reader of every record of a topic,
// and the checks every fault test makes afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { postgresBinaries, postgresUserIds } from '../../runtime/native/initdb.ts';
import { ensureJars } from '../../runtime/native/jars.ts';
import { startJvm } from '../../runtime/native/jvm.ts';
import { startKraft } from '../../runtime/native/kafka.ts';
import { startPostgres, postgresSettings } from '../../runtime/native/postgres.ts';
import { kafkaReady, postgresReady } from '../../runtime/native/probes.ts';
import { freePort } from '../../runtime/process/free-port.ts';
import { ManagedProcess } from '../../runtime/process/managed-process.ts';
import type { PostgresInfo } from '../../runtime/types.ts';
import { DEFAULT_OFFSETS_TOPIC, OffsetStore, offsetKey } from '../kafka/offset-store.ts';

const t0 = Date.now();
/** Progress on stdout, with the seconds since the file started: what fault, when. */
export function progress(msg: string): void {
  console.log(`[fault ${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
}

/** A one-node KRaft broker of the test's own, on free ports, that can be killed, paused and restarted. */
export class OwnBroker {
  readonly bootstrapServers: string[];
  private proc: ManagedProcess;
  private readonly nodeDir: string;
  private readonly classpath: string;
  readonly dir: string;

  private constructor(dir: string, classpath: string, proc: ManagedProcess, bootstrapServers: string[]) {
    this.dir = dir;
    this.classpath = classpath;
    this.proc = proc;
    this.nodeDir = path.join(dir, 'kafka-1');
    this.bootstrapServers = bootstrapServers;
  }

  static async start(): Promise<OwnBroker> {
    const lib = await ensureJars('kafka');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-labs-fault-kafka-'));
    const classpath = path.join(lib, '*');
    const started = await startKraft(dir, classpath, 1);
    return new OwnBroker(dir, classpath, started.nodes.get(1)!, started.info.bootstrapServers);
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** SIGKILL, as a crash would end it; resolves once it is gone. */
  async kill(): Promise<void> {
    this.proc.killNow();
    await this.proc.waitForExit();
  }

  pause(): void {
    process.kill(this.pid, 'SIGSTOP');
  }

  resume(): void {
    process.kill(this.pid, 'SIGCONT');
  }

  /** The same config, data folder and port (the config file startKraft wrote names them). */
  async restart(): Promise<void> {
    this.proc = await startJvm({
      name: 'kafka-1',
      dir: this.nodeDir,
      heapMb: 768,
      classpath: this.classpath,
      mainClass: 'kafka.Kafka',
      args: [path.join(this.nodeDir, 'server.properties')],
    });
    await this.proc.waitReady(() => kafkaReady(this.bootstrapServers, 1), { timeoutMs: 90_000, intervalMs: 200 });
  }

  logTail(lines = 60): string {
    return this.proc.logTail(lines);
  }

  async stop(): Promise<void> {
    try {
      process.kill(this.pid, 'SIGCONT');
    } catch {
      /* gone */
    }
    await this.proc.stop();
    if (!process.env.CDC_LABS_KEEP_LOGS) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A PostgreSQL of the test's own that can be killed (SIGKILL to the postmaster's group) and started again on the same data folder and port. */
export class OwnPostgres {
  readonly info: PostgresInfo;
  private proc: ManagedProcess;
  readonly dir: string;

  private constructor(dir: string, proc: ManagedProcess, info: PostgresInfo) {
    this.dir = dir;
    this.proc = proc;
    this.info = info;
  }

  static async start(): Promise<OwnPostgres> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-labs-fault-pg-'));
    // run as the postgres user when we are root: it must reach the folder
    fs.chmodSync(dir, 0o755);
    const started = await startPostgres(path.join(dir, 'postgres'), await freePort());
    return new OwnPostgres(dir, started.process, started.info);
  }

  async kill(): Promise<void> {
    this.proc.killNow();
    await this.proc.waitForExit();
  }

  /** Starts the same data folder again (crash recovery after kill()), as postgres.ts starts it. */
  async restart(): Promise<void> {
    const ids = await postgresUserIds();
    const paths = await postgresBinaries({ ids });
    const dataDir = path.join(this.dir, 'postgres', 'data');
    this.proc = ManagedProcess.spawn({
      name: 'postgres',
      command: paths.postgres,
      args: ['-D', dataDir, ...postgresSettings(this.info.port)],
      logFile: path.join(this.dir, 'postgres', 'postgres.log'),
      marker: dataDir,
      stopSignal: 'SIGINT',
      ...ids,
    });
    await this.proc.waitReady(() => postgresReady(this.info.url), { timeoutMs: 60_000 });
  }

  logTail(lines = 60): string {
    return this.proc.logTail(lines);
  }

  async stop(): Promise<void> {
    await this.proc.stop();
    if (!process.env.CDC_LABS_KEEP_LOGS) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A connect() whose clients ignore the server going away (the writer and the watch notice on their next query). */
export function quietConnect(connect: () => Promise<pg.Client>): () => Promise<pg.Client> {
  return async () => {
    const c = await connect();
    c.on('error', () => undefined);
    return c;
  };
}

/** The connector config of a fault test: one table, pgoutput, its own slot and publication. */
export function faultConnector(pgInfo: PostgresInfo, database: string, id: string, extra: Record<string, unknown> = {}): { name: string; config: Record<string, unknown> } {
  return {
    name: id,
    config: {
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'database.hostname': pgInfo.host,
      'database.port': String(pgInfo.port),
      'database.user': pgInfo.user,
      'database.password': pgInfo.password,
      'database.dbname': database,
      'topic.prefix': id,
      'plugin.name': 'pgoutput',
      'slot.name': `${id}_slot`,
      'publication.name': `${id}_pub`,
      'publication.autocreate.mode': 'filtered',
      'table.include.list': `public.${id}`,
      // Debezium waits 10 s before restarting after a retriable error; the tests have no 10 s to spare
      'retriable.restart.connector.wait.ms': '1000',
      ...extra,
    },
  };
}

/** A command-line entry of the engine run by node as a child process of the test: output kept, SIGKILL, restart. */
export class ChildCli {
  private child: ChildProcess | null = null;
  /** this start's output */
  protected out = '';
  /** every start's output, for the failure message */
  protected all = '';
  starts = 0;
  /** where the command's JSON config is written */
  protected readonly configPath: string;

  constructor(tmpPrefix: string, configFile: string, config: unknown) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
    this.configPath = path.join(dir, configFile);
    fs.writeFileSync(this.configPath, JSON.stringify(config, null, 2));
  }

  /** runs `node <args>` from the repository's root */
  protected spawnNode(args: string[], env: NodeJS.ProcessEnv = process.env): void {
    this.starts++;
    this.out = '';
    this.child = spawn(process.execPath, args, { cwd: path.join(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'pipe'], env });
    const take = (d: Buffer): void => {
      this.out += d.toString();
      this.all += d.toString();
    };
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number {
    return this.child!.pid!;
  }

  output(): string {
    return this.out;
  }

  tail(chars = 4000): string {
    return this.all.slice(-chars);
  }

  /** Waits for `cond`; fails on the timeout, or at once when the process has exited without it. */
  async until(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!cond()) {
      if (!this.running) {
        await sleep(100); // the last output may follow the exit
        if (cond()) return;
        throw new Error(`the process exited while waiting for ${what}; its output:\n${this.tail()}`);
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; output:\n${this.tail()}`);
      await sleep(25);
    }
  }

  async kill(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((r) => this.child!.once('exit', r));
    this.child!.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((r) => this.child!.once('exit', r));
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child!.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The engine CLI (harness/engine/cli.ts) as a child process, restarted as Kafka Connect would restart a failed task. */
export class EngineCli extends ChildCli {
  private readonly bootstrapServers: string[];

  constructor(connector: { name: string; config: Record<string, unknown> }, bootstrapServers: string[]) {
    super('cdc-labs-fault-engine-', 'connector.json', connector);
    this.bootstrapServers = bootstrapServers;
  }

  start(): void {
    this.spawnNode([process.env.ENGINE_CLI ?? 'harness/engine/cli.ts', '--config', this.configPath, '--bootstrap-servers', this.bootstrapServers.join(','), '--status-interval-ms', '100']);
  }

  /** the latest `sent=` of this start's status lines */
  sent(): number {
    const all = [...this.out.matchAll(/ sent=(\d+)/g)];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  }

  /** the latest `buffered=` (records handed to the writer and not yet acknowledged) */
  buffered(): number {
    const all = [...this.out.matchAll(/ buffered=(\d+)/g)];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  }

  /** restarts of the engine's own session after retriable errors (engine.ts restartSession) */
  internalRestarts(): number {
    return [...this.all.matchAll(/retriable error, restarting/g)].length;
  }
}

/**
 * Writes a numbered sequence per key: round r (1, 2, …) sets seq = r on every key, one single-row
 * transaction per key (INSERT in round 1, UPDATE after), one writer connection, so transactions
 * commit one after another and LSN order is commit order. `rowsPerTx` > 1 groups that many keys
 * in one transaction (bigger batches for the engine-kill test). Survives a server restart: on a
 * lost connection it reconnects, and redoes a transaction only if its commit did not land.
 */
export class SeqWriter {
  rounds = 0;
  private stopAt = Infinity;
  private done: Promise<void> | null = null;
  errors = 0;
  private readonly opts: { connect: () => Promise<pg.Client>; table: string; keys: number; rowsPerTx?: number; pauseMs?: number };

  constructor(opts: { connect: () => Promise<pg.Client>; table: string; keys: number; rowsPerTx?: number; pauseMs?: number }) {
    this.opts = { ...opts, connect: quietConnect(opts.connect) };
  }

  start(): void {
    this.done = this.run();
  }

  /** Finishes the round under way and resolves with the number of complete rounds (N). */
  async finish(): Promise<number> {
    this.stopAt = this.rounds + 1;
    await this.done;
    return this.rounds;
  }

  private async run(): Promise<void> {
    const { table, keys } = this.opts;
    const per = this.opts.rowsPerTx ?? 1;
    let db = await this.opts.connect();
    for (let r = 1; r < this.stopAt; r++) {
      for (let first = 1; first <= keys; first += per) {
        const ids = Array.from({ length: Math.min(per, keys - first + 1) }, (_, i) => first + i);
        for (;;) {
          try {
            await db.query('BEGIN');
            if (r === 1) await db.query(`INSERT INTO ${table} SELECT unnest($1::int[]), 1 ON CONFLICT DO NOTHING`, [ids]);
            // only rows still below r: after a lost COMMIT that did land, redoing it changes nothing
            else await db.query(`UPDATE ${table} SET seq = $2 WHERE id = ANY($1) AND seq < $2`, [ids, r]);
            await db.query('COMMIT');
            break;
          } catch (err) {
            this.errors++;
            if (this.errors === 1 || this.errors % 20 === 0) progress(`writer: ${(err as Error).message} (round ${r}); reconnecting`);
            await db.end().catch(() => undefined);
            for (;;) {
              await sleep(200);
              try {
                db = await this.opts.connect();
                break;
              } catch {
                this.errors++;
              }
            }
          }
        }
      }
      this.rounds = r;
      if (this.opts.pauseMs) await sleep(this.opts.pauseMs);
    }
    await db.end().catch(() => undefined);
  }
}

export interface SeqRecord {
  offset: number;
  partition: number;
  id: number;
  seq: number;
  lsn: bigint;
}

function kafkaClient(bootstrapServers: string[]): Kafka {
  return new Kafka({ brokers: bootstrapServers, logLevel: logLevel.NOTHING, retry: { retries: 2 } });
}

/** The end offsets of a topic's partitions (high watermarks) by partition. */
export async function endOffsets(bootstrapServers: string[], topic: string): Promise<Map<number, number>> {
  const admin = kafkaClient(bootstrapServers).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Every record of the topic: a consumer from offset 0 of every partition up to the end offsets
 * read first, so nothing is missed and the read ends. Values are the engine's JSON envelopes
 * (with or without schema); tombstones and deletes carry no `after` and are left out.
 */
export async function readEveryRecord(bootstrapServers: string[], topic: string): Promise<SeqRecord[]> {
  const ends = await endOffsets(bootstrapServers, topic);
  const pending = new Set([...ends].filter(([, high]) => high > 0).map(([p]) => p));
  const records: SeqRecord[] = [];
  if (pending.size === 0) return records;
  const consumer = kafkaClient(bootstrapServers).consumer({ groupId: `fault-reader-${process.pid}-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out reading ${topic} to its end offsets ${JSON.stringify([...ends])}; ${records.length} read`)), 30_000);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const offset = Number(message.offset);
            if (offset < ends.get(partition)! && message.value) {
              const v = JSON.parse(message.value.toString()) as Record<string, any>;
              const e = (v.payload ?? v) as Record<string, any>;
              if (e.after) records.push({ offset, partition, id: Number(e.after.id), seq: Number(e.after.seq), lsn: BigInt(e.source.lsn) });
            }
            if (offset >= ends.get(partition)! - 1 && pending.delete(partition) && pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  // partition, then offset order: the order a consumer of each key sees
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

export interface SlotSample {
  at: number;
  /** the slot's confirmed_flush_lsn when read */
  confirmed: bigint;
  /** the topic's end offsets read just after it: what Kafka held by then (it only grows) */
  ends: Map<number, number>;
}

/**
 * Samples the slot's confirmed_flush_lsn and then the topic's end offsets every `intervalMs`, for
 * the "confirmed LSN never ahead of Kafka" check. A sample is skipped while either server is down.
 */
export class SlotWatch {
  readonly samples: SlotSample[] = [];
  private running = true;
  private loop: Promise<void> | null = null;
  private readonly opts: { connect: () => Promise<pg.Client>; slot: string; bootstrapServers: string[]; topic: string; intervalMs?: number };

  constructor(opts: { connect: () => Promise<pg.Client>; slot: string; bootstrapServers: string[]; topic: string; intervalMs?: number }) {
    this.opts = { ...opts, connect: quietConnect(opts.connect) };
  }

  start(): void {
    this.loop = (async () => {
      let db: pg.Client | null = null;
      while (this.running) {
        try {
          db ??= await this.opts.connect();
          await this.sample(db);
        } catch {
          await db?.end().catch(() => undefined);
          db = null;
        }
        await sleep(this.opts.intervalMs ?? 250);
      }
      await db?.end().catch(() => undefined);
    })();
  }

  /** One sample now (also used after the engine is killed, when nothing moves). */
  async sample(db: pg.Client): Promise<void> {
    const confirmed = await readConfirmed(db, this.opts.slot);
    if (!confirmed) return;
    const ends = await endOffsets(this.opts.bootstrapServers, this.opts.topic);
    this.samples.push({ at: Date.now(), confirmed, ends });
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

/**
 * The checks after a fault (the tests assert them on streamThroughFault's result). For each key, the seqs its records carry, in offset order, s_1 … s_m:
 *  - s_1 = 1 and s_m = N (the first change first, the final state last);
 *  - s_{i+1} ≤ s_i + 1 for every i: never a step forward over a seq (no gap, no reordering);
 *  - a step back (s_{i+1} ≤ s_i) is a replay (a restart re-reading from the stored offset, or a
 *    retried request); by the rule above it must go on contiguously from where it restarts until it
 *    passes the highest seq seen before, so a replay is always a contiguous re-delivery.
 * Together these give every seq 1..N of every key at least once, in order, duplicates allowed only
 * as contiguous replays.
 * Confirmed LSN: for every sample (confirmed C, end offsets E), every change whose LSN is below C
 * has a record at an offset below E (the writer's transactions commit one after another, so the
 * changes below C are exactly those of transactions whose commit end is ≤ C).
 */
export function slotAheadProblems(records: SeqRecord[], samples: SlotSample[]): string[] {
  // each change's first record
  const first = new Map<string, SeqRecord>();
  for (const r of records) if (!first.has(`${r.id}:${r.seq}`)) first.set(`${r.id}:${r.seq}`, r);
  const problems: string[] = [];
  for (const s of samples) {
    for (const r of first.values()) {
      if (r.lsn < s.confirmed && !(r.offset < (s.ends.get(r.partition) ?? 0)) && problems.length < 20) {
        problems.push(
          `the slot confirmed ${s.confirmed} at ${new Date(s.at).toISOString()} while Kafka held offsets below ${s.ends.get(r.partition)} only, ` +
            `and key ${r.id} seq ${r.seq} (lsn ${r.lsn}) was first written at offset ${r.offset}`,
        );
      }
    }
  }
  return problems;
}

/**
 * The per-key rules of the comment above on (id, seq) pairs in the order they were delivered or applied
 * (a topic's records in offset order, a sink's writes in apply order): every key 1..keys present,
 * s_1 = 1, s_m = rounds, never a step forward over a seq, steps back only as contiguous replays.
 * Returns what breaks them (at most 20 lines), with the duplicates and replays counted.
 */
export function keySequenceProblems(records: Array<{ id: number; seq: number }>, keys: number, rounds: number): { problems: string[]; duplicates: number; replays: number } {
  const perKey = new Map<number, number[]>();
  for (const r of records) {
    if (!perKey.has(r.id)) perKey.set(r.id, []);
    perKey.get(r.id)!.push(r.seq);
  }
  const problems: string[] = [];
  for (let k = 1; k <= keys; k++) if (!perKey.has(k)) problems.push(`key ${k}: no records`);
  for (const k of perKey.keys()) if (!(Number.isInteger(k) && k >= 1 && k <= keys)) problems.push(`key ${k}: not one of the ${keys} keys written`);
  let replays = 0;
  let duplicates = 0;
  for (const [k, seq] of perKey) {
    const shown = (i: number): string => `key ${k}, records ${i - 3}..${i + 3} of ${seq.length}: ${seq.slice(Math.max(0, i - 3), i + 4).join(',')}`;
    if (seq[0] !== 1) problems.push(`key ${k}: the first record carries seq ${seq[0]}, not 1`);
    for (let i = 1; i < seq.length; i++) {
      if (seq[i] > seq[i - 1] + 1) problems.push(`gap or reordering: seq ${seq[i - 1]} then ${seq[i]} (${shown(i)})`);
      if (seq[i] <= seq[i - 1]) replays++;
    }
    if (seq[seq.length - 1] !== rounds) problems.push(`key ${k}: the last record carries seq ${seq[seq.length - 1]}, not the final ${rounds}`);
    duplicates += seq.length - rounds;
  }
  return { problems: problems.slice(0, 20), duplicates, replays };
}

/** The slot's confirmed_flush_lsn as a number the server computed (the engine's tests import no kit code). */
async function readConfirmed(db: pg.Client, slot: string): Promise<bigint | undefined> {
  const { rows } = await db.query<{ confirmed: string | null }>(
    "SELECT pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')::text AS confirmed FROM pg_replication_slots WHERE slot_name = $1", [slot]);
  return rows[0] ? BigInt(rows[0].confirmed ?? '0') : undefined;
}

/** The slot's confirmed LSN and the lsn_proc of the offset the engine stored in Kafka (the slot must not be past it). */
export async function storedOffsetState(db: pg.Client, bootstrapServers: string[], connector: { name: string; config: Record<string, unknown> }): Promise<{ confirmed?: bigint; lsnProc?: bigint }> {
  const confirmed = await readConfirmed(db, String(connector.config['slot.name']));
  const stored = await new OffsetStore(bootstrapServers, DEFAULT_OFFSETS_TOPIC, offsetKey(connector.name, String(connector.config['topic.prefix']))).read();
  return { confirmed, lsnProc: stored?.lsn_proc === undefined ? undefined : BigInt(stored.lsn_proc) };
}

/** Waits until the topic's records show `rounds` for every key (the engine caught up), or fails. */
export async function waitForAll(bootstrapServers: string[], topic: string, keys: number, rounds: number, engine: EngineCli, timeoutMs = 40_000): Promise<SeqRecord[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (!engine.running) {
      progress(`engine exited (task failed); restarting it as Connect would (start ${engine.starts + 1})`);
      engine.start();
    }
    const records = await readEveryRecord(bootstrapServers, topic).catch(() => [] as SeqRecord[]);
    const last = new Map<number, number>();
    for (const r of records) last.set(r.id, r.seq);
    if (last.size === keys && [...last.values()].every((s) => s === rounds)) return records;
    if (Date.now() > end) throw new Error(`not every change reached ${topic} within ${timeoutMs} ms (${records.length} records); engine output:\n${engine.tail()}`);
    await sleep(500);
  }
}

/** What a fault run found; the test asserts on it. */
export interface FaultRun {
  /** changes the writer committed (keys × rounds) and records the topic holds */
  changes: number;
  records: number;
  /** breaks of the per-key rules (missing change, gap, reordering); empty when every change is there in order */
  sequenceProblems: string[];
  /** samples where the slot had confirmed an LSN whose change Kafka did not hold yet; empty when never */
  slotAhead: string[];
  slotSamples: number;
  /** at the end: the slot's confirmed LSN and the engine's stored offset (lsn_proc) */
  stored: { confirmed?: bigint; lsnProc?: bigint };
  duplicates: number;
  replays: number;
  /** CLI starts (1 + the restarts the test made, as Connect restarts a failed task) and the engine's own restarts */
  engineStarts: number;
  internalRestarts: number;
}

export interface FaultContext {
  engine: EngineCli;
  writer: SeqWriter;
  watch: SlotWatch;
  connector: { name: string; config: Record<string, unknown> };
}

/**
 * One fault test's run: a table, the engine CLI streaming it to `broker`, the writer of numbered
 * sequences, the slot watch; `fault` runs once the engine has sent `faultAfterSent` records, the
 * writer goes on `writeAfterMs` more, then the test waits for every change in Kafka (restarting
 * the CLI if its task failed, as Connect would) and returns what the checks found. When a check
 * finds a problem, or the run fails, it prints the tail of `serverLog` (the server the fault hit)
 * and of the engine's output.
 */
export async function streamThroughFault(opts: {
  label: string;
  broker: OwnBroker;
  pgInfo: PostgresInfo;
  database: string;
  connect: () => Promise<pg.Client>;
  keys: number;
  rowsPerTx?: number;
  pauseMs?: number;
  faultAfterSent: number;
  writeAfterMs?: number;
  fault: (ctx: FaultContext) => Promise<void>;
  serverLog: () => string;
}): Promise<FaultRun> {
  const connect = quietConnect(opts.connect);
  const id = `${opts.label}_${Math.random().toString(16).slice(2, 8)}`;
  const setup = await connect();
  await setup.query(`CREATE TABLE ${id} (id int PRIMARY KEY, seq int NOT NULL)`);
  await setup.end();
  const connector = faultConnector(opts.pgInfo, opts.database, id);
  const topic = `${id}.public.${id}`;
  const bootstrap = opts.broker.bootstrapServers;
  const engine = new EngineCli(connector, bootstrap);
  const writer = new SeqWriter({ connect, table: id, keys: opts.keys, rowsPerTx: opts.rowsPerTx, pauseMs: opts.pauseMs ?? 20 });
  const watch = new SlotWatch({ connect, slot: String(connector.config['slot.name']), bootstrapServers: bootstrap, topic });
  try {
    engine.start();
    await engine.until('the snapshot', () => engine.output().includes('SNAPSHOT DONE'));
    writer.start();
    watch.start();
    await engine.until(`${opts.faultAfterSent} records in Kafka`, () => engine.sent() >= opts.faultAfterSent);
    await opts.fault({ engine, writer, watch, connector });
    await sleep(opts.writeAfterMs ?? 2000);
    const rounds = await writer.finish();
    progress(`writer done: ${rounds} rounds x ${opts.keys} keys, ${writer.errors} writer errors; waiting for every change in Kafka`);
    await waitForAll(bootstrap, topic, opts.keys, rounds, engine);
    const check = await connect();
    let stored: FaultRun['stored'];
    try {
      await watch.sample(check);
      await watch.stop();
      stored = await storedOffsetState(check, bootstrap, connector);
    } finally {
      await check.end();
    }
    await engine.stop();
    const records = await readEveryRecord(bootstrap, topic);
    const { problems, duplicates, replays } = keySequenceProblems(records, opts.keys, rounds);
    const run: FaultRun = {
      changes: rounds * opts.keys,
      records: records.length,
      sequenceProblems: problems,
      slotAhead: slotAheadProblems(records, watch.samples),
      slotSamples: watch.samples.length,
      stored,
      duplicates,
      replays,
      engineStarts: engine.starts,
      internalRestarts: engine.internalRestarts(),
    };
    progress(
      `${opts.label}: ${run.records} records for ${run.changes} changes (${duplicates} duplicates in ${replays} replays), ` +
        `engine starts ${run.engineStarts}, internal restarts ${run.internalRestarts}, ${run.slotSamples} slot samples`,
    );
    if (problems.length || run.slotAhead.length) console.log(`server log tail:\n${opts.serverLog()}\nengine output tail:\n${engine.tail()}`);
    return run;
  } catch (err) {
    console.log(`server log tail:\n${opts.serverLog()}\nengine output tail:\n${engine.tail()}`);
    throw err;
  } finally {
    await watch.stop();
    await engine.kill();
  }
}
