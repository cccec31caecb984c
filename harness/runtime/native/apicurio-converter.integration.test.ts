import avro from 'avsc';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../index.ts';
import { apicurioAvroConverterConfig } from '../registry-converter-config.ts';
import { freePort } from '../process/free-port.ts';
import { registryInfo } from '../registry-info.ts';
import type { RegistryInfo } from '../types.ts';
import { canStartNativeRegistry } from './registry.ts';

// Debezium's PostgresConnector on the native Connect worker with Apicurio's AvroConverter (the plugin folder
// jars.ts assembles from Maven Central) for key and value, writing Confluent's wire format through the stack's
// registry. Each record must start with the magic byte 0 and a 4-byte id that the registry's Confluent-compatible
// API resolves, and the rest must decode with avsc against that schema to the table's rows. The registry is the
// native runtime's own Apicurio Registry (built from Maven Central, registry.ts), or CDC_LABS_SCHEMA_REGISTRY_URL's.
// A second connector is pointed at a port nobody listens on, to show what Debezium's task does when the
// registry is down.

const TABLE = 'avro_bikes';
const PREFIX = 'apicurioconv';
const TOPIC = `${PREFIX}.public.${TABLE}`;

interface Framed {
  magic: number;
  id: number;
  body: Buffer;
}

const signedBigEndian = (bytes: Buffer): bigint => BigInt.asIntN(bytes.length * 8, BigInt(`0x${bytes.toString('hex')}`));

const frame = (bytes: Buffer): Framed => ({ magic: bytes[0]!, id: bytes.readInt32BE(1), body: bytes.subarray(5) });

const realRegistry = canStartNativeRegistry();

/** Avro's long as a bigint: Debezium's source block carries ts_us and ts_ns, beyond the 2^53 that avsc's default accepts. */
const BigLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint | number) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (v: unknown) => BigInt(v as string | number),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint' || (typeof n === 'number' && Number.isInteger(n)),
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

const connectorConfig = (stack: Stack, name: string, slot: string, registry: RegistryInfo) => {
  const { connect, postgres } = stack.info;
  return {
    name,
    config: {
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'database.hostname': connect!.postgresHost,
      'database.port': String(connect!.postgresPort),
      'database.user': postgres.user,
      'database.password': postgres.password,
      'database.dbname': postgres.database,
      'topic.prefix': PREFIX,
      'plugin.name': 'pgoutput',
      'slot.name': slot,
      'publication.name': `${slot}_pub`,
      'table.include.list': `public.${TABLE}`,
      ...apicurioAvroConverterConfig(registry),
    },
  };
};

