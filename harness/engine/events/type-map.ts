// PostgreSQL column → Kafka Connect schema + value, as Debezium 3.2's PostgresValueConverter (and its
// base io.debezium.jdbc.JdbcValueConverters) does it on the pgoutput path, where
// ReplicationMessageColumnValueResolver first turns the text into Java values (Integer, Instant, PGInterval …).
// Payload value representation (see json-converter.ts): int64 → bigint, bytes → Buffer, struct → plain object.
import { createHash } from 'node:crypto';
import type { ColumnMeta, TextValue } from './contract.ts';
import { UNCHANGED_TOAST } from './contract.ts';
import { LOGICAL, s, type ConnectSchema } from '../connect/connect-schema.ts';
import { defaultValueText } from './default-value.ts';
import { parseArray, type PgArray } from '../postgres/pg-text.ts';
import {
  javaFloatSpecial, placeholderBytes, placeholderString, stringKind, ValueConversionError, type Kind, type TypeMapConfig,
} from './type-kind.ts';
import { moneyKind, numericKind } from './type-kinds-numeric.ts';
import { binaryKind, bitsKind, enumKind, hstoreKind, pointKind } from './type-kinds-other.ts';
import { dateKind, intervalKind, timeKind, timestampKind, timestamptzKind, timetzKind } from './type-kinds-temporal.ts';

export { ValueConversionError, type TypeMapConfig } from './type-kind.ts';
export { numericPrecisionScale } from './type-kinds-numeric.ts';
export { durationMicros, intervalIsoString, timePrecision } from './type-kinds-temporal.ts';

export interface ColumnMapping {
  /** the field schema, optional = column nullable; `default` set from a literal column default */
  schema: ConnectSchema;
  /**
   * text (or null / UNCHANGED_TOAST) → payload value. `snapshot` selects the JDBC-read flavour where
   * Debezium's snapshot and pgoutput paths differ (today only the `name` type).
   */
  convert(value: TextValue, snapshot?: boolean): unknown;
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
