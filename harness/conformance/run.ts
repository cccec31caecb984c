// The conformance run: one workload through real Debezium (a Kafka Connect worker) and through our
// engine, each with its own topic prefix, slot and publication on the same database; both sides'
// records read back from Kafka, masked, paired and compared field by field.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import pg from 'pg';
import { dropSlotWhenInactive, startEngine } from '../engine/index.ts';
import { debeziumDriver } from '../kit/debezium-driver.ts';
import type { StackInfo } from '../runtime/index.ts';
import { diffPairs, type Difference } from './diff.ts';
import { classify, type Classified } from './known.ts';
import { KNOWN_DIFFERENCES } from './known-differences.ts';
import { maskRecord } from './mask.ts';
import { pairRecords, type RecordPair } from './pair.ts';
import { decodeJson, type CapturedRecord } from './record.ts';
import { diffSchemas, registeredSchemas, RegistryDecoder } from './avro.ts';
import { PROFILES, type Profile } from './profiles.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WORKLOAD_DIR = path.join(here, 'workload');
const DATABASE = 'conformance';

export interface ConformanceResult {
  /** records per engine */
  counts: { debezium: number; ours: number };
  /** topics (prefix removed) per engine */
  topics: { debezium: string[]; ours: string[] };
  pairs: RecordPair[];
  differences: Difference[];
  classified: Classified;
  /** first trace line (and innermost cause) of an engine whose task failed during the workload */
  failures: { debezium?: string; ours?: string };
  /** the avro profile: the registry subjects each engine registered (prefix removed), sorted */
  subjects?: { debezium: string[]; ours: string[] };
}

/** The SQL statements of a workload file, in order (comments dropped; no ';' inside literals). */
export function statements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The connector configuration both engines get; only names differ. */
export function connectorConfig(postgres: StackInfo['postgres'], prefix: string): Record<string, string> {
  return {
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'database.hostname': postgres.host,
    'database.port': String(postgres.port),
    'database.user': postgres.user,
    'database.password': postgres.password,
    'database.dbname': DATABASE,
    'topic.prefix': prefix,
    'plugin.name': 'pgoutput',
    'slot.name': prefix,
    'publication.name': `${prefix}_pub`,
    'publication.autocreate.mode': 'all_tables',
    'skipped.operations': 'none',
    'provide.transaction.metadata': 'true',
  };
}

async function runFile(client: pg.Client, file: string): Promise<void> {
  for (const statement of statements(fs.readFileSync(path.join(WORKLOAD_DIR, file), 'utf8'))) await client.query(statement);
}

async function dropSlots(client: pg.Client, names: string[]): Promise<void> {
  for (const name of names) await dropSlotWhenInactive(client, name);
}

async function topicCount(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
  return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}

/** A record key or value as the comparison sees it (JSON text parsed; Avro decoded through the registry). */
export type Decode = (data: Buffer | null | undefined) => unknown;

/** A Java trace's first line and its innermost "Caused by:" (Connect's first line alone rarely says why). */
export function traceSummary(trace: string): string {
  const lines = trace.split('\n');
  const cause = lines.filter((l) => l.startsWith('Caused by: ')).at(-1);
  return cause ? `${lines[0]} (${cause})` : lines[0]!;
}

