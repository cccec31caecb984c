// A consumer outside the engine: it reads a topic's records as raw bytes (kafkajs), splits Confluent's wire format
// (magic byte 0, a 4-byte big-endian schema id, the Avro binary), fetches each writer schema once from the
// registry's Confluent-compatible API (GET /schemas/ids/{id}) and decodes the body with avsc. With a reader
// version it decodes every record into that version of the subject's schema (Avro schema resolution).
//
//   node labs/avro-schema-registry/avro-consumer.ts --bootstrap-server localhost:9092 \
//     --registry http://localhost:8080/apis/ccompat/v6 --topic bikes.store.customers [--reader-version 1]
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { Kafka, logLevel } from 'kafkajs';

export interface RawRecord {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

/** Reads `count` records of a topic from the beginning (by default as many as it holds now), as the bytes Kafka holds. */
export async function readRaw(brokers: string[], topic: string, count?: number, timeoutMs = 60_000): Promise<RawRecord[]> {
  const kafka = new Kafka({ clientId: 'avro-consumer', brokers, logLevel: logLevel.NOTHING });
  const deadline = Date.now() + timeoutMs;
  // subscribe only once the topic exists and has a leader: the connector creates it with its first record
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (;;) {
      try {
        if ((await admin.listTopics()).includes(topic)) {
          const offsets = await admin.fetchTopicOffsets(topic);
          count ??= offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
          break;
        }
      } catch {
        // the topic is still being created
      }
      if (Date.now() > deadline) throw new Error(`topic ${topic} to exist within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
  const wanted = count;
  const consumer = kafka.consumer({ groupId: `avro-consumer-${process.pid}-${Date.now()}-${Math.random()}`, allowAutoTopicCreation: false });
  const out: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void out.push({ offset: message.offset, key: message.key, value: message.value }) });
    while (out.length < wanted) {
      if (Date.now() > deadline) throw new Error(`${wanted} records on ${topic} within ${timeoutMs} ms (got ${out.length})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await consumer.disconnect();
  }
  return out.sort((a, b) => Number(a.offset) - Number(b.offset));
}

export interface Framed {
  magic: number;
  id: number;
  body: Buffer;
}

/** Confluent's wire format: byte 0 is the magic byte 0, bytes 1-4 the schema id, the rest the Avro binary. */
export function frame(bytes: Buffer): Framed {
  if (bytes.length < 5 || bytes[0] !== 0) throw new Error(`not Confluent's wire format: starts with 0x${bytes.subarray(0, 5).toString('hex')}`);
  return { magic: bytes[0], id: bytes.readInt32BE(1), body: bytes.subarray(5) };
}

/** Avro's long as a bigint: Debezium's source block has ts_us and ts_ns, beyond the 2^53 avsc's numbers take. */
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

/** Avro's decimal (bytes: the unscaled value, big-endian two's complement; the scale in the schema) as exact text. */
class DecimalType extends avro.types.LogicalType {
  private readonly scale: number;
  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts);
    this.scale = Number((schema as { scale?: number }).scale ?? 0);
  }
  protected override _fromValue(buf: Buffer): string {
    const unscaled = buf.length === 0 ? 0n : BigInt.asIntN(buf.length * 8, BigInt(`0x${buf.toString('hex')}`));
    const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(this.scale + 1, '0');
    const text = this.scale === 0 ? digits : `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
    return unscaled < 0n ? `-${text}` : text;
  }
  protected override _toValue(): Buffer {
    throw new Error('this consumer only reads');
  }
  protected override _resolve(type: avro.Type): ((x: unknown) => unknown) | undefined {
    return avro.Type.isType(type, 'logical:decimal') && (type as DecimalType).scale === this.scale ? (x) => x : undefined;
  }
}

const isLong = (s: unknown): boolean => s === 'long' || (typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'long');

/** An avsc type for a schema text as the registry returns it. */
export function avroType(schemaText: string): avro.Type {
  return avro.Type.forSchema(JSON.parse(schemaText) as avro.Schema, {
    // a typeHook, not the registry option: Connect's longs carry properties ({"type":"long","connect.version":1})
    typeHook: (s) => (isLong(s) && (s as { logicalType?: unknown }).logicalType === undefined ? (BigLong as unknown as avro.Type) : undefined),
    logicalTypes: { decimal: DecimalType },
  });
}

/** The registry's Confluent-compatible API, with writer schemas cached by id. */
export class Registry {
  private readonly byId = new Map<number, avro.Type>();
  readonly url: string;
  constructor(url: string) {
    this.url = url.replace(/\/+$/, '');
  }

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.url}${path}`);
    const text = await response.text();
    if (!response.ok) throw new Error(`GET ${this.url}${path}: HTTP ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** GET /schemas/ids/{id}: the writer schema of every record that carries this id. */
  async writer(id: number): Promise<avro.Type> {
    let type = this.byId.get(id);
    if (type === undefined) {
      type = avroType((await this.get<{ schema: string }>(`/schemas/ids/${id}`)).schema);
      this.byId.set(id, type);
    }
    return type;
  }

  /** GET /subjects/{subject}/versions/{version}: one version of a subject, with its id and schema. */
  version(subject: string, version: number | 'latest'): Promise<{ subject: string; version: number; id: number; schema: string }> {
    return this.get(`/subjects/${encodeURIComponent(subject)}/versions/${version}`);
  }
}

/** Decodes one key or value: the writer schema by the record's id, or resolved into `reader` when given. */
export async function decode(bytes: Buffer | null, registry: Registry, reader?: avro.Type): Promise<unknown> {
  if (bytes === null) return null;
  const { id, body } = frame(bytes);
  const writer = await registry.writer(id);
  if (reader === undefined) return writer.fromBuffer(body);
  return reader.fromBuffer(body, reader.createResolver(writer));
}

/** A decoded datum as plain JSON: bigints as numbers when exact (else strings), avsc's records as objects. */
export function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

export interface Decoded {
  offset: string;
  keyId: number | null;
  valueId: number | null;
  key: unknown;
  value: unknown;
}

/** Every record of a topic decoded; with `readerVersion`, each value read as that version of <topic>-value. */
export async function consume(opts: { brokers: string[]; registry: string; topic: string; count?: number; readerVersion?: number }): Promise<Decoded[]> {
  const registry = new Registry(opts.registry);
  const reader = opts.readerVersion === undefined ? undefined : avroType((await registry.version(`${opts.topic}-value`, opts.readerVersion)).schema);
  const out: Decoded[] = [];
  for (const r of await readRaw(opts.brokers, opts.topic, opts.count)) {
    out.push({
      offset: r.offset,
      keyId: r.key === null ? null : frame(r.key).id,
      valueId: r.value === null ? null : frame(r.value).id,
      key: plain(await decode(r.key, registry)),
      value: plain(await decode(r.value, registry, reader)),
    });
  }
  return out;
}

/** The command line: prints each record as one line of JSON. */
async function main(): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const [bootstrap, registry, topic] = [arg('bootstrap-server'), arg('registry'), arg('topic')];
  if (bootstrap === undefined || registry === undefined || topic === undefined) {
    console.error('usage: node labs/avro-schema-registry/avro-consumer.ts --bootstrap-server host:port --registry <ccompat URL> --topic <topic> [--reader-version n] [--count n]');
    process.exit(2);
  }
  const [version, count] = [arg('reader-version'), arg('count')];
  const records = await consume({ brokers: [bootstrap], registry, topic, count: count === undefined ? undefined : Number(count), readerVersion: version === undefined ? undefined : Number(version) });
  for (const r of records) console.log(JSON.stringify(r));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
