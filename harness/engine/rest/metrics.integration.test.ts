import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StackInfo } from '../../runtime/index.ts';
import { readSample } from './prometheus-metrics.ts';
import { startConnectRestServer, type ConnectRestServer } from './rest-server.ts';
import { dropSlotWhenInactive } from '../postgres/slot.ts';

// GET /metrics on the engine's REST server, scraped while a real connector runs on the shared
// stack, while it is paused, and next to a restart of a connector that does not exist.

const SLOT = 'rest_metrics';
const TABLE = 'rest_metrics';

const sample = readSample;

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('GET /metrics on the REST server', () => {
  const stack: { info: StackInfo } = { info: inject('stack') };
  let server: ConnectRestServer;
  let db: pg.Client;

  const scrape = async () => {
    const response = await fetch(`${server.url}/metrics`);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  beforeAll(async () => {
    server = await startConnectRestServer({ bootstrapServers: stack.info.kafka.bootstrapServers });
    db = new pg.Client({ connectionString: stack.info.postgres.url });
    await db.connect();
    await db.query(`DROP TABLE IF EXISTS ${TABLE}; CREATE TABLE ${TABLE} (id int PRIMARY KEY, note text); INSERT INTO ${TABLE} VALUES (1, 'a'), (2, 'b')`);
  });
  afterAll(async () => {
    await server?.close();
    await dropSlotWhenInactive(db, SLOT);
    await db.query(`DROP TABLE IF EXISTS ${TABLE}; DROP PUBLICATION IF EXISTS rest_metrics_pub`);
    await db?.end();
  });

  it('answers with no connectors at all', async () => {
    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE cdc_connector_state gauge');
  });

  it('counts events per table and op, exposes positions and lag, and still answers while paused', async () => {
    const created = await fetch(`${server.url}/connectors`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'm',
        config: {
          'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
          'database.hostname': stack.info.postgres.host,
          'database.port': String(stack.info.postgres.port),
          'database.user': stack.info.postgres.user,
          'database.password': stack.info.postgres.password,
          'database.dbname': new URL(stack.info.postgres.url).pathname.slice(1) || 'postgres',
          'topic.prefix': `restmetrics${Date.now()}`,
          'plugin.name': 'pgoutput',
          'slot.name': SLOT,
          'publication.name': 'rest_metrics_pub',
          'publication.autocreate.mode': 'filtered',
          'table.include.list': `public.${TABLE}`,
        },
      }),
    });
    expect(created.status).toBe(201);
    const snap = await until('the snapshot', async () => {
      const { text } = await scrape();
      return sample(text, 'cdc_snapshot_completed', { connector: 'm' }) === 1 ? text : undefined;
    });
    expect(sample(snap, 'cdc_events_total', { connector: 'm', op: 'r', table: `public.${TABLE}` })).toBe(2);
    expect(sample(snap, 'cdc_snapshot_rows_total', { connector: 'm' })).toBe(2);
    expect(sample(snap, 'cdc_snapshot_tables', { connector: 'm' })).toBe(1);
    expect(sample(snap, 'cdc_connector_state', { connector: 'm', state: 'RUNNING' })).toBe(1);

    await db.query(`INSERT INTO ${TABLE} VALUES (3, 'c'), (4, 'd'); UPDATE ${TABLE} SET note = 'x' WHERE id = 1; DELETE FROM ${TABLE} WHERE id = 2`);
    const streamed = await until('the streamed changes to be confirmed', async () => {
      const { text } = await scrape();
      const confirmed = sample(text, 'cdc_last_confirmed_lsn', { connector: 'm' }) ?? 0;
      return sample(text, 'cdc_events_total', { connector: 'm', op: 'd', table: `public.${TABLE}` }) === 1 && confirmed > 0 ? text : undefined;
    });
    expect(sample(streamed, 'cdc_events_total', { connector: 'm', op: 'c', table: `public.${TABLE}` })).toBe(2);
    expect(sample(streamed, 'cdc_events_total', { connector: 'm', op: 'u', table: `public.${TABLE}` })).toBe(1);
    expect(sample(streamed, 'cdc_last_received_lsn', { connector: 'm' })).toBeGreaterThan(0);
    expect(sample(streamed, 'cdc_server_wal_lsn', { connector: 'm' })).toBeGreaterThan(0);
    expect(sample(streamed, 'cdc_lag_bytes', { connector: 'm' })).toBeGreaterThanOrEqual(0);
    expect(sample(streamed, 'cdc_millis_behind_source', { connector: 'm' })).toBeGreaterThanOrEqual(0);
    expect(sample(streamed, 'cdc_queue_records', { connector: 'm' })).toBeGreaterThanOrEqual(0);
    expect(sample(streamed, 'cdc_slot_active', { connector: 'm' })).toBe(1);
    expect(sample(streamed, 'cdc_errors_total', { connector: 'm' })).toBe(0);
    expect(sample(streamed, 'cdc_dlq_records_total', { connector: 'm' })).toBe(0);

    expect((await fetch(`${server.url}/connectors/m/pause`, { method: 'PUT' })).status).toBe(202);
    await db.query(`INSERT INTO ${TABLE} SELECT g, repeat('y', 100) FROM generate_series(10, 2000) g`);
    const paused = await scrape();
    expect(paused.status).toBe(200);
    expect(sample(paused.text, 'cdc_connector_state', { connector: 'm', state: 'PAUSED' })).toBe(1);
    expect(sample(paused.text, 'cdc_engine_up', { connector: 'm' })).toBe(0);
    expect(sample(paused.text, 'cdc_lag_bytes', { connector: 'm' })).toBeGreaterThan(100_000);
  });

  it("a restart of a connector that does not exist gets Connect's 404 body", async () => {
    const response = await fetch(`${server.url}/connectors/nope/restart`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error_code: 404, message: 'Unknown connector: nope' });
  });
});
