// org.apache.kafka.connect.transforms.TimestampConverter$Key / $Value (Kafka 3.9): converts the whole key/value or
// one top-level `field` between string (SimpleDateFormat `format` at UTC), unix (a Long in `unix.precision`) and
// Connect's Date / Time / Timestamp. The source kind comes from the schema (the logical name, else string → string,
// int64 → unix) or, schemaless, from the value (Long → unix, String → string, java.util.Date → Timestamp); Date
// drops the time of day, Time keeps only it. Schemaless Date/Time/Timestamp results are java.util.Date objects
// (a JS Date here), which Kafka's JsonConverter cannot write either.
import { ConfigError } from '../../errors.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { LOGICAL } from '../connect-schema.ts';
import type { Transform } from './extract-new-record-state.ts';
import { javaClass, requireStructValue, schemalessLong, schemaUpdateCache } from './java-values.ts';
import { boolOption, copySchemaBasics, newRecord, operatingSchema, operatingValue, requireMap, structGet, TransformDataError, type Side } from './record-side.ts';
import { SimpleDateFormat } from './simple-date-format.ts';

export const TIMESTAMP_CONVERTER = 'org.apache.kafka.connect.transforms.TimestampConverter';
const PURPOSE = 'converting timestamp formats';
const TYPES = ['string', 'unix', 'Date', 'Time', 'Timestamp'] as const;
type Kind = (typeof TYPES)[number];
const PRECISIONS = ['nanoseconds', 'microseconds', 'milliseconds', 'seconds'] as const;
type Precision = (typeof PRECISIONS)[number];
const DAY_MS = 86_400_000;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
/** millis per unit; TimeUnit's conversions to a finer unit saturate at Long's range, to a coarser one truncate */
const PER_MS: Record<Precision, bigint> = { nanoseconds: 1_000_000n, microseconds: 1000n, milliseconds: 1n, seconds: 1n };
const floorMod = (a: number, b: number) => ((a % b) + b) % b;
const clampLong = (v: bigint) => (v < LONG_MIN ? LONG_MIN : v > LONG_MAX ? LONG_MAX : v);

/** ConfigDef.ValidString.in */
function oneOf<T extends string>(options: Record<string, unknown>, name: string, allowed: readonly T[], def: T | undefined, prefix: string): T {
  const raw = options[name];
  if (raw === undefined || raw === null) {
    if (def === undefined) throw new ConfigError(`${prefix}${name}`, `Missing required configuration "${name}" which has no default value.`);
    return def;
  }
  const v = String(raw).trim();
  if (!(allowed as readonly string[]).includes(v)) throw new ConfigError(`${prefix}${name}`, `Invalid value ${v} for configuration ${name}: String must be one of: ${allowed.join(', ')}`);
  return v as T;
}

/** The schema of a converted value: Connect's own schemas (Date/Time/Timestamp with version 1). */
function typeSchema(kind: Kind, optional: boolean): ConnectSchema {
  switch (kind) {
    case 'string': return { type: 'string', optional };
    case 'unix': return { type: 'int64', optional };
    case 'Date': return { type: 'int32', optional, name: LOGICAL.connectDate, version: 1 };
    case 'Time': return { type: 'int32', optional, name: LOGICAL.connectTime, version: 1 };
    default: return { type: 'int64', optional, name: LOGICAL.connectTimestamp, version: 1 };
  }
}

/** TimestampConverter.timestampTypeFromSchema */
function kindOfSchema(schema: ConnectSchema): Kind {
  if (schema.name === LOGICAL.connectTimestamp) return 'Timestamp';
  if (schema.name === LOGICAL.connectDate) return 'Date';
  if (schema.name === LOGICAL.connectTime) return 'Time';
  if (schema.type === 'string') return 'string';
  if (schema.type === 'int64') return 'unix';
  // ConnectSchema.toString
  throw new TransformDataError(`Schema Schema{${schema.name !== undefined ? `${schema.name}:` : ''}${schema.type.toUpperCase()}} does not correspond to a known timestamp type format`);
}

/** TimestampConverter.inferTimestampType, for schemaless values. */
function kindOfValue(v: unknown): Kind {
  if (v instanceof Date) return 'Timestamp';
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return 'unix';
  if (typeof v === 'string') return 'string';
  throw new TransformDataError(`TimestampConverter does not support ${javaClass(v)} objects as timestamps`);
}

