// The crash test from the engine issue: kill the CLI with SIGKILL while it streams, restart it, and
// check that every change reached Kafka at least once and that per-key order held.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OFFSETS_TOPIC, OffsetStore, offsetKey } from '../kafka/offset-store.ts';
import { parseLsn } from '../postgres/lsn.ts';
import { connectorConfig, createTestDb, envelope, readTopic, stackInfo, uniqueId, type TestDb } from './it-helpers.test-helper.ts';

const KEYS = 200;
const VERSIONS = 5; // insert v=0, then four single-row updates per key

let db: TestDb;
const children: ChildProcess[] = [];
beforeAll(async () => {
  db = await createTestDb('engine_crash');
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await db?.drop();
});

function startCli(configPath: string): { child: ChildProcess; output: () => string; sent: () => number } {
  let out = '';
  const child = spawn(
    process.execPath,
    [process.env.ENGINE_CLI ?? 'harness/engine/cli.ts', '--config', configPath, '--bootstrap-servers', stackInfo().kafka.bootstrapServers.join(','), '--status-interval-ms', '100'],
    { cwd: join(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const sent = (): number => {
    const all = [...out.matchAll(/ sent=(\d+)/g)];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  return { child, output: () => out, sent };
}

async function until(what: string, cond: () => boolean, output: () => string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; engine output:\n${output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('crash', () => {
  it('after SIGKILL mid-stream and a restart, every change is in Kafka at least once, in order per key', async () => {
    const id = uniqueId('crash');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, v int NOT NULL)`);
    const dir = mkdtempSync(join(tmpdir(), 'engine-crash-'));
    const configPath = join(dir, 'connector.json');
    const { name, ...config } = connectorConfig(db.name, id, { 'table.include.list': `public.${id}` });
    writeFileSync(configPath, JSON.stringify({ name, config }, null, 2));

    const first = startCli(configPath);
    await until('the snapshot', () => first.output().includes('SNAPSHOT DONE'), first.output);

    // Single-row transactions, one key after another, so the kill lands between and inside them.
    const writer = await db.connect();
    const writes = (async () => {
      for (let v = 0; v < VERSIONS; v++) {
        for (let k = 1; k <= KEYS; k++) {
          if (v === 0) await writer.query(`INSERT INTO ${id} VALUES ($1, 0)`, [k]);
          else await writer.query(`UPDATE ${id} SET v = $2 WHERE id = $1`, [k, v]);
        }
      }
    })();
    await until('some records in Kafka', () => first.sent() >= 150, first.output);
    // Let the slot's restart_lsn move while it streams (running-xacts records, as the checkpointer
    // logs every 15 s), so the check below has something to catch.
    for (let i = 0; i < 3; i++) {
      await db.client.query('SELECT pg_log_standby_snapshot()');
      await new Promise((r) => setTimeout(r, 400));
    }
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await writes;
    await writer.end();

    // The slot is never confirmed past the stored offset: otherwise its restart_lsn could pass
    // lsn_proc, and a restart would take the slot for one created again (snapshot-mode.ts).
    const slot = (await db.client.query(`SELECT confirmed_flush_lsn::text AS confirmed, restart_lsn::text AS restart FROM pg_replication_slots WHERE slot_name = $1`, [String(config['slot.name'])])).rows[0] as { confirmed: string; restart: string };
    const offsets = new OffsetStore(stackInfo().kafka.bootstrapServers, DEFAULT_OFFSETS_TOPIC, offsetKey(String(name), String(config['topic.prefix'])));
    const stored = await offsets.read();
    expect(stored?.lsn_proc, 'an offset was stored while streaming').toBeDefined();
    expect(parseLsn(slot.confirmed) <= BigInt(stored!.lsn_proc!), `slot confirmed ${slot.confirmed} ≤ stored lsn_proc`).toBe(true);
    expect(parseLsn(slot.restart) <= BigInt(stored!.lsn_proc!), `slot restart_lsn ${slot.restart} ≤ stored lsn_proc`).toBe(true);

    const second = startCli(configPath);
    const topic = `${id}.public.${id}`;
    const complete = (m: { value: string | null }[]): boolean => {
      const last = new Map<number, number>();
      for (const x of m) {
        const e = envelope(x.value);
        if (e?.after) last.set(Number(e.after.id), Number(e.after.v));
      }
      return last.size === KEYS && [...last.values()].every((v) => v === VERSIONS - 1);
    };
    const exited = new Promise<never>((_, reject) =>
      second.child.once('exit', (code) => reject(new Error(`the restarted engine exited (${code}):\n${second.output().slice(-3000)}`))),
    );
    const messages = await Promise.race([readTopic(topic, complete, 60_000), exited]);
    if (!complete(messages)) throw new Error(`not every change arrived; engine output:\n${second.output().slice(-3000)}`);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));

    const perKey = new Map<number, number[]>();
    for (const m of messages) {
      const e = envelope(m.value);
      if (!e?.after) continue;
      const k = Number(e.after.id);
      if (!perKey.has(k)) perKey.set(k, []);
      perKey.get(k)!.push(Number(e.after.v));
    }
    expect(perKey.size).toBe(KEYS);
    let duplicates = 0;
    for (const [k, seq] of perKey) {
      // at least once: every version of every key
      for (let v = 0; v < VERSIONS; v++) expect(seq, `key ${k}`).toContain(v);
      // order: first sightings in commit order, the last event is the final state, and at most one
      // step back (the replay of unconfirmed transactions after the restart)
      const firsts = [...new Set(seq)];
      expect(firsts, `key ${k}`).toEqual([...firsts].sort((a, b) => a - b));
      expect(seq[seq.length - 1], `key ${k}`).toBe(VERSIONS - 1);
      let steps = 0;
      for (let i = 1; i < seq.length; i++) if (seq[i] <= seq[i - 1]) steps++;
      expect(steps, `key ${k}: ${seq.join(',')}`).toBeLessThanOrEqual(1);
      duplicates += seq.length - VERSIONS;
    }
    console.log(`crash test: ${messages.length} records for ${KEYS * VERSIONS} changes (${duplicates} replayed after the kill)`);
  });
});
