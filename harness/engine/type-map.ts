// PostgreSQL column → Kafka Connect schema + value, as Debezium 3.2's PostgresValueConverter (and its
// base io.debezium.jdbc.JdbcValueConverters) does it on the pgoutput path, where
// ReplicationMessageColumnValueResolver first turns the text into Java values (Integer, Instant, PGInterval …).
// Payload value representation (see json-converter.ts): int64 → bigint, bytes → Buffer, struct → plain object.
import { createHash } from 'node:crypto';
import type { ColumnMeta, TextValue } from './contract.js';
import { UNCHANGED_TOAST } from './contract.js';
import type { PostgresConnectorConfig } from './config.js';
import { LOGICAL, s, type ConnectSchema } from './connect-schema.js';
import { bigintToTwosComplement, decimalToPlainString, parseDecimal, setScale, stripTrailingZeros } from './decimal.js';
import {
  parseArray, parseBytea, parseDateDays, parseHstore, parseInterval, parseMoney, parsePoint,
  parseTimeMicros, parseTimestampMicros, parseTimeTz, type PgArray,
} from './pg-text.js';
import { formatZonedTime, formatZonedTimestamp } from './time-format.js';
import { defaultValueText } from './default-value.js';
import { javaHashMapOrder } from './java-hashmap.js';
import { jsonString } from './json-converter.js';

/** The settings the mapping reads (a PostgresConnectorConfig satisfies it). */
export type TypeMapConfig = Pick<PostgresConnectorConfig,
  'decimalHandlingMode' | 'timePrecisionMode' | 'binaryHandlingMode' | 'intervalHandlingMode' |
  'hstoreHandlingMode' | 'moneyFractionDigits' | 'includeUnknownDatatypes' | 'unavailableValuePlaceholder'>;

export interface ColumnMapping {
  /** the field schema, optional = column nullable; `default` set from a literal column default */
  schema: ConnectSchema;
  /**
   * text (or null / UNCHANGED_TOAST) → payload value. `snapshot` selects the JDBC-read flavour where
   * Debezium's snapshot and pgoutput paths differ (today only the `name` type).
   */
  convert(value: TextValue, snapshot?: boolean): unknown;
}

/** Raised for values Debezium itself refuses (e.g. NaN numeric under decimal.handling.mode=precise). */
export class ValueConversionError extends Error {}

interface Kind {
  /** schema with optional=true (the column's nullability is applied later) */
  schema: ConnectSchema;
  /** non-null text → value */
  fromText(text: string): unknown;
  /** non-null text → value on the snapshot (JDBC) path, when it differs from the pgoutput path */
  fromSnapshotText?: (text: string) => unknown;
  /** what an unchanged TOASTed value becomes (UnchangedToastedPlaceholder) */
  toast: (cfg: TypeMapConfig) => unknown;
  /** JdbcValueConverters.convertValue fallback for null in a NOT NULL column without default */
  fallback: unknown;
}

const NANOS_OR_MICROS_PRECISION_DEFAULT = 6; // pgjdbc TypeInfoCache.getScale: time types with typmod -1 → 6

/** time/timetz/timestamp/timestamptz precision (typmod is the precision, -1 = 6). */
export function timePrecision(col: Pick<ColumnMeta, 'typeMod'>): number {
  return col.typeMod >= 0 ? col.typeMod : NANOS_OR_MICROS_PRECISION_DEFAULT;
}

/** numeric(p,s) from atttypmod: ((p << 16) | s) + 4; -1 = unconstrained (Debezium: VariableScaleDecimal). */
export function numericPrecisionScale(typeMod: number): { precision: number; scale: number } | null {
  if (typeMod < 4) return null;
  const t = typeMod - 4;
  return { precision: (t >> 16) & 0xffff, scale: t & 0xffff };
}

const placeholderString = (cfg: TypeMapConfig): string => cfg.unavailableValuePlaceholder;
const placeholderBytes = (cfg: TypeMapConfig): Buffer => Buffer.from(cfg.unavailableValuePlaceholder, 'utf8');

