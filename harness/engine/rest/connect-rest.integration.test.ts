import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StackInfo } from '../../runtime/index.ts';
import { startConnectRestServer, type ConnectRestServer } from './rest-server.ts';
import { dropSlotWhenInactive } from '../postgres/slot.ts';

// The same REST conversation, request for request, with a real Kafka Connect 3.9.1 worker running
// Debezium and with our engine's REST server; status codes and bodies must agree (worker ids,
// traces and plugin lists masked). Nothing here is a recorded expectation: both answers come from
// this run.

interface Exchange {
  request: string;
  status: number;
  body: unknown;
}

const SLOT = 'rest_conformance';
const connector = (port: number) => ({
  name: 'src',
  config: {
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'database.hostname': '127.0.0.1',
    'database.port': String(port),
    'database.user': 'postgres',
    'database.password': 'postgres',
    'database.dbname': 'postgres',
    'topic.prefix': 'restconf',
    'plugin.name': 'pgoutput',
    'slot.name': SLOT,
    'publication.name': 'rest_conformance_pub',
    'table.include.list': 'public.rest_conformance',
  },
});

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (key === 'worker_id') out[key] = '<worker>';
    else if (key === 'trace') out[key] = '<trace>';
    else if (key === 'message' && typeof v === 'string') out[key] = v.replace(/, available connectors are: .*/s, ', available connectors are: …').replace(/following \d+ error\(s\):[\s\S]*/, 'following … error(s): …');
    else out[key] = normalise(v);
  }
  return out;
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<Exchange> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { request: `${method} ${path}`, status: response.status, body: text ? normalise(JSON.parse(text)) : null };
}

async function waitForState(base: string, state: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { body } = await call(base, 'GET', '/connectors/src/status');
    const status = body as { connector?: { state: string }; tasks?: Array<{ state: string; trace?: string }> };
    if (status.connector?.state === state && status.tasks?.[0]?.state === state) return;
    if (status.tasks?.[0]?.state === 'FAILED') throw new Error(`connector failed at ${base}: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`connector at ${base} never reached ${state}`);
}

/** The conversation: the seeds' curl commands, the error cases, and the connector's lifecycle. */
async function converse(base: string, pgPort: number): Promise<Exchange[]> {
  const log: Exchange[] = [];
  const say = async (method: string, path: string, body?: unknown) => {
    const exchange = await call(base, method, path, body);
    log.push(exchange);
    return exchange;
  };
  await say('GET', '/connectors');
  await say('GET', '/connectors/nope');
  await say('GET', '/connectors/nope/status');
  await say('POST', '/connectors/nope/restart');
  await say('PUT', '/connectors/nope/pause');
  await say('DELETE', '/connectors/nope');
  await say('POST', '/connectors', { name: 'x', config: {} });
  await say('POST', '/connectors', { name: 'x', config: { 'connector.class': 'com.example.NoSuchConnector' } });
  await say('PUT', '/connectors/incomplete/config', { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector' });
  await say('POST', '/connectors', connector(pgPort));
  await say('POST', '/connectors', connector(pgPort));
  await waitForState(base, 'RUNNING');
  await say('GET', '/connectors/src');
  await say('GET', '/connectors/src/status');
  await say('GET', '/connectors/src/config');
  await say('GET', '/connectors/src/tasks');
  await say('GET', '/connectors/src/tasks/0/status');
  await say('GET', '/connectors?expand=status');
  await say('PUT', '/connectors/src/pause');
  await waitForState(base, 'PAUSED');
  await say('GET', '/connectors/src/status');
  await say('PUT', '/connectors/src/resume');
  await waitForState(base, 'RUNNING');
  await say('POST', '/connectors/src/restart');
  await waitForState(base, 'RUNNING');
  await say('DELETE', '/connectors/src');
  await say('GET', '/connectors');
  return log;
}

describe('Kafka Connect REST API: our engine answers as a real Connect worker does', () => {
  const stack: { info: StackInfo } = { info: inject('stack') };
  let ours: ConnectRestServer;
  let db: pg.Client;

  const dropSlot = () => dropSlotWhenInactive(db, SLOT);


  beforeAll(async () => {
    ours = await startConnectRestServer({ bootstrapServers: stack.info.kafka.bootstrapServers });
    db = new pg.Client({ connectionString: stack.info.postgres.url });
    await db.connect();
    await db.query('DROP TABLE IF EXISTS rest_conformance; CREATE TABLE rest_conformance (id int PRIMARY KEY, note text); INSERT INTO rest_conformance VALUES (1, $$a$$)');
  });
  afterAll(async () => {
    await ours?.close();
    await dropSlot();
    await db.query('DROP TABLE IF EXISTS rest_conformance; DROP PUBLICATION IF EXISTS rest_conformance_pub');
    await db?.end();
  });

  it('the whole conversation matches, request by request', async () => {
    const pgPort = stack.info.postgres.port;
    const theirs = await converse(stack.info.connect!.url, pgPort);
    await dropSlot();
    await db.query('DROP PUBLICATION IF EXISTS rest_conformance_pub');
    const mine = await converse(ours.url, pgPort);
    expect(mine.map((e) => e.request)).toEqual(theirs.map((e) => e.request));
    for (let i = 0; i < theirs.length; i++) {
      expect({ request: mine[i]!.request, status: mine[i]!.status, body: mine[i]!.body }, theirs[i]!.request).toEqual(theirs[i]);
    }
  });

  it('GET /connector-plugins lists the PostgreSQL connector and the JDBC sink with the versions real Connect reports', async () => {
    const theirs = (await call(stack.info.connect!.url, 'GET', '/connector-plugins')).body as Array<{ class: string }>;
    const mine = (await call(ours.url, 'GET', '/connector-plugins')).body as Array<{ class: string }>;
    // Confluent's S3 sink is not installed on the stack's Connect (native only here)
    const shared = mine.filter((p) => p.class !== 'io.confluent.connect.s3.S3SinkConnector');
    expect(shared.map((p) => p.class).sort()).toEqual(['io.debezium.connector.jdbc.JdbcSinkConnector', 'io.debezium.connector.postgresql.PostgresConnector']);
    expect(theirs).toEqual(expect.arrayContaining(shared));
  });

  it('config validation flags the same keys as Connect', async () => {
    const bad = { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.hostname': '127.0.0.1', 'topic.prefix': 't', 'database.port': 'abc', 'snapshot.mode': 'bogus' };
    const path = '/connector-plugins/io.debezium.connector.postgresql.PostgresConnector/config/validate';
    const keysWithErrors = async (base: string) => {
      const { status, body } = await call(base, 'PUT', path, bad);
      expect(status).toBe(200);
      return (body as { configs: Array<{ value: { name: string; errors: string[] } }> }).configs
        .filter((c) => c.value.errors.length)
        .map((c) => c.value.name)
        .sort();
    };
    expect(await keysWithErrors(ours.url)).toEqual(await keysWithErrors(stack.info.connect!.url));
  });
});
