// Avro binary through avsc, both ways, for values in the engine's Connect representation (json-converter.ts:
// int64 as bigint, bytes and Decimal as Buffer, struct as a plain object, Date/Time as int, Timestamp as int64
// millis). AvroData.fromConnectData maps those one to one onto Avro's base types (Decimal → its unscaled
// two's-complement bytes, Date → days, Time → millis, Timestamp → millis), so the logical types need no hook:
// avsc reads and writes the base type and ignores logicalType when no logicalTypes are given. Records are
// positional for avsc (fields f0, f1, … in schema order; see positional()).
import avro from 'avsc';
import type { ConnectSchema } from '../connect-schema.ts';

/** Avro's long as a JavaScript bigint, so int64 values keep every digit (avsc's default refuses above 2^53). */
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

const types = new Map<string, avro.Type>();

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/**
 * The schema with every named type called T<n> and every record field f<i>. avsc checks names against Avro's
 * ASCII rule, while Java's Avro takes any letter (a column "größe") and does not check namespaces (a table
 * "my-table"); names are not part of the binary encoding, so avsc gets positional ones and the datums use
 * them (toAvroDatum / fromAvroDatum).
 */
function positional(root: Json): Json {
  const named = new Map<string, string>();
  const walk = (s: Json, space: string | null): Json => {
    if (typeof s === 'string') {
      if (PRIMITIVES.has(s)) return s;
      const full = s.includes('.') ? s : space ? `${space}.${s}` : s;
      const n = named.get(full) ?? named.get(s);
      if (!n) throw new Error(`Avro schema refers to an unknown type ${s}`);
      return n;
    }
    if (Array.isArray(s)) return s.map((b) => walk(b, space));
    if (s === null || typeof s !== 'object') return s;
    const o = { ...s };
    if (o.type === 'record' || o.type === 'enum' || o.type === 'fixed') {
      const name = String(o.name);
      const ns = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : o.namespace !== undefined ? (o.namespace as string) || null : space;
      const full = name.includes('.') ? name : ns ? `${ns}.${name}` : name;
      const alias = `T${named.size}`;
      named.set(full, alias);
      o.name = alias;
      delete o.namespace;
      delete o.aliases;
      if (o.type === 'record') {
        o.fields = (o.fields as Array<{ [k: string]: Json }>).map((f, i) => ({ ...f, name: `f${i}`, type: walk(f.type, ns) }));
      }
      return o;
    }
    if (o.type === 'array') o.items = walk(o.items, space);
    if (o.type === 'map') o.values = walk(o.values, space);
    return o;
  };
  return walk(root, null);
}

/** The avsc type of an Avro schema text (cached: every record of a table shares it). */
export function avroType(schemaText: string): avro.Type {
  let t = types.get(schemaText);
  if (!t) {
    // typeHook, not the registry: a long with properties ({"type":"long","connect.version":1}) skips the registry
    const isLong = (s: unknown): boolean => s === 'long' || (typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'long');
    t = avro.Type.forSchema(positional(JSON.parse(schemaText) as Json) as avro.Schema, { typeHook: (s) => (isLong(s) ? (BigLong as unknown as avro.Type) : undefined) });
    types.set(schemaText, t);
  }
  return t;
}

function bytes(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new Error(`expected bytes, got ${typeof v}`);
}

/**
 * AvroData.fromConnectData: the datum avsc writes. A null takes the schema default (Struct.get does), and a
 * null for a required schema is AvroData's DataException, naming the field.
 */
export function toAvroDatum(schema: ConnectSchema, value: unknown, path = ''): unknown {
  if (value === null || value === undefined) {
    if (schema.default !== undefined && schema.default !== null) value = schema.default;
    else if (schema.optional) return null;
    else throw new Error(`Found null value for non-optional schema${path ? ` (field ${path})` : ''}`);
  }
  switch (schema.type) {
    case 'int8': case 'int16': case 'int32': case 'float32': case 'float64': return Number(value);
    case 'int64': return BigInt(value as number | bigint);
    case 'boolean': return Boolean(value);
    case 'string': return String(value);
    case 'bytes': return bytes(value);
    case 'array': return (value as unknown[]).map((x, i) => toAvroDatum(schema.items!, x, `${path}[${i}]`));
    case 'map': {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      if (schema.keys!.type === 'string' && !schema.keys!.optional) {
        const out: Record<string, unknown> = {};
        for (const [k, x] of entries) out[String(k)] = toAvroDatum(schema.values!, x, `${path}.${String(k)}`);
        return out;
      }
      return entries.map(([k, x]) => ({ f0: toAvroDatum(schema.keys!, k, `${path}.key`), f1: toAvroDatum(schema.values!, x, `${path}.value`) }));
    }
    case 'struct': {
      const struct = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      schema.fields!.forEach((f, i) => {
        out[`f${i}`] = toAvroDatum(f.schema, struct[f.name], path ? `${path}.${f.name}` : f.name);
      });
      return out;
    }
  }
}

/** AvroData.toConnectData's values, in the engine's representation, for the Connect schema of the writer schema. */
export function fromAvroDatum(schema: ConnectSchema, datum: unknown): unknown {
  if (datum === null || datum === undefined) return null;
  switch (schema.type) {
    case 'int8': case 'int16': case 'int32': case 'float32': case 'float64': case 'boolean': case 'string': return datum;
    case 'int64': return BigInt(datum as bigint);
    case 'bytes': return bytes(datum);
    case 'array': return (datum as unknown[]).map((x) => fromAvroDatum(schema.items!, x));
    case 'map': {
      if (Array.isArray(datum)) {
        return new Map((datum as Array<{ f0: unknown; f1: unknown }>).map((e) => [fromAvroDatum(schema.keys!, e.f0), fromAvroDatum(schema.values!, e.f1)]));
      }
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(datum as object)) out[k] = fromAvroDatum(schema.values!, x);
      return out;
    }
    case 'struct': {
      const rec = datum as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      schema.fields!.forEach((f, i) => {
        out[f.name] = fromAvroDatum(f.schema, rec[`f${i}`]);
      });
      return out;
    }
  }
}
