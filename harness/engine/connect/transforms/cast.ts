// org.apache.kafka.connect.transforms.Cast$Key / $Value (Kafka 3.9): `spec` is one type for the whole key/value or
// field:type pairs for top-level struct (or schemaless map) fields; int8..float64, boolean, string. Numbers narrow as
// Java's Number.xxxValue() does (wrap, doubles saturate), strings parse as Byte.parseByte … Double.parseDouble,
// booleans are 1/0 and "true" (any case), anything cast to string is its Java toString (Float/Double.toString,
// BigDecimal.toString, bytes as base64, Connect Date/Time/Timestamp through Values.dateFormatFor). A cast field's new
// schema is a plain one (a logical name is lost) keeping optional and the cast default; the struct keeps its name.
// A schemaless map is a copy with every spec field put (a missing one as null). A null value passes unchanged.
import { ConfigError } from '../../errors.ts';
import type { ConnectField, ConnectSchema, ConnectType } from '../connect-schema.ts';
import { LOGICAL } from '../connect-schema.ts';
import { javaDoubleToString, javaFloatToString } from '../java-format.ts';
import type { Transform } from './extract-new-record-state.ts';
import { javaClass, requireStructValue, schemalessLong, schemalessType, schemaUpdateCache } from './java-values.ts';
import { boolOption, copySchemaBasics, newRecord, operatingSchema, operatingValue, requireMap, structGet, TransformDataError, type Side } from './record-side.ts';
import { javaDateString } from './simple-date-format.ts';

export const CAST = 'org.apache.kafka.connect.transforms.Cast';
const PURPOSE = 'cast types';
const INPUT: ConnectType[] = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string', 'bytes'];
const OUTPUT: ConnectType[] = INPUT.slice(0, -1);
const ALL_TYPES: ConnectType[] = [...INPUT, 'array', 'map', 'struct'];
const upper = (types: ConnectType[]) => `[${types.map((t) => t.toUpperCase()).join(', ')}]`;
const DATE_LIKE = new Set<string>([LOGICAL.connectDate, LOGICAL.connectTime, LOGICAL.connectTimestamp]);
const DAY_MS = 86_400_000;

/** ConfigDef.Type.LIST: trimmed, split on commas with the blanks around them (empty items kept, as Java does). */
function javaList(v: unknown): string[] {
  const t = String(v).trim();
  return t === '' ? [] : t.split(/\s*,\s*/);
}

/** String.split(":"): the string itself without a colon, else trailing empty strings dropped. */
function javaSplit(s: string): string[] {
  if (!s.includes(':')) return [s];
  const parts = s.split(':');
  while (parts.length > 0 && parts.at(-1) === '') parts.pop();
  return parts;
}

/** Cast.parseFieldTypes: field → type; the key null is the whole value. */
function parseSpec(options: Record<string, unknown>, prefix: string): Map<string | null, ConnectType> {
  const key = `${prefix}spec`;
  if (options.spec === undefined || options.spec === null) throw new ConfigError(key, 'Missing required configuration "spec" which has no default value.');
  const mappings = javaList(options.spec);
  if (mappings.length === 0) throw new ConfigError(key, 'Must specify at least one field to cast.');
  const type = (name: string): ConnectType => {
    const t = name.trim().toLowerCase() as ConnectType;
    if (!ALL_TYPES.includes(t)) throw new ConfigError(key, `Invalid type found in casting spec: ${name.trim()}`);
    if (!OUTPUT.includes(t)) throw new ConfigError(key, `Cast transformation does not support casting to ${t.toUpperCase()}; supported types are ${upper(OUTPUT)}`);
    return t;
  };
  const casts = new Map<string | null, ConnectType>();
  let whole = false;
  for (const mapping of mappings) {
    const parts = javaSplit(mapping);
    // Kafka reports this with ReplaceField's key and message
    if (parts.length > 2) throw new ConfigError(key, `Invalid rename mapping: ${mapping}`);
    if (parts.length === 1) {
      casts.set(null, type(parts[0]!));
      whole = true;
    } else if (parts.length === 2) casts.set(parts[0]!.trim(), type(parts[1]!));
  }
  if (whole && mappings.length > 1) throw new ConfigError(key, 'Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec');
  return casts;
}

/** A value as the Java object Cast sees: its Connect type, and for Decimal the BigDecimal, for dates the millis. */
type JavaValue =
  | { kind: 'integral'; v: bigint }
  | { kind: 'floating'; v: number; float: boolean }
  | { kind: 'decimal'; unscaled: bigint; scale: number }
  | { kind: 'boolean'; v: boolean }
  | { kind: 'string'; v: string }
  | { kind: 'bytes'; v: Buffer }
  | { kind: 'date'; ms: number };

