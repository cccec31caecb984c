// The record model sinks and transforms share: a Kafka record whose key and value came through
// Kafka Connect's JsonConverter (schemas.enable=true: {"schema":…,"payload":…}), decoded into a
// ConnectSchema and values in the representation json-converter.ts prints (int64 as bigint, bytes
// as Buffer, structs as plain objects in field order), so a value printed again is byte-for-byte
// what Java's JsonConverter would print.
import type { ConnectField, ConnectSchema, ConnectType } from './connect-schema.ts';
import { valueToJson } from './json-converter.ts';

export interface RecordHeader {
  key: string;
  /** bytes as they travel in Kafka (SimpleHeaderConverter text for headers added by transforms) */
  value: Buffer | null;
}

/**
 * A record as Kafka Connect's transforms see it (ConnectRecord): what source and sink records share. A source
 * record has no partition until the producer picks one (null) unless the connector pins it.
 */
export interface ConnectRecord {
  topic: string;
  partition: number | null;
  keySchema: ConnectSchema | null;
  key: unknown;
  valueSchema: ConnectSchema | null;
  value: unknown;
  headers: RecordHeader[];
  /** record timestamp (ms); a source record has none (null: the producer's time) unless a transform sets one, as the outbox EventRouter does */
  timestamp?: number | null;
}

export interface SinkRecord extends ConnectRecord {
  partition: number;
  /** Kafka offset, as a decimal string (kafkajs gives strings; offsets exceed 2^53 in theory) */
  offset: string;
  /** record timestamp, ms since the epoch */
  timestamp: number;
}

/** A JSON number kept as its source text (JSON.parse would round int64 above 2^53). */
class RawNumber {
  readonly raw: string;
  constructor(raw: string) {
    this.raw = raw;
  }
}

/** a JSON number at lastIndex (sticky: no copy of the rest of the text per number) */
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** JSON.parse that keeps numbers as RawNumber. */
export function parseLossless(text: string): unknown {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`invalid JSON at position ${i}: ${what}`);
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a string key');
        const k = str();
        ws();
        if (text[i] !== ':') fail('expected :');
        i++;
        obj[k] = value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        fail('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail('expected , or ]');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) { i += 4; return true; }
    if (text.startsWith('false', i)) { i += 5; return false; }
    if (text.startsWith('null', i)) { i += 4; return null; }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return new RawNumber(m[0]);
  };
  const str = (): string => {
    const start = i;
    i++;
    let simple = true;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') { simple = false; i += 2; } else i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    return simple ? text.slice(start + 1, i - 1) : (JSON.parse(text.slice(start, i)) as string);
  };
  const out = value();
  ws();
  if (i !== text.length) fail('trailing characters');
  return out;
}

