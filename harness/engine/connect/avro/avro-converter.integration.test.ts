// The engine with an Avro converter against real servers: a registry that is down, a URL that is not a
// registry's (Kafka Connect's REST API on the shared stack), and a table written as Avro and read back through
// a real registry equal to the same table written with the JsonConverter. The registry is
// CDC_LABS_SCHEMA_REGISTRY_URL's or the shared stack's when there is one; on the native runtime, else, the
// runtime's own Apicurio Registry (built from Maven Central) started for this file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedProcess } from '../../../runtime/process/managed-process.ts';
import { ensureRegistryServer, startRegistryServer } from '../../../runtime/native/registry.ts';
import { Kafka, logLevel } from 'kafkajs';
import { startEngine } from '../../index.ts';
import { closedPort, connectorConfig, createTestDb, readTopic, slotState, stackInfo, uniqueId, waitFor, type TestDb } from '../../source/it-helpers.test-helper.ts';
import { AvroDecoder } from './avro-converter.ts';
import { RegistryClient } from './registry-client.ts';
import { decodeConnectJson } from '../connect-record.ts';
import { serialize } from '../json-converter.ts';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('avro_conv');
});
afterAll(async () => {
  await db?.drop();
});


const avro = (url: string): Record<string, string> => ({
  'value.converter': 'io.confluent.connect.avro.AvroConverter',
  'value.converter.schema.registry.url': url,
});

async function topicExists(topic: string): Promise<boolean> {
  const admin = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).includes(topic);
  } finally {
    await admin.disconnect();
  }
}

