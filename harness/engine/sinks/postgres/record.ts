// A consumed Kafka record, converted as Kafka Connect's JsonConverter (schemas.enable=true) does it,
// and the Debezium envelope read as the JDBC sink reads it (JdbcKafkaSinkRecord): op, after, key.
// Conversion failures are DataExceptions with JsonConverter's messages — they happen in the
// KEY_CONVERTER / VALUE_CONVERTER stages, before the sink sees the record.
import type { ConnectSchema } from '../../connect/connect-schema.ts';
import { LOGICAL } from '../../connect/connect-schema.ts';
import { parseLossless, schemaFromJson, valueFromJson } from '../../connect/connect-record.ts';

export class JavaError extends Error {
  /** the Java exception class this error stands for (header __connect.errors.exception.class.name) */
  readonly javaClass: string;
  constructor(javaClass: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.javaClass = javaClass;
    this.name = javaClass.split('.').pop() ?? 'Error';
  }
}

export const DATA_EXCEPTION = 'org.apache.kafka.connect.errors.DataException';
export const CONNECT_EXCEPTION = 'org.apache.kafka.connect.errors.ConnectException';

export interface Converted {
  schema: ConnectSchema | null;
  payload: unknown;
}

/** JsonConverter#toConnectData with schemas.enable=true. */
export function convertJson(bytes: Buffer | null): Converted {
  if (bytes === null || bytes.length === 0) return { schema: null, payload: null };
  let json: unknown;
  try {
    json = parseLossless(bytes.toString('utf8')); // int64 beyond 2^53 kept exact
  } catch (e) {
    throw new JavaError(
      DATA_EXCEPTION,
      'Converting byte[] to Kafka Connect data failed due to serialization error: ',
      new JavaError('org.apache.kafka.common.errors.SerializationException', `com.fasterxml.jackson.core.JsonParseException: ${(e as Error).message}`),
    );
  }
  if (json === null) return { schema: null, payload: null };
  if (typeof json !== 'object' || Array.isArray(json) || Object.keys(json).length !== 2 || !('schema' in json) || !('payload' in json)) {
    throw new JavaError(
      DATA_EXCEPTION,
      'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. ' +
        'If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.',
    );
  }
  const { schema: jsonSchema, payload: jsonPayload } = json as { schema: unknown; payload: unknown };
  if (jsonSchema === null) throw new JavaError(DATA_EXCEPTION, 'a record without a schema cannot be written to a table');
  let schema: ConnectSchema;
  let payload: unknown;
  try {
    schema = schemaFromJson(jsonSchema);
    payload = valueFromJson(schema, jsonPayload);
  } catch (e) {
    throw e instanceof JavaError ? e : new JavaError(DATA_EXCEPTION, (e as Error).message);
  }
  if (schema && payload === null && !schema.optional && schema.default === undefined) {
    throw new JavaError(DATA_EXCEPTION, 'Invalid null value for required ' + schema.type.toUpperCase() + ' field');
  }
  return { schema: schema ?? null, payload };
}

export type Op = 'c' | 'r' | 'u' | 'd' | 't' | 'm' | 'tombstone';

/**
 * A record as the Postgres sink consumed it: the raw bytes stay beside the converted key and value,
 * because the dead letter queue gets the bytes as they were (Connect's SinkRecord model, used by the
 * transforms and the S3 sink, is connect/connect-record.ts).
 */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  rawKey: Buffer | null;
  rawValue: Buffer | null;
  rawHeaders: Record<string, Buffer | string | undefined>;
  key: Converted;
  value: Converted;
}

export interface RowChange {
  op: Op;
  /** the row struct's schema (the envelope's `after`/`before`, or the value itself when not an envelope) */
  rowSchema: ConnectSchema | null;
  row: Record<string, unknown> | null;
  source: Record<string, unknown> | null;
}

function fieldSchema(schema: ConnectSchema, name: string): ConnectSchema | undefined {
  return schema.fields?.find((f) => f.name === name)?.schema;
}