function stringKind(schema: ConnectSchema = s.prim('string')): Kind {
  return { schema, fromText: (t) => t, toast: placeholderString, fallback: '' };
}

function javaFloatSpecial(text: string): number | undefined {
  if (text === 'NaN') return NaN;
  if (text === 'Infinity') return Infinity;
  if (text === '-Infinity') return -Infinity;
  return undefined;
}

function binaryKind(cfg: TypeMapConfig): Kind {
  // CommonConnectorConfig.BinaryHandlingMode and JdbcValueConverters.convertBinary*
  switch (cfg.binaryHandlingMode) {
    case 'bytes':
      return { schema: s.prim('bytes'), fromText: parseBytea, toast: placeholderBytes, fallback: Buffer.alloc(0) };
    case 'base64':
      // an unchanged TOASTed bytea has no base64 form in Debezium: the field comes out null
      return { schema: s.prim('string'), fromText: (t) => parseBytea(t).toString('base64'), toast: () => null, fallback: '' };
    case 'base64-url-safe':
      return { schema: s.prim('string'), fromText: (t) => parseBytea(t).toString('base64url'), toast: () => null, fallback: '' };
    case 'hex':
      return { schema: s.prim('string'), fromText: (t) => parseBytea(t).toString('hex'), toast: placeholderString, fallback: '' };
  }
}

// SpecialValueDecimal.toString under decimal.handling.mode=string prints the enum constant's name
const SPECIAL_NAMES: Record<string, string> = { NaN: 'NAN', Infinity: 'POSITIVE_INFINITY', '-Infinity': 'NEGATIVE_INFINITY' };

function numericKind(col: ColumnMeta, cfg: TypeMapConfig): Kind {
  // PostgresValueConverter.numericSchema / convertDecimal; SpecialValueDecimal for NaN/Infinity
  const ps = numericPrecisionScale(col.typeMod);
  const variable = ps === null || (ps.precision === 0 && ps.scale === 0);
  const special = (t: string): boolean => t === 'NaN' || t === 'Infinity' || t === '-Infinity';
  const refuse = (t: string): never => {
    throw new ValueConversionError(
      `column ${col.name}: got the special value ${t} for a numeric column, which decimal.handling.mode=precise cannot carry; ` +
      `set decimal.handling.mode to "string" or "double" (as Debezium's SpecialValueDecimal requires)`);
  };
  if (cfg.decimalHandlingMode === 'double') {
    return { schema: s.prim('float64'), fromText: (t) => javaFloatSpecial(t) ?? Number(t), toast: placeholderString, fallback: 0 };
  }
  if (cfg.decimalHandlingMode === 'string') {
    return {
      schema: s.prim('string'),
      fromText: (t) => (special(t) ? SPECIAL_NAMES[t] : decimalToPlainString(ps && !variable ? setScale(parseDecimal(t), ps.scale) : parseDecimal(t))),
      toast: placeholderString,
      fallback: '0',
    };
  }
  if (variable) {
    const schema = s.struct(LOGICAL.variableScaleDecimal, [
      s.field('scale', s.prim('int32', false)),
      s.field('value', s.prim('bytes', false)),
    ], true, { version: 1, doc: 'Variable scaled decimal' });
    return {
      schema,
      fromText: (t) => {
        if (special(t)) return refuse(t);
        const d = stripTrailingZeros(parseDecimal(t));
        return { scale: d.scale, value: bigintToTwosComplement(d.unscaled) };
      },
      toast: placeholderString,
      fallback: { scale: 0, value: Buffer.from([0]) },
    };
  }
  const scale = ps!.scale;
  return {
    schema: s.logical('bytes', LOGICAL.decimal, 1, true, { scale: String(scale), 'connect.decimal.precision': String(ps!.precision) }),
    fromText: (t) => (special(t) ? refuse(t) : bigintToTwosComplement(setScale(parseDecimal(t), scale).unscaled)),
    toast: placeholderString,
    fallback: Buffer.from([0]),
  };
}