export function timestampConverter(side: Side) {
  return (options: Record<string, unknown>, prefix: string): Transform => {
    const field = options.field === undefined || options.field === null ? '' : String(options.field).trim();
    const target = oneOf(options, 'target.type', TYPES, undefined, prefix);
    const precision = oneOf(options, 'unix.precision', PRECISIONS, 'milliseconds', prefix);
    const replaceNull = boolOption(options, 'replace.null.with.default', true, prefix);
    const pattern = options.format === undefined || options.format === null ? '' : String(options.format).trim();
    if (target === 'string' && pattern === '') throw new ConfigError(`${prefix}format`, 'TimestampConverter requires format option to be specified when using string timestamps');
    let format: SimpleDateFormat | null = null;
    if (pattern !== '') {
      try {
        format = new SimpleDateFormat(pattern);
      } catch (e) {
        throw new ConfigError(`${prefix}format`, `TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: ${pattern} (${(e as Error).message})`);
      }
    }

    /** TimestampTranslator.toRaw: epoch millis */
    const toRaw = (kind: Kind, v: unknown, schemaless: boolean): number => {
      switch (kind) {
        case 'string': {
          if (typeof v !== 'string') throw new TransformDataError(`Expected string timestamp to be a String, but found ${javaClass(v)}`);
          if (format === null) throw new TransformDataError(`Could not parse timestamp: value (${v}): no format configured (Kafka fails with a NullPointerException)`);
          const ms = format.parse(v);
          if (ms === null) throw new TransformDataError(`Could not parse timestamp: value (${v}) does not match pattern (${format.pattern})`);
          return ms;
        }
        case 'unix': {
          if (typeof v !== 'bigint' && !(schemaless && typeof v === 'number' && Number.isInteger(v))) throw new TransformDataError(`Expected Unix timestamp to be a Long, but found ${javaClass(v)}`);
          const n = BigInt(v);
          if (precision === 'seconds') return Number(clampLong(n * 1000n));
          return Number(n / PER_MS[precision]); // toward zero, as TimeUnit does
        }
        case 'Date':
          if (v instanceof Date) return v.getTime();
          return Number(v) * DAY_MS;
        default:
          if (v instanceof Date) return v.getTime();
          return Number(v);
      }
    };
    /** TimestampTranslator.toType, in the representation of the target schema (schemaless: Long, java.util.Date) */
    const toType = (ms: number, schemaless: boolean): unknown => {
      switch (target) {
        case 'string': return format!.format(ms);
        case 'unix': {
          const m = BigInt(ms);
          const v = precision === 'seconds' ? m / 1000n : clampLong(m * PER_MS[precision]);
          return schemaless ? schemalessLong(v) : v;
        }
        case 'Date': {
          const day = ms - floorMod(ms, DAY_MS);
          return schemaless ? new Date(day) : day / DAY_MS;
        }
        case 'Time': {
          const time = floorMod(ms, DAY_MS);
          return schemaless ? new Date(time) : time;
        }
        default: return schemaless ? new Date(ms) : BigInt(ms);
      }
    };
    const convert = (v: unknown, kind: Kind | null): unknown => {
      if (v === null || v === undefined) return null;
      const schemaless = kind === null;
      return toType(toRaw(kind ?? kindOfValue(v), v, schemaless), schemaless);
    };

    const convertStruct = (struct: Record<string, unknown> | null, schema: ConnectSchema): Record<string, unknown> | null => {
      if (struct === null) return null;
      const out: Record<string, unknown> = {};
      for (const f of schema.fields ?? []) {
        const v = structGet(f, struct, replaceNull);
        out[f.name] = f.name === field ? convert(v, kindOfSchema(f.schema)) : v;
      }
      return out;
    };
    const updated = schemaUpdateCache((schema) => {
      const out = copySchemaBasics(schema, (schema.fields ?? []).map((f) => (f.name === field ? { name: f.name, schema: typeSchema(target, f.schema.optional) } : f)));
      out.optional = schema.optional;
      if (schema.default !== undefined && schema.default !== null) out.default = convertStruct(schema.default as Record<string, unknown>, schema);
      return out;
    });

    return (record) => {
      const value = operatingValue(record, side);
      const schema = operatingSchema(record, side);
      if (schema === null) {
        if (value === null || value === undefined || field === '') return newRecord(record, side, null, convert(value, null));
        const map = requireMap(value, PURPOSE);
        return newRecord(record, side, null, { ...map, [field]: convert(map[field], null) });
      }
      if (field === '') {
        const kind = kindOfSchema(schema);
        return newRecord(record, side, typeSchema(target, schema.optional), convert(value, kind));
      }
      // requireStructOrNull
      const struct = value === null || value === undefined ? null : requireStructValue(schema, value, PURPOSE);
      return newRecord(record, side, updated(schema), convertStruct(struct, schema));
    };
  };
}