function unscaledOf(b: Buffer): bigint {
  if (b.length === 0) return 0n;
  const v = BigInt(`0x${b.toString('hex')}`);
  return b[0]! & 0x80 ? v - (1n << BigInt(8 * b.length)) : v;
}

function javaValue(type: ConnectType, schema: ConnectSchema | null, value: unknown, target: ConnectType): JavaValue {
  if (schema?.name === LOGICAL.decimal && Buffer.isBuffer(value)) return { kind: 'decimal', unscaled: unscaledOf(value), scale: Number(schema.parameters?.scale ?? 0) };
  // encodeLogicalType: Date/Time/Timestamp are their int32/int64 encodings unless cast to string
  if (target === 'string' && schema?.name !== undefined && DATE_LIKE.has(schema.name)) {
    const n = Number(value);
    return { kind: 'date', ms: schema.name === LOGICAL.connectDate ? n * DAY_MS : n };
  }
  switch (type) {
    case 'int8': case 'int16': case 'int32': case 'int64': return { kind: 'integral', v: BigInt(value as number | bigint) };
    case 'float32': case 'float64': return { kind: 'floating', v: value as number, float: type === 'float32' };
    case 'boolean': return { kind: 'boolean', v: value as boolean };
    case 'string': return { kind: 'string', v: value as string };
    default: return { kind: 'bytes', v: value as Buffer };
  }
}

const BITS: Partial<Record<ConnectType, number>> = { int8: 8, int16: 16, int32: 32, int64: 64 };
const RANGE = (bits: number): [bigint, bigint] => [-(1n << BigInt(bits - 1)), (1n << BigInt(bits - 1)) - 1n];

/** Java's (int) / (long) of a double: toward zero, saturating, NaN → 0. */
function saturate(d: number, bits: 32 | 64): bigint {
  if (Number.isNaN(d)) return 0n;
  const [min, max] = RANGE(bits);
  if (d <= Number(min)) return min;
  if (d >= Number(max)) return max;
  return BigInt(Math.trunc(d));
}

/** BigDecimal.toBigInteger(): the unscaled value with the fraction dropped. */
const decimalInteger = (u: bigint, scale: number): bigint => (scale >= 0 ? u / 10n ** BigInt(scale) : u * 10n ** BigInt(-scale));
const decimalNumber = (u: bigint, scale: number): number => Number(`${u}e${-scale}`);

