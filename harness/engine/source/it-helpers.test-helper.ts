// Shared helpers for the engine's integration tests: one database per test file on the shared
// stack, unique slot/publication/topic names, and a Kafka topic reader.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { StackInfo } from '../../runtime/types.ts';

export function stackInfo(): StackInfo {
  return inject('stack' as never) as unknown as StackInfo;
}

export interface TestDb {
  name: string;
  client: pg.Client;
  /** a fresh connection to the test database */
  connect(): Promise<pg.Client>;
  drop(): Promise<void>;
}

/** Creates an isolated database; drop() removes it and every slot made in it. */
export async function createTestDb(prefix: string): Promise<TestDb> {
  const { postgres } = stackInfo();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ ...adminConfig(), database: postgres.database });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ ...adminConfig(), database: name });
    await c.connect();
    return c;
  };
  const client = await connect();
  return {
    name,
    client,
    connect,
    async drop() {
      await client.end().catch(() => undefined);
      const a = new pg.Client({ ...adminConfig(), database: postgres.database });
      await a.connect();
      await a.query(
        `SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = $1 AND active_pid IS NOT NULL`,
        [name],
      );
      await a.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = $1`, [name]);
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The calling test file's own database: created before its tests (handed to `use`), dropped after them. */
export function useTestDb(prefix: string, use: (db: TestDb) => void): void {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await createTestDb(prefix);
    use(db);
  });
  afterAll(async () => {
    await db?.drop();
  });
}

function adminConfig(): pg.ClientConfig {
  const { postgres } = stackInfo();
  return { host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password };
}

/** Debezium connector config for a test database (pgoutput, filtered publication). */
export function connectorConfig(db: string, id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { postgres } = stackInfo();
  return {
    name: id,
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'database.hostname': postgres.host,
    'database.port': String(postgres.port),
    'database.user': postgres.user,
    'database.password': postgres.password,
    'database.dbname': db,
    'topic.prefix': id,
    'plugin.name': 'pgoutput',
    'slot.name': `${id}_slot`,
    'publication.name': `${id}_pub`,
    'publication.autocreate.mode': 'filtered',
    ...extra,
  };
}

export function uniqueId(prefix: string): string {
  return `${prefix}_${randomBytes(3).toString('hex')}`;
}

export interface TopicMessage {
  key: string | null;
  value: string | null;
  offset: number;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning until `done(messages)` is true or the timeout passes. */
export async function readTopic(
  topic: string,
  done: (messages: TopicMessage[]) => boolean,
  timeoutMs = 60_000,
): Promise<TopicMessage[]> {
  const kafka = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING });
  // The engine creates topics on first write; subscribing earlier fails with UNKNOWN_TOPIC_OR_PARTITION.
  const admin = kafka.admin();
  await admin.connect();
  try {
    const end = Date.now() + timeoutMs;
    while (!(await admin.listTopics()).includes(topic)) {
      if (Date.now() > end) return [];
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: `it-${randomBytes(6).toString('hex')}` });
  const messages: TopicMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let resolveDone!: () => void;
    const finished = new Promise<void>((r) => (resolveDone = r));
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          offset: Number(message.offset),
          headers,
        });
        if (done(messages)) resolveDone();
      },
    });
    if (!done(messages)) await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** The envelope of a stub-builder or Connect-JSON value (with or without schema). */
export function envelope(value: string | null): Record<string, any> | null {
  if (value === null) return null;
  const v = JSON.parse(value) as Record<string, any>;
  return (v.payload ?? v) as Record<string, any>;
}

export async function slotState(db: pg.Client, slot: string): Promise<{ confirmed: string; active: boolean } | null> {
  const r = await db.query(`SELECT confirmed_flush_lsn::text AS confirmed, active FROM pg_replication_slots WHERE slot_name = $1`, [
    slot,
  ]);
  return r.rows[0] ?? null;
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | false | undefined>, timeoutMs = 30_000, pollMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** A port nothing listens on (for "server down" cases): bound once, then released. */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}