/** Plain JS value of a lossless tree (numbers as Number), for schemaless payloads. */
function plain(v: unknown): unknown {
  if (v instanceof RawNumber) return Number(v.raw);
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const TYPE_NAMES: Record<string, ConnectType> = {
  int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', float: 'float32', double: 'float64',
  boolean: 'boolean', string: 'string', bytes: 'bytes', array: 'array', map: 'map', struct: 'struct',
};

/** JsonConverter.asConnectSchema */
export function schemaFromJson(j: unknown): ConnectSchema {
  const o = j as Record<string, unknown>;
  const type = TYPE_NAMES[String(o.type)];
  if (!type) throw new Error(`unknown Connect schema type ${JSON.stringify(o.type)}`);
  const out: ConnectSchema = { type, optional: o.optional === true };
  if (typeof o.name === 'string') out.name = o.name;
  if (o.version instanceof RawNumber) out.version = Number(o.version.raw);
  if (typeof o.doc === 'string') out.doc = o.doc;
  if (o.parameters && typeof o.parameters === 'object') out.parameters = o.parameters as Record<string, string>;
  if (type === 'struct') {
    out.fields = ((o.fields as unknown[]) ?? []).map((f): ConnectField => ({ name: String((f as Record<string, unknown>).field), schema: schemaFromJson(f) }));
  }
  if (type === 'array') out.items = schemaFromJson(o.items);
  if (type === 'map') {
    out.keys = schemaFromJson(o.keys);
    out.values = schemaFromJson(o.values);
  }
  if (o.default !== undefined && o.default !== null) out.default = valueFromJson(out, o.default);
  return out;
}

const UNSAFE_INTEGER = new Error('an int64 beyond 2^53 read through JSON.parse');

/**
 * JSON text with every integer of 16 or more digits put in quotes, so JSON.parse keeps its digits
 * (Debezium's ts_ns has 19). Strings are matched whole first, so digits inside them are left alone;
 * the lookbehind/lookahead skip the digits of fractions and exponents.
 */
const TOKENS = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;
function quoteLongIntegers(text: string): string {
  return text.replace(TOKENS, (m) => (m.charCodeAt(0) === 0x22 ? m : `"${m}"`));
}

/** JsonConverter.convertToConnect, into json-converter.ts's value representation. */
/**
 * `keepNonFinite`: read "NaN"/"Infinity" as those numbers (the source's own records, which Java never reads back)
 * instead of JsonConverter.toConnectData's 0.0.
 */
export function valueFromJson(schema: ConnectSchema, v: unknown, keepNonFinite = false): unknown {
  if (v === null || v === undefined) return null;
  switch (schema.type) {
    case 'int8': case 'int16': case 'int32':
      return typeof v === 'number' ? v : Number((v as RawNumber).raw);
    case 'int64':
      if (typeof v === 'number') {
        // from JSON.parse: beyond 2^53 the literal may have been rounded; the caller re-reads it losslessly
        if (!Number.isSafeInteger(v)) throw UNSAFE_INTEGER;
        return BigInt(v);
      }
      if (typeof v === 'string') return BigInt(v); // quoted by quoteLongIntegers
      return BigInt((v as RawNumber).raw);
    case 'float32': case 'float64':
      // "NaN"/"Infinity" arrive as JSON strings; the JsonConverter reads a float with
      // JsonNode.doubleValue(), which is 0.0 for a text node: NaN becomes 0, silently
      if (typeof v === 'string') return keepNonFinite ? Number(v) : 0;
      return v instanceof RawNumber ? Number(v.raw) : Number(v);
    case 'boolean': case 'string':
      return v;
    case 'bytes':
      return Buffer.from(String(v), 'base64');
    case 'array':
      return (v as unknown[]).map((x) => valueFromJson(schema.items!, x, keepNonFinite));
    case 'map':
      if (schema.keys!.type === 'string') {
        return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, valueFromJson(schema.values!, x, keepNonFinite)]));
      }
      return new Map((v as unknown[][]).map(([k, x]) => [valueFromJson(schema.keys!, k, keepNonFinite), valueFromJson(schema.values!, x, keepNonFinite)]));
    case 'struct': {
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of schema.fields!) out[f.name] = valueFromJson(f.schema, o[f.name], keepNonFinite);
      return out;
    }
  }
}

/** The index just past the JSON object or `null` that starts at `start`, or -1 (strings may hold braces). */
function endOfValue(text: string, start: number): number {
  if (text.startsWith('null', start)) return start + 4;
  if (text.charCodeAt(start) !== 0x7b /* { */) return -1;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
  }
  return -1;
}

const SCHEMA_HEAD = Buffer.from('{"schema":');
const PAYLOAD_HEAD = Buffer.from(',"payload":');
/**
 * Schemas by their JSON text. Every record of a table carries the same schema text, most of its
 * bytes: parsing it once, and comparing bytes instead of decoding them, makes decoding several
 * times faster (measured with `npm run bench -- s3`) and gives the records one shared schema
 * object, which the printers and transforms key on.
 */
const schemaTexts = new Map<string, ConnectSchema | null>();
const recentSchemas: Array<{ bytes: Buffer; schema: ConnectSchema | null }> = [];

function startsWithAt(buf: Buffer, part: Buffer, at: number): boolean {
  return buf.length >= at + part.length && buf.compare(part, 0, part.length, at, at + part.length) === 0;
}