async function createConnector(stack: Stack, name: string, slot: string, registry = stack.info.registry!): Promise<void> {
  const response = await fetch(`${stack.info.connect!.url}/connectors`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(connectorConfig(stack, name, slot, registry)),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

describe('native Connect: Debezium with Apicurio\'s AvroConverter', () => {
  let stack: Stack;
  let deadUrl = '';
  const schemaById = new Map<number, avro.Type>();

  async function schema(id: number): Promise<avro.Type> {
    const cached = schemaById.get(id);
    if (cached) return cached;
    const response = await fetch(`${stack.info.registry!.url}/schemas/ids/${id}`);
    expect(response.status, `schema id ${id}`).toBe(200);
    const type = avro.Type.forSchema(JSON.parse(((await response.json()) as { schema: string }).schema), { registry: { long: BigLong } });
    schemaById.set(id, type);
    return type;
  }

  beforeAll(async () => {
    deadUrl = `http://127.0.0.1:${await freePort()}`;
    if (!realRegistry) process.env.CDC_LABS_SCHEMA_REGISTRY_URL = deadUrl;
    stack = await startStack({ runtime: 'native', with: ['connect', 'registry'], onProgress: (l) => process.stderr.write(`[registry stack] ${l}\n`) });
    const client = new pg.Client({ connectionString: stack.info.postgres.url });
    await client.connect();
    await client.query(`CREATE TABLE ${TABLE} (id int PRIMARY KEY, model text NOT NULL, price numeric(8,2), in_stock boolean)`);
    await client.query(`INSERT INTO ${TABLE} VALUES (1, 'Trek 820', 379.99, true), (2, 'Surly Straggler', 1549.00, NULL)`);
    await client.end();
  }, 600_000);
  afterAll(async () => {
    if (!realRegistry) delete process.env.CDC_LABS_SCHEMA_REGISTRY_URL;
    await stack?.stop();
  });

  it('the worker lists Apicurio\'s AvroConverter (the plugin folder assembled from Maven Central)', async () => {
    const plugins = (await (await fetch(`${stack.info.connect!.url}/connector-plugins?connectorsOnly=false`)).json()) as Array<{ class: string; type: string }>;
    expect(plugins).toContainEqual(expect.objectContaining({ class: 'io.apicurio.registry.utils.converter.AvroConverter', type: 'converter' }));
  });

  // What Debezium's side does when the registry is down, as a fact for the labs to compare with our engine: the
  // task fails when the converter tries to register the first record's schema, and Apicurio 2.6's client
  // reports a bare RestClientException that names neither the URL nor the cause (seen in this test's runs).
  it('a registry nobody answers at: the task fails registering the first schema (the trace does not name the URL)', async () => {
    await createConnector(stack, 'apicurio-down', 'apicurio_down', registryInfo(deadUrl));
    let trace = '';
    for (let i = 0; i < 240 && !trace; i++) {
      const status = (await (await fetch(`${stack.info.connect!.url}/connectors/apicurio-down/status`)).json()) as { tasks?: Array<{ state: string; trace?: string }> };
      if (status.tasks?.[0]?.state === 'FAILED') trace = status.tasks[0].trace ?? '';
      else await new Promise((r) => setTimeout(r, 500));
    }
    expect(trace).toContain('Caused by: io.apicurio.registry.rest.client.exception.RestClientException');
    expect(trace).toContain('io.apicurio.registry.rest.client.impl.RegistryClientImpl.createArtifact');
    expect(trace).toContain('io.apicurio.registry.utils.converter.SerdeBasedConverter.fromConnectData');
    expect(trace).not.toContain(deadUrl);
  }, 300_000);

  it.runIf(realRegistry)('the snapshot lands as Confluent-framed Avro whose ids the registry resolves, and decodes to the rows', async () => {
    const { connect, registry } = stack.info;
    await createConnector(stack, 'apicurio-avro', 'apicurio_avro');

    const kafka = new Kafka({ clientId: 'apicurio-converter-test', brokers: stack.info.kafka.bootstrapServers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'apicurio-converter-test' });
    const records: Array<{ key: Buffer; value: Buffer }> = [];
    await consumer.connect();
    try {
      // the topic appears once the snapshot writes; subscribing earlier fails on a missing topic
      const admin = kafka.admin();
      await admin.connect();
      for (let i = 0; i < 240 && !(await admin.listTopics()).includes(TOPIC); i++) {
        const status = (await (await fetch(`${connect!.url}/connectors/apicurio-avro/status`)).json()) as { tasks?: Array<{ state: string; trace?: string }> };
        if (status.tasks?.[0]?.state === 'FAILED') throw new Error(`the connector failed: ${status.tasks[0].trace}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      await admin.disconnect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${records.length} of 2 records on ${TOPIC} after 60 s`)), 60_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            records.push({ key: message.key!, value: message.value! });
            if (records.length === 2) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }

    const decoded = [];
    for (const record of records) {
      const key = frame(record.key);
      const value = frame(record.value);
      expect([key.magic, value.magic]).toEqual([0, 0]);
      const keyType = await schema(key.id);
      const valueType = await schema(value.id);
      decoded.push({ key: keyType.fromBuffer(key.body), value: valueType.fromBuffer(value.body) as { op: string; after: Record<string, unknown> } });
      // the Avro body is exactly one datum: re-encoding gives the same bytes
      expect(valueType.toBuffer(decoded.at(-1)!.value).equals(value.body)).toBe(true);
    }
    expect(decoded.map((d) => d.key)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(decoded.map((d) => d.value.op)).toEqual(['r', 'r']);
    expect(decoded.map((d) => [d.value.after.id, d.value.after.model, d.value.after.in_stock])).toEqual([
      [1, 'Trek 820', true],
      [2, 'Surly Straggler', null],
    ]);
    // Debezium's Decimal (scale 2): the unscaled value as big-endian two's complement bytes
    expect(decoded.map((d) => signedBigEndian(d.value.after.price as Buffer))).toEqual([37999n, 154900n]);

    // TopicIdStrategy: one key and one value subject for the table
    const subjects = (await (await fetch(`${registry!.url}/subjects`)).json()) as string[];
    expect(subjects).toEqual(expect.arrayContaining([`${TOPIC}-key`, `${TOPIC}-value`]));
  }, 300_000);
});