/** Reads every record of every topic starting with "<prefix>." up to its current end. */
export async function readTopics(kafka: Kafka, admin: Admin, prefix: string, decode: Decode = decodeJson): Promise<CapturedRecord[]> {
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
  const records: CapturedRecord[] = [];
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    const wanted = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    if (wanted === 0) continue;
    const consumer = kafka.consumer({ groupId: `conformance-reader-${prefix}-${topic}`, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      let got = 0;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read ${got} of ${wanted} records of ${topic}`)), 60_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            const headers: Record<string, unknown> = {};
            for (const [name, value] of Object.entries(message.headers ?? {})) {
              headers[name] = Array.isArray(value) ? value.map((v) => decodeJson(v)) : decodeJson(value as Buffer | undefined);
            }
            // a record that does not decode is a finding, shown in the diff, not a stalled read
            const decoded = async (data: Buffer | null): Promise<unknown> => {
              try {
                return await decode(data);
              } catch (error) {
                return `(not decodable: ${(error as Error).message})`;
              }
            };
            records.push({ topic: topic.slice(prefix.length + 1), offset: Number(message.offset), key: await decoded(message.key), value: await decoded(message.value), headers });
            if (++got >= wanted) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
  }
  return records;
}

/**
 * Runs the workload through both engines on `stack` (which needs Kafka Connect) and compares.
 * The run gets its own names (`runId`), so several runs can share a Kafka cluster.
 */
export async function runConformance(stack: StackInfo, log: (line: string) => void = () => undefined, runId = Date.now().toString(36), profile: Profile = PROFILES.default!): Promise<ConformanceResult> {
  if (!stack.connect) throw new Error('the conformance check needs a stack with Kafka Connect (with: ["connect"])');
  for (const service of profile.services ?? []) if (!stack[service]) throw new Error(`the ${profile.name} profile needs a stack with ${service} (with: ["connect", "${service}"])`);
  const prefixes = { debezium: `conf_dbz_${runId}`, ours: `conf_ours_${runId}` };
  const { postgres } = stack;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  const kafka = new Kafka({ clientId: 'conformance', brokers: stack.kafka.bootstrapServers, logLevel: logLevel.NOTHING });
  const kadmin = kafka.admin();
  await kadmin.connect();
  const dbUrl = postgres.url.replace(/\/[^/?]*(\?|$)/, `/${DATABASE}$1`);
  const db = new pg.Client({ connectionString: dbUrl });
  const driver = debeziumDriver({ connectUrl: stack.connect.url, postgresUrl: dbUrl, postgresHost: stack.connect.postgresHost, postgresPort: stack.connect.postgresPort });
  let dbz: Awaited<ReturnType<typeof driver.start>> | undefined;
  let ours: Awaited<ReturnType<typeof startEngine>> | undefined;
  try {
    // a fresh database (slots of an earlier, interrupted run would keep it busy)
    const { rows: stale } = await admin.query<{ slot_name: string }>('SELECT slot_name FROM pg_replication_slots WHERE database = $1', [DATABASE]);
    await dropSlots(admin, stale.map((r) => r.slot_name));
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await db.connect();
    log('workload: 01-schema.sql (tables and snapshot rows)');
    await runFile(db, '01-schema.sql');

    log(`debezium: connector ${prefixes.debezium} on ${stack.connect.url}`);
    log(`profile: ${profile.name} (${profile.description})`);
    dbz = await driver.start({ name: prefixes.debezium, config: { ...connectorConfig(postgres, prefixes.debezium), ...profile.config, ...profile.configFor?.(prefixes.debezium, { engine: 'debezium', stack }) }, bootstrapServers: stack.kafka.bootstrapServers, log });
    log(`ours: engine ${prefixes.ours}`);
    ours = await startEngine({ config: { name: prefixes.ours, ...connectorConfig(postgres, prefixes.ours), ...profile.config, ...profile.configFor?.(prefixes.ours, { engine: 'ours', stack }) }, bootstrapServers: stack.kafka.bootstrapServers });
    // an engine that fails is a finding, not the end of the run: the other one's records still count
    const failures: { debezium?: string; ours?: string } = {};
    const [dbzSnapshot, oursSnapshot] = await Promise.allSettled([dbz.waitForSnapshot(), ours.waitForSnapshot()]);
    const firstLine = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n')[0]!;
    if (dbzSnapshot.status === 'rejected') failures.debezium = firstLine(dbzSnapshot.reason);
    if (oursSnapshot.status === 'rejected') failures.ours = firstLine(oursSnapshot.reason);
    log('snapshots over; workload: 02-changes.sql');
    await runFile(db, '02-changes.sql');

    // done when each engine emitted the end marker (or failed) and the topics stopped growing
    const deadline = Date.now() + 120_000;
    let last = '';
    let stableSince = Date.now();
    for (;;) {
      const counts = await Promise.all(
        Object.values(prefixes).flatMap((p) => [topicCount(kadmin, `${p}.${profile.endTopic}`), topicCount(kadmin, `${p}.transaction`)]),
      );
      const status = await dbz.status();
      const failed = status.tasks.find((t) => t.state === 'FAILED');
      if (failed && !failures.debezium) failures.debezium = failed.trace ? traceSummary(failed.trace) : 'FAILED';
      const own = ours.status().tasks[0];
      if (own?.state === 'FAILED' && !failures.ours) failures.ours = own.trace?.split('\n')[0] ?? 'FAILED';
      const now = counts.join(',');
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
      const done = (counts[0]! >= 1 || failures.debezium) && (counts[2]! >= 1 || failures.ours);
      if (done && Date.now() - stableSince > 3000) break;
      if (Date.now() > deadline) throw new Error(`the engines did not both finish the workload in 120 s (end marker, transaction records: ${now})`);
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const [engine, failure] of Object.entries(failures)) log(`${engine} task FAILED: ${failure}`);
    log('reading both engines\' topics');
    // Avro: every record decoded with its writer schema from the registry (avro.ts), and the schemas compared below
    const decoder = profile.format === 'avro' ? new RegistryDecoder(stack.registry!.url) : undefined;
    const decode: Decode = decoder ? (data) => decoder.decode(data) : decodeJson;
    const raw = {
      debezium: await readTopics(kafka, kadmin, prefixes.debezium, decode),
      ours: await readTopics(kafka, kadmin, prefixes.ours, decode),
    };
    const masked = {
      debezium: raw.debezium.map((r) => maskRecord(r, prefixes.debezium)),
      ours: raw.ours.map((r) => maskRecord(r, prefixes.ours)),
    };
    const pairs = pairRecords(masked.debezium, masked.ours);
    const differences = diffPairs(pairs);
    let subjects: ConformanceResult['subjects'];
    if (decoder) {
      log('comparing the schemas each engine registered');
      const schemas = {
        debezium: await registeredSchemas(decoder.registryUrl, prefixes.debezium),
        ours: await registeredSchemas(decoder.registryUrl, prefixes.ours),
      };
      subjects = { debezium: [...schemas.debezium.keys()], ours: [...schemas.ours.keys()] };
      log(`subjects registered: Debezium ${subjects.debezium.length}, ours ${subjects.ours.length}`);
      differences.unshift(...diffSchemas(schemas.debezium, schemas.ours, prefixes));
    }
    if (Boolean(failures.debezium) !== Boolean(failures.ours)) {
      differences.unshift({ topic: '(connector)', index: 0, part: 'record', path: '(task state)', kind: 'value', debezium: failures.debezium ?? 'RUNNING', ours: failures.ours ?? 'RUNNING' });
    }
    const topicsOf = (records: CapturedRecord[]) => [...new Set(records.map((r) => r.topic))].sort();
    return {
      counts: { debezium: raw.debezium.length, ours: raw.ours.length },
      topics: { debezium: topicsOf(raw.debezium), ours: topicsOf(raw.ours) },
      pairs,
      differences,
      classified: classify(differences, KNOWN_DIFFERENCES, profile.name),
      failures,
      ...(subjects ? { subjects } : {}),
    };
  } finally {
    await dbz?.stop().catch((e: Error) => log(`could not stop the Debezium connector: ${e.message}`));
    await ours?.stop().catch((e: Error) => log(`could not stop our engine: ${e.message}`));
    await db.end().catch(() => undefined);
    await dropSlots(admin, Object.values(prefixes)).catch(() => undefined);
    const topics = (await kadmin.listTopics().catch(() => [] as string[])).filter((t) => Object.values(prefixes).some((p) => t.startsWith(`${p}.`)));
    if (topics.length) await kadmin.deleteTopics({ topics }).catch(() => undefined);
    await kadmin.disconnect();
    await admin.end();
  }
}