/** BigDecimal.toString: plain unless the scale is negative or the adjusted exponent is below -6. */
function bigDecimalString(u: bigint, scale: number): string {
  const neg = u < 0n;
  const coeff = (neg ? -u : u).toString();
  const adjusted = -scale + coeff.length - 1;
  let out: string;
  if (scale === 0) out = coeff;
  else if (scale > 0 && adjusted >= -6) {
    const digits = coeff.padStart(scale + 1, '0');
    out = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  } else out = `${coeff[0]}${coeff.length > 1 ? `.${coeff.slice(1)}` : ''}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  return neg ? `-${out}` : out;
}

/** Java's floating-point literal grammar (Float.parseFloat / Double.parseDouble), after trim(). */
const JAVA_FLOAT = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;
const JAVA_HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)[fFdD]?$/;
function parseJavaFloat(s: string): number {
  const t = s.trim();
  if (JAVA_FLOAT.test(t)) return Number(t.replace(/[fFdD]$/, ''));
  const hex = JAVA_HEX_FLOAT.exec(t);
  if (hex && (hex[2] !== '' || hex[3] !== '')) {
    const v = Number.parseInt(`${hex[2]}${hex[3]}` || '0', 16) * 2 ** (Number(hex[4]) - 4 * hex[3]!.length);
    return hex[1] === '-' ? -v : v;
  }
  throw new RangeError('NumberFormatException');
}

/** Byte/Short/Integer/Long.parseXxx: an optional sign and decimal digits within the range. */
function parseJavaInt(s: string, bits: number): bigint {
  if (!/^[+-]?\d+$/.test(s)) throw new RangeError('NumberFormatException');
  const v = BigInt(s);
  const [min, max] = RANGE(bits);
  if (v < min || v > max) throw new RangeError('NumberFormatException');
  return v;
}

const UNEXPECTED = (what: string) => new TransformDataError(`Unexpected type in Cast transformation: ${what}`);

function toIntegral(j: JavaValue, bits: number): bigint {
  switch (j.kind) {
    case 'integral': return BigInt.asIntN(bits, j.v);
    case 'floating': return BigInt.asIntN(bits, saturate(j.v, bits === 64 ? 64 : 32));
    case 'decimal': return BigInt.asIntN(bits, decimalInteger(j.unscaled, j.scale));
    case 'boolean': return j.v ? 1n : 0n;
    case 'string': return parseJavaInt(j.v, bits);
    case 'bytes': throw UNEXPECTED('class [B');
    default: throw UNEXPECTED('class java.util.Date');
  }
}

function toDouble(j: JavaValue): number {
  switch (j.kind) {
    case 'integral': return Number(j.v);
    case 'floating': return j.v;
    case 'decimal': return decimalNumber(j.unscaled, j.scale);
    case 'boolean': return j.v ? 1 : 0;
    case 'string': return parseJavaFloat(j.v);
    case 'bytes': throw UNEXPECTED('class [B');
    default: throw UNEXPECTED('class java.util.Date');
  }
}

function toBoolean(j: JavaValue): boolean {
  switch (j.kind) {
    case 'boolean': return j.v;
    case 'string': return j.v.toLowerCase() === 'true';
    case 'bytes': throw UNEXPECTED('class [B');
    case 'date': throw UNEXPECTED('class java.util.Date');
    default: return toIntegral(j, 64) !== 0n; // Number.longValue() != 0
  }
}

function toJavaString(j: JavaValue): string {
  switch (j.kind) {
    case 'integral': return j.v.toString();
    case 'floating': return j.float ? javaFloatToString(j.v) : javaDoubleToString(j.v);
    case 'decimal': return bigDecimalString(j.unscaled, j.scale);
    case 'boolean': return String(j.v);
    case 'string': return j.v;
    case 'bytes': return j.v.toString('base64');
    default: return javaDateString(j.ms);
  }
}

/** Cast.castValueToType; `schema` null for schemaless values. */
function castValue(schema: ConnectSchema | null, value: unknown, target: ConnectType, schemaless: boolean): unknown {
  if (value === null || value === undefined) return null;
  const type = schema === null ? schemalessType(value) : schema.type;
  if (type === null) throw new TransformDataError(`Cast transformation was passed a value of type ${javaClass(value)} which is not supported by Connect's data API`);
  if (!INPUT.includes(type)) throw new TransformDataError(`Cast transformation does not support casting from ${type.toUpperCase()}; supported types are ${upper(INPUT)}`);
  const j = javaValue(type, schema, value, target);
  try {
    switch (target) {
      case 'int64': {
        const v = toIntegral(j, 64);
        return schemaless ? schemalessLong(v) : v;
      }
      case 'int8': case 'int16': case 'int32': return Number(toIntegral(j, BITS[target]!));
      case 'float32': return Math.fround(toDouble(j));
      case 'float64': return toDouble(j);
      case 'boolean': return toBoolean(j);
      default: return toJavaString(j);
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const text = j.kind === 'string' ? j.v : toJavaString(j);
    throw new TransformDataError(`Value (${text}) was out of range for requested data type`);
  }
}

export function cast(side: Side) {
  return (options: Record<string, unknown>, prefix: string): Transform => {
    const casts = parseSpec(options, prefix);
    const whole = casts.get(null);
    const replaceNull = boolOption(options, 'replace.null.with.default', true, prefix);
    /** Cast.getOrBuildSchema */
    const updated = schemaUpdateCache((schema) => {
      let out: ConnectSchema;
      if (whole !== undefined) {
        out = { ...copySchemaBasics(schema, []), type: whole };
        delete out.fields;
      } else {
        const fields: ConnectField[] = (schema.fields ?? []).map((f) => {
          const to = casts.get(f.name);
          if (to === undefined) return f;
          const fs: ConnectSchema = { type: to, optional: f.schema.optional };
          if (f.schema.default !== undefined && f.schema.default !== null) fs.default = castValue(f.schema, f.schema.default, to, false);
          return { name: f.name, schema: fs };
        });
        out = copySchemaBasics(schema, fields);
      }
      out.optional = schema.optional;
      if (schema.default !== undefined && schema.default !== null) out.default = castValue(schema, schema.default, out.type, false);
      return out;
    });
    return (record) => {
      const value = operatingValue(record, side);
      if (value === null || value === undefined) return record;
      const schema = operatingSchema(record, side);
      if (schema === null) {
        if (whole !== undefined) return newRecord(record, side, null, castValue(null, value, whole, true));
        const out: Record<string, unknown> = { ...requireMap(value, PURPOSE) };
        for (const [field, to] of casts) out[field!] = castValue(null, out[field!], to, true);
        return newRecord(record, side, null, out);
      }
      const newSchema = updated(schema);
      if (whole !== undefined) return newRecord(record, side, newSchema, castValue(schema, value, whole, false));
      const struct = requireStructValue(schema, value, PURPOSE);
      const out: Record<string, unknown> = {};
      for (const f of schema.fields ?? []) {
        const v = structGet(f, struct, replaceNull);
        const to = casts.get(f.name);
        out[f.name] = to === undefined ? v : castValue(f.schema, v, to, false);
      }
      return newRecord(record, side, newSchema, out);
    };
  };
}