/** The schema of a JsonConverter envelope as printed ({"schema":S,"payload":P}) and where P starts, or null. */
function cachedSchema(buf: Buffer): { schema: ConnectSchema | null; payloadStart: number } | null {
  if (!startsWithAt(buf, SCHEMA_HEAD, 0) || buf[buf.length - 1] !== 0x7d) return null;
  // a complete JSON value S followed by ,"payload": is the schema whatever comes after it
  const at = SCHEMA_HEAD.length;
  for (const r of recentSchemas) {
    if (startsWithAt(buf, r.bytes, at) && startsWithAt(buf, PAYLOAD_HEAD, at + r.bytes.length)) {
      return { schema: r.schema, payloadStart: at + r.bytes.length + PAYLOAD_HEAD.length };
    }
  }
  const text = buf.toString('utf8');
  const end = endOfValue(text, at);
  if (end < 0 || !text.startsWith(',"payload":', end)) return null;
  const s = text.slice(at, end);
  let schema = schemaTexts.get(s);
  if (schema === undefined) {
    schema = s === 'null' ? null : schemaFromJson(parseLossless(s));
    if (schemaTexts.size >= 256) schemaTexts.clear();
    schemaTexts.set(s, schema);
  }
  const bytes = Buffer.from(s, 'utf8');
  recentSchemas.unshift({ bytes, schema });
  if (recentSchemas.length > 8) recentSchemas.length = 8;
  return { schema, payloadStart: at + bytes.length + PAYLOAD_HEAD.length };
}

/** Decodes JsonConverter bytes: with an envelope {schema, payload}, else a schemaless value. */
export function decodeConnectJson(buf: Buffer | null | undefined, keepNonFinite = false): { schema: ConnectSchema | null; value: unknown } {
  if (buf === null || buf === undefined || buf.length === 0) return { schema: null, value: null };
  const fast = cachedSchema(buf);
  if (fast !== null) {
    const text = buf.toString('utf8', fast.payloadStart, buf.length - 1);
    let payload: unknown;
    try {
      // JSON.parse (native) reads every number exactly but integers beyond 2^53: valueFromJson
      // throws UNSAFE_INTEGER for those in int64 fields, and the lossless parser reads them again
      payload = JSON.parse(fast.schema === null ? text : quoteLongIntegers(text));
    } catch {
      payload = undefined; // not the printed shape (e.g. more keys after payload): the full parse below decides
    }
    if (payload !== undefined) {
      if (fast.schema === null) return { schema: null, value: payload };
      try {
        return { schema: fast.schema, value: valueFromJson(fast.schema, payload, keepNonFinite) };
      } catch (e) {
        if (e !== UNSAFE_INTEGER) throw e;
        return { schema: fast.schema, value: valueFromJson(fast.schema, parseLossless(text), keepNonFinite) };
      }
    }
  }
  const tree = parseLossless(buf.toString('utf8'));
  if (tree && typeof tree === 'object' && !Array.isArray(tree) && 'schema' in tree && 'payload' in tree) {
    const t = tree as { schema: unknown; payload: unknown };
    if (t.schema === null) return { schema: null, value: plain(t.payload) };
    const schema = schemaFromJson(t.schema);
    return { schema, value: valueFromJson(schema, t.payload, keepNonFinite) };
  }
  return { schema: null, value: plain(tree) };
}

function bigintSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  // a java.util.Date (schemaless TimestampConverter to Date/Time/Timestamp): JsonConverter.convertToJson finds no
  // schema type for its class (ConnectSchema.schemaType) and throws; printing it as {} would write garbage
  if (v instanceof Date) {
    throw Object.assign(new Error('Java class class java.util.Date does not have corresponding schema type.'), { name: 'DataException' });
  }
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), bigintSafe(x)]));
  if (Array.isArray(v)) return v.map(bigintSafe);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bigintSafe(x)]));
  return v;
}

/** JsonConverter with schemas.enable=false: the payload alone, as Java prints it. */
export function payloadToJson(schema: ConnectSchema | null, value: unknown): string {
  if (schema) return valueToJson(schema, value);
  return JSON.stringify(bigintSafe(value) ?? null);
}

/** A record from kafkajs's message fields. */
export function recordFromKafka(
  topic: string,
  partition: number,
  m: { offset: string; timestamp: string; key: Buffer | null; value: Buffer | null; headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined> },
): SinkRecord {
  const k = decodeConnectJson(m.key);
  const v = decodeConnectJson(m.value);
  const headers: RecordHeader[] = [];
  for (const [key, hv] of Object.entries(m.headers ?? {})) {
    for (const one of Array.isArray(hv) ? hv : [hv]) headers.push({ key, value: one === undefined ? null : Buffer.from(one) });
  }
  return { topic, partition, offset: m.offset, timestamp: Number(m.timestamp), keySchema: k.schema, key: k.value, valueSchema: v.schema, value: v.value, headers };
}