function moneyKind(cfg: TypeMapConfig): Kind {
  // PostgresValueConverter.moneySchema / convertMoney; the pgoutput value arrives as a BigDecimal of the text
  const digits = cfg.moneyFractionDigits;
  switch (cfg.decimalHandlingMode) {
    case 'double':
      return { schema: s.prim('float64'), fromText: (t) => Number(moneyDecimalText(t)), toast: placeholderString, fallback: 0 };
    case 'string':
      return { schema: s.prim('string'), fromText: moneyDecimalText, toast: placeholderString, fallback: (0).toFixed(digits) };
    case 'precise':
      return {
        schema: s.logical('bytes', LOGICAL.decimal, 1, true, { scale: String(digits) }),
        fromText: (t) => bigintToTwosComplement(setScale(parseDecimal(moneyDecimalText(t)), digits).unscaled),
        toast: placeholderString,
        fallback: Buffer.from([0]),
      };
  }
}

/** '$1,234.56' → '1234.56', '-$0.99' → '-0.99' (BigDecimal.toPlainString of the parsed amount) */
function moneyDecimalText(t: string): string {
  const neg = parseMoney(t) < 0 || /^\(.*\)$/.test(t.trim()) || t.trim().startsWith('-');
  const digits = t.replace(/[^0-9.]/g, '');
  return (neg ? '-' : '') + digits;
}

function dateKind(cfg: TypeMapConfig): Kind {
  // TemporalPrecisionMode.getDateBuilder: io.debezium.time.Date, or Connect's Date in connect mode (both days)
  const schema = cfg.timePrecisionMode === 'connect'
    ? s.logical('int32', LOGICAL.connectDate, 1)
    : s.logical('int32', LOGICAL.date, 1);
  return { schema, fromText: parseDateDays, toast: placeholderString, fallback: 0 };
}

function timeKind(col: ColumnMeta, cfg: TypeMapConfig): Kind {
  // JdbcValueConverters.schemaBuilder(TIME) + convertTime*: adaptive picks by precision
  const p = timePrecision(col);
  const millis = (t: string): number => Number(parseTimeMicros(t) / 1000n);
  if (cfg.timePrecisionMode === 'connect') {
    return { schema: s.logical('int32', LOGICAL.connectTime, 1), fromText: millis, toast: placeholderString, fallback: 0 };
  }
  if (cfg.timePrecisionMode === 'adaptive' && p <= 3) {
    return { schema: s.logical('int32', LOGICAL.time, 1), fromText: millis, toast: placeholderString, fallback: 0 };
  }
  if (cfg.timePrecisionMode === 'adaptive' && p > 6) {
    return { schema: s.logical('int64', LOGICAL.nanoTime, 1), fromText: (t) => parseTimeMicros(t) * 1000n, toast: placeholderString, fallback: 0n };
  }
  return { schema: s.logical('int64', LOGICAL.microTime, 1), fromText: parseTimeMicros, toast: placeholderString, fallback: 0n };
}

// PostgresValueConverter: 'infinity'/'-infinity' timestamps become PGStatement.DATE_(POSITIVE|NEGATIVE)_INFINITY micros
const PG_POS_INFINITY_MICROS = 9223372036825200000n;
const PG_NEG_INFINITY_MICROS = -9223372036832400000n;

