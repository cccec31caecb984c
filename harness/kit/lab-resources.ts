// Isolates a lab on a shared stack: its own database, and a clean slate of its replication slots
// and topics before it runs. Nothing here assumes the harness owns the servers.
import pg from 'pg';
import type { Admin } from 'kafkajs';
import type { StackInfo } from '../runtime/types.ts';
import { quoteIdent } from './readers/table-reader.ts';

export function labDatabase(labId: string): string {
  return `lab_${labId.replaceAll('-', '_')}`;
}

export function labUrl(stack: StackInfo, database: string): string {
  const u = new URL(stack.postgres.url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdminClient<T>(stack: StackInfo, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: stack.postgres.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops the slots of a database (stopping their walsenders first). */
async function dropSlots(client: pg.Client, database: string): Promise<void> {
  const slots = await client.query<{ slot_name: string; active_pid: number | null }>(
    'SELECT slot_name, active_pid FROM pg_replication_slots WHERE database = $1',
    [database],
  );
  for (const s of slots.rows) {
    if (s.active_pid !== null) await client.query('SELECT pg_terminate_backend($1)', [s.active_pid]);
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query('SELECT pg_drop_replication_slot($1)', [s.slot_name]);
        break;
      } catch (err) {
        if (attempt >= 20) throw err; // the slot stays active until its walsender exits
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

/** A fresh, empty database for the lab. */
export async function resetDatabase(stack: StackInfo, database: string): Promise<void> {
  await withAdminClient(stack, async (c) => {
    await dropSlots(c, database);
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quoteIdent(database)}`);
  });
}

export async function dropDatabase(stack: StackInfo, database: string): Promise<void> {
  await withAdminClient(stack, async (c) => {
    await dropSlots(c, database);
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  });
}

/** Deletes every topic whose name starts with `<prefix>.` for one of the prefixes. */
export async function deleteTopics(admin: Admin, prefixes: string[]): Promise<void> {
  if (prefixes.length === 0) return;
  const topics = (await admin.listTopics()).filter((t) => prefixes.some((p) => t.startsWith(`${p}.`)));
  if (topics.length === 0) return;
  await admin.deleteTopics({ topics, timeout: 30_000 });
  // deletion is asynchronous in the broker: wait until the names are gone
  for (let i = 0; i < 100; i++) {
    const left = (await admin.listTopics()).filter((t) => topics.includes(t));
    if (left.length === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`topics still present after delete: ${topics.join(', ')}`);
}