describe('engine with an Avro converter', () => {
  it('registry down: the task fails naming the URL and key after retries, nothing reaches Kafka and nothing is confirmed to the slot', async () => {
    const id = uniqueId('avro_down');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, note text)`);
    const url = `http://127.0.0.1:${await closedPort()}`;
    const logs: string[] = [];
    const engine = await startEngine({
      config: connectorConfig(db.name, id, { 'table.include.list': `public.${id}`, 'snapshot.mode': 'no_data', 'errors.max.retries': '1', 'retriable.restart.connector.wait.ms': '200', ...avro(url) }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
      logger: (level, msg) => logs.push(`${level} ${msg}`),
    });
    try {
      const before = await slotState(db.client, `${id}_slot`);
      const lsnBefore = (await db.client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
      await db.client.query(`INSERT INTO ${id} VALUES (1, 'a')`);
      const failed = await waitFor('the task to fail', async () => engine.status().tasks[0]?.state === 'FAILED' && engine.status(), 60_000);
      const trace = failed.tasks[0].trace ?? '';
      expect(trace).toContain(`Cannot reach the schema registry at ${url} (value.converter.schema.registry.url) after 4 attempts`);
      // one restart (errors.max.retries=1) on the retriable error, then FAILED
      expect(logs.some((l) => l.startsWith('warn retriable error, restarting') && l.includes(url))).toBe(true);
      expect(await topicExists(`${id}.public.${id}`)).toBe(false);
      const after = await slotState(db.client, `${id}_slot`);
      expect(after!.confirmed).toBe(before!.confirmed);
      expect(lsnCompare(after!.confirmed, lsnBefore)).toBeLessThanOrEqual(0);
    } finally {
      await engine.stop();
    }
  });

  it('a URL that is not a schema registry: the error names the key', async () => {
    const connect = stackInfo().connect;
    if (!connect) throw new Error('the shared stack has no Kafka Connect REST API');
    const id = uniqueId('avro_url');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY)`);
    await db.client.query(`INSERT INTO ${id} VALUES (1)`);
    const engine = await startEngine({
      config: connectorConfig(db.name, id, { 'table.include.list': `public.${id}`, 'errors.max.retries': '0', ...avro(connect.url) }),
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    try {
      const err = await engine.waitForSnapshot().then(() => null, (e: Error) => e);
      expect(err?.message).toContain(`value.converter.schema.registry.url=${connect.url} does not look like a Confluent-compatible schema registry`);
    } finally {
      await engine.stop();
    }
  });

  const givenRegistry = process.env.CDC_LABS_SCHEMA_REGISTRY_URL ?? (stackInfo() as { registry?: { url: string } }).registry?.url;
  const ownRegistry = !givenRegistry && stackInfo().runtime === 'native';
  let registryUrl = givenRegistry;
  let registry: { dir: string; process: ManagedProcess } | undefined;
  beforeAll(async () => {
    if (!ownRegistry) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-registry-'));
    try {
      const started = await startRegistryServer(dir, await ensureRegistryServer((line) => process.stderr.write(`[registry] ${line}\n`)));
      registry = { dir, process: started.process };
      registryUrl = started.info.url;
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }, 600_000);
  afterAll(async () => {
    await registry?.process.stop();
    if (registry) fs.rmSync(registry.dir, { recursive: true, force: true });
  });
  it.skipIf(!givenRegistry && !ownRegistry)('a table as Avro through the registry decodes to the records the JsonConverter gives', async () => {
    const id = uniqueId('avro_rt');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, price numeric(10,2), born date, seen timestamp, doc jsonb, u uuid, tags text[], note text)`);
    await db.client.query(`INSERT INTO ${id} VALUES (1, 12.30, '2020-02-29', '2024-01-02 03:04:05.123456', '{"a":1}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{x,y}', NULL),
      (2, -0.01, '1960-01-01', '1970-01-01 00:00:00', '[]', '00000000-0000-0000-0000-000000000000', '{}', 'n')`);
    const run = async (suffix: string, extra: Record<string, string>): Promise<Array<{ key: Buffer | null; value: Buffer | null }>> => {
      const name = `${id}${suffix}`;
      const engine = await startEngine({
        config: connectorConfig(db.name, name, { 'table.include.list': `public.${id}`, 'snapshot.mode': 'initial_only', ...extra }),
        bootstrapServers: stackInfo().kafka.bootstrapServers,
      });
      try {
        await engine.waitForSnapshot();
      } finally {
        await engine.stop();
      }
      const raw: Array<{ key: Buffer | null; value: Buffer | null }> = [];
      // readTopic waits for the topic and its two records; it gives strings, so the bytes are read again
      await readTopic(`${name}.public.${id}`, (m) => m.length >= 2, 30_000);
      const kafka = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING });
      const consumer = kafka.consumer({ groupId: `avro-rt-${name}` });
      await consumer.connect();
      await consumer.subscribe({ topic: `${name}.public.${id}`, fromBeginning: true });
      await new Promise<void>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => {
          raw.push({ key: message.key, value: message.value });
          if (raw.length >= 2) resolve();
        } });
      });
      await consumer.disconnect();
      return raw;
    };
    const json = await run('_json', {});
    const avroRecords = await run('_avro', {
      'key.converter': 'io.confluent.connect.avro.AvroConverter', 'key.converter.schema.registry.url': registryUrl!,
      ...avro(registryUrl!),
    });
    expect(avroRecords.every((r) => r.value![0] === 0 && r.key![0] === 0)).toBe(true);
    const decoder = new AvroDecoder(new RegistryClient(registryUrl!, { urlKey: 'test' }));
    const reprint = async (b: Buffer | null) => {
      const { schema, value } = await decoder.toConnectData(b);
      return serialize(schema, value, true)!.toString('utf8');
    };
    // the same payloads; names differ only by the topic prefix, and the timestamps in ts_* are the run's
    // the two runs differ in their snapshot's position and time: masked (sequence is a JSON string holding a JSON
    // array, so its escaped quotes are part of it)
    const norm = (s: string) => s.replaceAll(`${id}_avro`, 'P').replaceAll(`${id}_json`, 'P')
      .replace(/"(ts_ms|ts_us|ts_ns|txId|lsn|xmin)":\d+/g, '"$1":0').replace(/"sequence":(null|"(?:[^"\\]|\\.)*")/g, '"sequence":null');
    const fromAvro = await Promise.all(avroRecords.map(async (r) => [norm(await reprint(r.key)), norm(await reprint(r.value))]));
    const fromJson = json.map((r) => [norm(r.key!.toString('utf8')), norm(r.value!.toString('utf8'))]);
    // AvroData drops nothing the JsonConverter keeps for these types: the payloads are equal
    expect(fromAvro.map(([k, v]) => [payloadOf(k), payloadOf(v)])).toEqual(fromJson.map(([k, v]) => [payloadOf(k), payloadOf(v)]));
    expect(decodeConnectJson(Buffer.from(fromJson[0][1])).schema).toBeTruthy();
  });
});

function payloadOf(text: string): unknown {
  return JSON.parse(text).payload;
}

function lsnCompare(a: string, b: string): number {
  const n = (l: string) => {
    const [hi, lo] = l.split('/');
    return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
  };
  const d = n(a) - n(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