function timestampMicros(t: string): bigint {
  if (t === 'infinity') return PG_POS_INFINITY_MICROS;
  if (t === '-infinity') return PG_NEG_INFINITY_MICROS;
  return parseTimestampMicros(t);
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

function timestampKind(col: ColumnMeta, cfg: TypeMapConfig): Kind {
  // TemporalPrecisionMode.getTimestampBuilder: connect → Connect Timestamp (ms); adaptive(*) → by precision
  const p = timePrecision(col);
  const millis = (t: string): bigint => floorDiv(timestampMicros(t), 1000n);
  if (cfg.timePrecisionMode === 'connect') {
    return { schema: s.logical('int64', LOGICAL.connectTimestamp, 1), fromText: millis, toast: placeholderString, fallback: 0n };
  }
  if (p <= 3) return { schema: s.logical('int64', LOGICAL.timestamp, 1), fromText: millis, toast: placeholderString, fallback: 0n };
  if (p <= 6) return { schema: s.logical('int64', LOGICAL.microTimestamp, 1), fromText: timestampMicros, toast: placeholderString, fallback: 0n };
  return { schema: s.logical('int64', LOGICAL.nanoTimestamp, 1), fromText: (t) => timestampMicros(t) * 1000n, toast: placeholderString, fallback: 0n };
}

function timestamptzKind(col: ColumnMeta): Kind {
  // PostgresValueConverter.convertTimestampWithZone: UTC, fraction width = column scale; infinity kept as text
  const width = timePrecision(col);
  return {
    schema: s.logical('string', LOGICAL.zonedTimestamp, 1),
    fromText: (t) => (t === 'infinity' || t === '-infinity' ? t : formatZonedTimestamp(parseTimestampMicros(t), width)),
    toast: placeholderString,
    fallback: '1970-01-01T00:00:00Z',
  };
}

function timetzKind(): Kind {
  // PostgresValueConverter.convertTimeWithZone: shifted to UTC, printed as ISO_OFFSET_TIME
  return {
    schema: s.logical('string', LOGICAL.zonedTime, 1),
    fromText: (t) => {
      const { micros, offsetSeconds } = parseTimeTz(t);
      const day = 86_400_000_000n;
      const utc = (((micros - BigInt(offsetSeconds) * 1_000_000n) % day) + day) % day;
      return formatZonedTime(utc);
    },
    toast: placeholderString,
    fallback: '00:00:00Z',
  };
}

/** io.debezium.time.MicroDuration.durationMicros with DAYS_PER_MONTH_AVG = 30.4375 */
export function durationMicros(i: ReturnType<typeof parseInterval>): bigint {
  const numberOfDays = (i.years * 12 + i.months) * 30.4375 + i.days;
  const numberOfSeconds = ((numberOfDays * 24 + i.hours) * 60 + i.minutes) * 60 + i.seconds;
  return BigInt(Math.trunc(numberOfSeconds * 1e6));
}

/** io.debezium.time.Interval.toIsoString: 'P1Y2M3DT4H5M6.78S' */
export function intervalIsoString(i: ReturnType<typeof parseInterval>): string {
  const secs = decimalToPlainString(stripTrailingZeros(parseDecimal(String(i.seconds))));
  return `P${i.years}Y${i.months}M${i.days}DT${i.hours}H${i.minutes}M${secs}S`;
}

function intervalKind(cfg: TypeMapConfig): Kind {
  if (cfg.intervalHandlingMode === 'string') {
    return { schema: s.logical('string', LOGICAL.interval, 1), fromText: (t) => intervalIsoString(parseInterval(t)), toast: placeholderString, fallback: 'P0Y0M0DT0H0M0S' };
  }
  return { schema: s.logical('int64', LOGICAL.microDuration, 1), fromText: (t) => durationMicros(parseInterval(t)), toast: placeholderString, fallback: 0n };
}

function bitsKind(col: ColumnMeta): Kind {
  // PostgresValueConverter: BIT(1)/VARBIT(1) → boolean, else io.debezium.data.Bits (little-endian bytes)
  // an unbounded varbit reports length <= 1 through pgjdbc, so Debezium maps it as boolean too
  const length = col.typeMod > 0 ? col.typeMod : 1;
  if (length <= 1) return { schema: s.prim('boolean'), fromText: (t) => parseInt(t, 2) !== 0, toast: placeholderString, fallback: false };
  return {
    schema: s.logical('bytes', LOGICAL.bits, 1, true, { length: String(length) }),
    fromText: (t) => {
      // bit i of the BitSet is character (len-1-i); BitSet.toByteArray is little-endian, sized by the highest set bit
      const bytes: number[] = [];
      for (let i = 0; i < t.length; i++) {
        if (t[t.length - 1 - i] === '1') {
          while (bytes.length <= i >> 3) bytes.push(0);
          bytes[i >> 3] |= 1 << (i & 7);
        }
      }
      return Buffer.from(bytes);
    },
    toast: placeholderString,
    fallback: Buffer.alloc(0),
  };
}

function pointWkb(x: number, y: number): Buffer {
  // io.debezium.data.geometry.Point.buildWKBPoint: little-endian WKB POINT
  const b = Buffer.alloc(21);
  b.writeUInt8(1, 0);
  b.writeUInt32LE(1, 1);
  b.writeDoubleLE(x, 5);
  b.writeDoubleLE(y, 13);
  return b;
}

function pointKind(): Kind {
  const schema = s.struct(LOGICAL.point, [
    s.field('x', s.prim('float64', false)),
    s.field('y', s.prim('float64', false)),
    s.field('wkb', s.prim('bytes', true)),
    s.field('srid', s.prim('int32', true)),
  ], true, { version: 1, doc: 'Geometry (POINT)' });
  const make = (x: number, y: number): unknown => ({ x, y, wkb: pointWkb(x, y), srid: null });
  return { schema, fromText: (t) => make(...parsePoint(t)), toast: placeholderString, fallback: make(0, 0) };
}

function hstoreKind(cfg: TypeMapConfig): Kind {
  if (cfg.hstoreHandlingMode === 'map') {
    return {
      schema: { type: 'map', optional: true, keys: s.prim('string', false), values: s.prim('string', true) },
      fromText: (t) => new Map(javaHashMapOrder([...parseHstore(t)])),
      toast: (c) => new Map([[c.unavailableValuePlaceholder, c.unavailableValuePlaceholder]]),
      fallback: new Map(),
    };
  }
  return {
    schema: s.logical('string', LOGICAL.json, 1),
    // Jackson writeStringField per entry: a null value prints as null
    fromText: (t) => `{${javaHashMapOrder([...parseHstore(t)]).map(([k, v]) => `${jsonString(k)}:${v === null ? 'null' : jsonString(v)}`).join(',')}}`,
    toast: (c) => `{${JSON.stringify(c.unavailableValuePlaceholder)}:${JSON.stringify(c.unavailableValuePlaceholder)}}`,
    fallback: '{}',
  };
}

function enumKind(values: string[] | undefined): Kind {
  return stringKind(s.logical('string', LOGICAL.enum, 1, true, { allowed: (values ?? []).join(',') }));
}

/** UUID.nameUUIDFromBytes (type 3, MD5) — the placeholder of an unchanged uuid[] */
function nameUuidFromBytes(bytes: Buffer): string {
  const h = createHash('md5').update(bytes).digest();
  h[6] = (h[6] & 0x0f) | 0x30;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Scalar kinds by type name (pg_type.typname); null = Debezium has no converter (column dropped). */
function scalarKind(typeName: string, col: ColumnMeta, cfg: TypeMapConfig): Kind | null {
  switch (typeName) {
    case 'int2':
      return { schema: s.prim('int16'), fromText: Number, toast: placeholderString, fallback: 0 };
    case 'int4':
      return { schema: s.prim('int32'), fromText: Number, toast: placeholderString, fallback: 0 };
    case 'int8':
    case 'oid': // PgOid.OID → int64 (convertBigInt)
      return { schema: s.prim('int64'), fromText: BigInt, toast: placeholderString, fallback: 0n };
    case 'float4':
      return { schema: s.prim('float32'), fromText: (t) => javaFloatSpecial(t) ?? Math.fround(Number(t)), toast: placeholderString, fallback: 0 };
    case 'float8':
      return { schema: s.prim('float64'), fromText: (t) => javaFloatSpecial(t) ?? Number(t), toast: placeholderString, fallback: 0 };
    case 'numeric':
      return numericKind(col, cfg);
    case 'money':
      return moneyKind(cfg);
    case 'bool':
      return { schema: s.prim('boolean'), fromText: (t) => t === 't' || t === 'true', toast: placeholderString, fallback: false };
    case 'text': case 'varchar': case 'bpchar': case 'char': case 'citext':
    case 'inet': case 'cidr': case 'macaddr': case 'macaddr8':
    case 'int4range': case 'int8range': case 'numrange': case 'tsrange': case 'tstzrange': case 'daterange':
      return stringKind();
    case 'name':
      // ReplicationMessageColumnValueResolver has no case for name: on the stream AbstractColumnValue.asDefault
      // gives null (or the text with include.unknown.datatypes); the JDBC snapshot reads the string
      return {
        schema: s.prim('string'),
        fromText: (t) => (cfg.includeUnknownDatatypes ? t : null),
        fromSnapshotText: (t) => t,
        toast: placeholderString,
        fallback: '',
      };
    case 'bytea':
      return binaryKind(cfg);
    case 'uuid':
      return stringKind(s.logical('string', LOGICAL.uuid, 1));
    case 'json': case 'jsonb':
      return stringKind(s.logical('string', LOGICAL.json, 1));
    case 'xml':
      return stringKind(s.logical('string', LOGICAL.xml, 1));
    case 'ltree':
      return stringKind(s.logical('string', LOGICAL.ltree, 1));
    case 'date':
      return dateKind(cfg);
    case 'time':
      return timeKind(col, cfg);
    case 'timetz':
      return timetzKind();
    case 'timestamp':
      return timestampKind(col, cfg);
    case 'timestamptz':
      return timestamptzKind(col);
    case 'interval':
      return intervalKind(cfg);
    case 'bit': case 'varbit':
      return bitsKind(col);
    case 'point':
      return pointKind();
    case 'hstore':
      return hstoreKind(cfg);
    default:
      return null;
  }
}

// PostgresValueConverter: array types with no schema (MONEY_ARRAY, NAME_ARRAY, INTERVAL_ARRAY, VARBIT_ARRAY,
// XML_ARRAY, POINT_ARRAY …) are dropped; these element types are the ones it maps.
const ARRAY_ELEMENTS = new Set([
  'int2', 'int4', 'int8', 'oid', 'char', 'varchar', 'text', 'bpchar', 'numeric', 'float4', 'float8', 'bool', 'date',
  'inet', 'cidr', 'macaddr', 'macaddr8', 'tsrange', 'tstzrange', 'daterange', 'int4range', 'numrange', 'int8range',
  'uuid', 'jsonb', 'json', 'time', 'timetz', 'timestamp', 'timestamptz', 'bytea', 'citext', 'hstore', 'ltree',
]);

/** UnchangedToastedReplicationMessageColumn.setUnchangedToastValue + UnchangedToastedPlaceholder */
function arrayToast(elementType: string, cfg: TypeMapConfig): unknown {
  const bytes = placeholderBytes(cfg);
  switch (elementType) {
    case 'text': case 'varchar': case 'bpchar': case 'json': case 'jsonb':
      return [cfg.unavailableValuePlaceholder];
    case 'int4': case 'date':
      return [...bytes].map((b) => (b > 127 ? b - 256 : b));
    case 'int8':
      return [...bytes].map((b) => BigInt(b > 127 ? b - 256 : b));
    case 'bytea':
      return [bytes];
    case 'uuid':
      return [nameUuidFromBytes(bytes)];
    default:
      throw new ValueConversionError(`an unchanged TOASTed ${elementType}[] value has no placeholder in Debezium (it fails the same way)`);
  }
}

function arrayKind(col: ColumnMeta, cfg: TypeMapConfig): Kind | null {
  const elementType = col.elementTypeName ?? col.typeName.replace(/^_/, '');
  let element: Kind | null;
  let elementSchema: ConnectSchema;
  if (col.enumValues) {
    // enum arrays: element schema is io.debezium.data.Enum, not marked optional (PostgresValueConverter)
    element = enumKind(col.enumValues);
    elementSchema = { ...element.schema, optional: false };
  } else {
    if (!ARRAY_ELEMENTS.has(elementType)) return cfg.includeUnknownDatatypes ? unknownKind(cfg) : null;
    // the element column shares the array column's typmod (Column.editor().length/scale from the array column)
    element = scalarKind(elementType, { ...col, typeName: elementType }, cfg);
    if (!element) return null;
    elementSchema = element.schema;
  }
  const el = element;
  const convertList = (list: PgArray): unknown[] =>
    list.map((v) => (v === null ? null : Array.isArray(v) ? convertList(v) : el.fromText(v)));
  return {
    schema: s.array(elementSchema),
    fromText: (t) => convertList(parseArray(t)),
    toast: (c) => arrayToast(elementType, c),
    fallback: [],
  };
}

function unknownKind(cfg: TypeMapConfig): Kind {
  // include.unknown.datatypes=true: the value's bytes (text form) under binary.handling.mode
  const b = binaryKind(cfg);
  return { ...b, fromText: (t) => b.fromText(`\\x${Buffer.from(t, 'utf8').toString('hex')}`) };
}

function kindFor(col: ColumnMeta, cfg: TypeMapConfig): Kind | null {
  if (col.typeCategory === 'A' || col.typeName.startsWith('_')) return arrayKind(col, cfg);
  if (col.typeCategory === 'E' || (col.enumValues && col.enumValues.length > 0)) return enumKind(col.enumValues);
  const scalar = scalarKind(col.typeName, col, cfg);
  if (scalar) return scalar;
  // domains resolve to their base type (ReplicationMessageColumnValueResolver walks getParentType)
  if (col.baseTypeName && col.baseTypeName !== col.typeName) {
    const base = scalarKind(col.baseTypeName, { ...col, typeName: col.baseTypeName }, cfg);
    if (base) return base;
  }
  return cfg.includeUnknownDatatypes ? unknownKind(cfg) : null;
}

/** The schema default for a column (PostgresDefaultValueConverter), as a payload value; structs get none. */
function columnDefault(col: ColumnMeta, kind: Kind): unknown {
  if (kind.schema.type === 'struct') return undefined;
  const isEnum = col.typeCategory === 'E' || (!!col.enumValues && col.typeCategory !== 'A');
  const text = defaultValueText(col.baseTypeName ?? col.typeName, col.defaultExpression, isEnum);
  if (text === undefined) return undefined;
  try {
    return kind.fromText(text);
  } catch {
    return undefined; // "Cannot parse column default value": Debezium logs and leaves the default out
  }
}

/** The mapping for one column, or null when Debezium would leave the column out of the event. */
export function mapColumn(col: ColumnMeta, cfg: TypeMapConfig): ColumnMapping | null {
  const kind = kindFor(col, cfg);
  if (!kind) return null;
  const schema: ConnectSchema = { ...kind.schema, optional: col.nullable };
  const def = columnDefault(col, kind);
  if (def !== undefined) schema.default = def;
  return {
    schema,
    convert(value: TextValue, snapshot = false): unknown {
      if (value === UNCHANGED_TOAST) {
        const t = kind.toast(cfg);
        if (typeof t === 'string' && schema.type !== 'string') {
          // Debezium hands the placeholder string to a non-string schema and Connect rejects the record
          throw new ValueConversionError(`column ${col.name}: an unchanged TOASTed ${col.typeName} value cannot carry the placeholder`);
        }
        return t;
      }
      if (value === null) {
        // JdbcValueConverters.convertValue: null in a NOT NULL column → schema default, else the type's fallback
        if (col.nullable) return null;
        return def !== undefined ? def : kind.fallback;
      }
      return snapshot && kind.fromSnapshotText ? kind.fromSnapshotText(value) : kind.fromText(value);
    },
  };
}