/** Reads a Debezium envelope (or an already flattened row) from the converted value. */
export function rowChange(r: ConsumedRecord): RowChange {
  const { schema, payload } = r.value;
  if (payload === null || payload === undefined) return { op: 'tombstone', rowSchema: null, row: null, source: null };
  if (!schema || schema.type !== 'struct' || typeof payload !== 'object') {
    throw new JavaError(DATA_EXCEPTION, `record value from topic ${r.topic} is not a struct (schema type ${schema?.type ?? 'none'})`);
  }
  const p = payload as Record<string, unknown>;
  const isEnvelope = schema.name?.endsWith('.Envelope') || (fieldSchema(schema, 'op') !== undefined && fieldSchema(schema, 'after') !== undefined);
  if (!isEnvelope) return { op: 'c', rowSchema: schema, row: p, source: null };
  const op = String(p.op) as Op;
  const source = (p.source as Record<string, unknown> | null) ?? null;
  if (op === 'd') return { op, rowSchema: fieldSchema(schema, 'before') ?? null, row: (p.before as Record<string, unknown> | null) ?? null, source };
  if (op === 't' || op === 'm') return { op, rowSchema: null, row: null, source };
  if (op !== 'c' && op !== 'r' && op !== 'u') throw new JavaError(DATA_EXCEPTION, `unknown op "${String(p.op)}" in record from topic ${r.topic}`);
  const after = (p.after as Record<string, unknown> | null) ?? null;
  if (!after) throw new JavaError(DATA_EXCEPTION, `op "${op}" without "after" in record from topic ${r.topic}`);
  return { op, rowSchema: fieldSchema(schema, 'after') ?? null, row: after, source };
}

const pad = (n: number | bigint, w = 2) => String(n).padStart(w, '0');

function dateFromDays(days: number): string {
  const d = new Date(days * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** micros since midnight → HH:MM:SS.ffffff */
function timeFromMicros(us: bigint): string {
  const s = us / 1_000_000n;
  const frac = us % 1_000_000n;
  return `${pad(s / 3600n)}:${pad((s / 60n) % 60n)}:${pad(s % 60n)}.${pad(frac, 6)}`;
}

/** micros since the epoch → YYYY-MM-DD HH:MM:SS.ffffff (UTC, no zone: a timestamp without time zone) */
function timestampFromMicros(us: bigint): string {
  let days = us / 86_400_000_000n;
  let rest = us % 86_400_000_000n;
  if (rest < 0n) {
    rest += 86_400_000_000n;
    days -= 1n;
  }
  return `${dateFromDays(Number(days))} ${timeFromMicros(rest)}`;
}

function unscaledToDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  } else if (scale < 0) digits += '0'.repeat(-scale);
  return neg ? `-${digits}` : digits;
}

function bytesToBigint(b: Buffer): bigint {
  if (b.length === 0) return 0n;
  let v = BigInt(`0x${b.toString('hex')}`);
  if (b[0] & 0x80) v -= 1n << BigInt(b.length * 8);
  return v;
}

function asBuffer(v: unknown): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'base64');
}

/** A payload value (JsonConverter representation) as a node-pg parameter for the column type of columnType(). */
export function toPgValue(schema: ConnectSchema, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const big = () => BigInt(typeof value === 'number' ? Math.trunc(value) : String(value));
  switch (schema.name) {
    case LOGICAL.decimal:
      return schema.type === 'bytes'
        ? unscaledToDecimal(bytesToBigint(asBuffer(value)), Number(schema.parameters?.scale ?? 0))
        : String(value);
    case LOGICAL.variableScaleDecimal: {
      const v = value as { scale: number; value: Buffer | string };
      return unscaledToDecimal(bytesToBigint(asBuffer(v.value)), Number(v.scale));
    }
    case LOGICAL.connectDate: case LOGICAL.date: return dateFromDays(Number(value));
    case LOGICAL.connectTime: case LOGICAL.time: return timeFromMicros(big() * 1000n);
    case LOGICAL.microTime: return timeFromMicros(big());
    case LOGICAL.nanoTime: return timeFromMicros(big() / 1000n);
    case LOGICAL.connectTimestamp: case LOGICAL.timestamp: return timestampFromMicros(big() * 1000n);
    case LOGICAL.microTimestamp: return timestampFromMicros(big());
    case LOGICAL.nanoTimestamp: return timestampFromMicros(big() / 1000n);
    case LOGICAL.microDuration: return `${big().toString()} microseconds`;
    default: break;
  }
  switch (schema.type) {
    case 'bytes': return asBuffer(value);
    case 'int64': return big().toString();
    case 'float32': case 'float64':
      return value; // valueFromJson has already made a "NaN"/"Infinity" string 0, as the JsonConverter does
    case 'array': return (value as unknown[]).map((v) => (schema.items ? toPgValue(schema.items, v) : v));
    case 'struct': case 'map':
      throw new JavaError(CONNECT_EXCEPTION, `Unsupported schema type ${schema.type.toUpperCase()}${schema.name ? ` (${schema.name})` : ''}`);
    default: return value;
  }
}
