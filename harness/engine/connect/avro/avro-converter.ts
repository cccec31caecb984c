// The Avro converters (Confluent's and Apicurio's AvroConverter, Confluent wire format): a record is the
// magic byte 0, the schema's 4-byte big-endian registry id, then the Avro binary of the datum
// (AbstractKafkaAvroSerializer.serializeImpl; Apicurio with as-confluent=true and use-id=contentId).
//
// The event side is synchronous and the registry is not: fromConnectData encodes at once and, until the
// subject's id for that schema is known, leaves the header as 0xFF (no decoder accepts it) and remembers the
// buffer; settle() — awaited before the records are queued for Kafka — registers or looks the schema up
// once per subject and schema, then writes the header in place. Ids are cached, so after the first record of
// a table there is nothing to wait for.
import type { ConnectSchema } from '../connect-schema.ts';
import { avroSchemaToString, fromConnectSchema } from './avro-schema.ts';
import { avroType, fromAvroDatum, toAvroDatum } from './avro-codec.ts';
import { connectSchemaFromAvro } from './connect-from-avro.ts';
import type { AvroConverterConfig } from './avro-config.ts';
import { RegistryClient } from './registry-client.ts';
import { EngineError } from '../../errors.ts';

const MAGIC = 0;
const UNSETTLED = 0xff;

interface Pending { subject: string; schema: string }

export class AvroConverter {
  readonly config: AvroConverterConfig;
  readonly registry: RegistryClient;
  private readonly schemaTexts = new WeakMap<ConnectSchema, string>();
  private readonly ids = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<number>>();
  private readonly pending = new WeakMap<Buffer, Pending>();

  constructor(config: AvroConverterConfig, registry?: RegistryClient) {
    this.config = config;
    this.registry = registry ?? new RegistryClient(config.url, { urlKey: config.urlKey });
  }

  /** TopicNameStrategy / Apicurio's TopicIdStrategy */
  subject(topic: string): string {
    return `${topic}-${this.config.isKey ? 'key' : 'value'}`;
  }

  /** The Avro schema text registered for a Connect schema. */
  avroSchema(schema: ConnectSchema): string {
    let t = this.schemaTexts.get(schema);
    if (t === undefined) {
      t = avroSchemaToString(fromConnectSchema(schema, { connectMetaData: this.config.connectMetaData }));
      this.schemaTexts.set(schema, t);
    }
    return t;
  }

  /** Converter.fromConnectData: null stays null (tombstones, no key). */
  fromConnectData(topic: string, schema: ConnectSchema | null, value: unknown): Buffer | null {
    if (value === null || value === undefined) return null;
    if (schema === null) throw new Error('schemaless values are not produced by the event side');
    const text = this.avroSchema(schema);
    const body = avroType(text).toBuffer(toAvroDatum(schema, value));
    const out = Buffer.allocUnsafe(5 + body.length);
    body.copy(out, 5);
    const subject = this.subject(topic);
    const id = this.ids.get(`${subject}\u0000${text}`);
    if (id !== undefined) writeHeader(out, id);
    else {
      out[0] = UNSETTLED;
      out.writeInt32BE(0, 1);
      this.pending.set(out, { subject, schema: text });
    }
    return out;
  }

  /** Resolves the ids of records encoded before their schema's id was known; undefined when none. */
  settle(records: ReadonlyArray<{ key: Buffer | null; value: Buffer | null }>): Promise<void> | undefined {
    let work: Promise<void>[] | undefined;
    for (const r of records) {
      for (const buf of [this.config.isKey ? r.key : r.value]) {
        if (buf === null || buf[0] !== UNSETTLED) continue;
        const p = this.pending.get(buf);
        if (!p) continue;
        (work ??= []).push(this.idFor(p.subject, p.schema).then((id) => {
          writeHeader(buf, id);
          this.pending.delete(buf);
        }));
      }
    }
    return work && Promise.all(work).then(() => undefined);
  }

  private idFor(subject: string, schema: string): Promise<number> {
    const key = `${subject}\u0000${schema}`;
    const known = this.ids.get(key);
    if (known !== undefined) return Promise.resolve(known);
    let p = this.inflight.get(key);
    if (!p) {
      const { autoRegister, useLatest } = this.config;
      // AbstractKafkaAvroSerializer / Apicurio's DefaultSchemaResolver: register, else the latest, else look up
      p = (autoRegister ? this.registry.register(subject, schema)
        : useLatest ? this.registry.latest(subject).then((l) => {
          // Confluent would write the datum in the latest schema; this engine writes the record's own schema,
          // so it takes the latest id only when that is the same schema (else the bytes would be mislabelled)
          if (sameSchema(l.schema, schema)) return l.id;
          throw new EngineError('SCHEMA_REGISTRY_LATEST_DIFFERS',
            `${this.config.flavor === 'apicurio' ? 'apicurio.registry.find-latest' : 'use.latest.version'}: the latest schema of subject "${subject}" ` +
            `(version ${l.version}, id ${l.id}) is not the record's schema, and writing records in another schema is not implemented by this engine`);
        })
          : this.registry.lookup(subject, schema))
        .then((id) => {
          this.ids.set(key, id);
          return id;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }
}

function sameSchema(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

function writeHeader(buf: Buffer, id: number): void {
  buf[0] = MAGIC;
  buf.writeInt32BE(id, 1);
}

/** Is this the Confluent wire format (magic byte 0 and room for an id)? */
export function isAvroWireFormat(buf: Buffer | null | undefined): buf is Buffer {
  return !!buf && buf.length >= 5 && buf[0] === MAGIC;
}

/**
 * The reading side (AvroConverter.toConnectData): the writer schema by id from the registry (cached), the
 * datum decoded with it, returned as the Connect schema and value the JSON converter path gives.
 */
export class AvroDecoder {
  readonly registry: RegistryClient;
  private readonly schemas = new Map<number, Promise<{ text: string; connect: ConnectSchema }>>();
  constructor(registry: RegistryClient) {
    this.registry = registry;
  }

  async toConnectData(buf: Buffer | null | undefined): Promise<{ schema: ConnectSchema | null; value: unknown }> {
    if (buf === null || buf === undefined) return { schema: null, value: null };
    if (!isAvroWireFormat(buf)) throw new Error(`Unknown magic byte ${(buf as Buffer).length > 0 ? (buf as Buffer)[0] : '(empty record)'}: not the Confluent Avro wire format`);
    const id = buf.readInt32BE(1);
    let s = this.schemas.get(id);
    if (!s) {
      s = this.registry.schemaById(id).then((text) => ({ text, connect: connectSchemaFromAvro(text) }));
      s.catch(() => this.schemas.delete(id));
      this.schemas.set(id, s);
    }
    const { text, connect } = await s;
    const datum = avroType(text).fromBuffer(buf.subarray(5));
    return { schema: connect, value: fromAvroDatum(connect, datum) };
  }
}
