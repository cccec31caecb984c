// A column's type name, length and scale as Debezium's PostgreSQL connector records them on its Column (what
// column.truncate/mask.hash and *.propagate.source.type read). Two paths, two sources:
// - streaming: pgoutput's ColumnMetaData takes TypeInfo.getPrecision/getScale(oid, typmod) when the relation
//   message carries a typmod, else PostgresType.getDefaultLength/getDefaultScale (precision, or the display
//   size when that is 0); the type name is pg_type's;
// - snapshot: the table read through JDBC metadata (PostgresConnection.doReadTableColumn over pgjdbc's
//   PgDatabaseMetaData.getColumns): COLUMN_SIZE (no display-size fallback for numeric, so unconstrained
//   numeric is 0), DECIMAL_DIGITS (none for unconstrained numeric), and TYPE_NAME serial/bigserial/smallserial
//   for an int column whose default calls nextval(.
// The numbers are pgjdbc 42.7.7's TypeInfoCache, with its connection default unknownLength = Integer.MAX_VALUE.
// Domains (PostgresType.getDefaultLength/Scale, used on both paths): the nearest domain typmod applied to its
// parent type when that gives a length other than 0 and Integer.MAX_VALUE, else unknown; no typmod in the
// chain: the root base type's defaults.
import type { ColumnMeta } from './contract.ts';

const UNKNOWN_LENGTH = 2_147_483_647;

// TypeInfoCache.convertArrayToBaseOid knows the arrays of its built-in types only
const BUILT_IN = new Set([
  'int2', 'int4', 'oid', 'int8', 'money', 'numeric', 'float4', 'float8', 'char', 'bpchar', 'varchar', 'varbit', 'text',
  'name', 'bytea', 'bool', 'bit', 'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'refcursor', 'json', 'point', 'box',
]);

function baseType(col: ColumnMeta): string {
  const isArray = col.typeCategory === 'A' || col.typeName.startsWith('_');
  if (!isArray) return col.baseTypeName ?? col.typeName;
  const element = col.elementTypeName ?? col.typeName.slice(1);
  return BUILT_IN.has(element) ? element : col.typeName;
}

function secondSize(typmod: number): number {
  return typmod === -1 ? 7 : typmod === 0 ? 0 : typmod === 1 ? 3 : typmod + 1;
}

/** TypeInfoCache.getDisplaySize */
function displaySize(type: string, typmod: number): number {
  switch (type) {
    case 'int2': return 6;
    case 'int4': return 11;
    case 'oid': return 10;
    case 'int8': return 20;
    case 'float4': return 15;
    case 'float8': return 25;
    case 'char': case 'bool': return 1;
    case 'date': return 13;
    case 'time': return 8 + secondSize(typmod);
    case 'timetz': return 8 + secondSize(typmod) + 6;
    case 'timestamp': return 13 + 1 + 8 + secondSize(typmod);
    case 'timestamptz': return 13 + 1 + 8 + secondSize(typmod) + 6;
    case 'interval': return 49;
    case 'varchar': case 'bpchar': return typmod === -1 ? UNKNOWN_LENGTH : typmod - 4;
    case 'numeric': {
      if (typmod === -1) return 131089;
      const precision = ((typmod - 4) >> 16) & 0xffff;
      const scale = (typmod - 4) & 0xffff;
      return 1 + precision + (scale !== 0 ? 1 : 0);
    }
    case 'bit': return typmod;
    case 'varbit': return typmod === -1 ? UNKNOWN_LENGTH : typmod;
    default: return UNKNOWN_LENGTH;
  }
}

/** TypeInfoCache.getPrecision */
function precision(type: string, typmod: number): number {
  switch (type) {
    case 'int2': return 5;
    case 'oid': case 'int4': return 10;
    case 'int8': return 19;
    case 'float4': return 8;
    case 'float8': return 17;
    case 'numeric': return typmod === -1 ? 0 : ((typmod - 4) & 0xffff0000) >> 16;
    case 'char': case 'bool': return 1;
    case 'bpchar': case 'varchar': return typmod === -1 ? UNKNOWN_LENGTH : typmod - 4;
    case 'date': case 'time': case 'timetz': case 'interval': case 'timestamp': case 'timestamptz': return displaySize(type, typmod);
    case 'bit': return typmod;
    case 'varbit': return typmod === -1 ? UNKNOWN_LENGTH : typmod;
    default: return UNKNOWN_LENGTH;
  }
}

/** TypeInfoCache.getScale */
function scale(type: string, typmod: number): number {
  switch (type) {
    case 'float4': return 8;
    case 'float8': return 17;
    case 'numeric': return typmod === -1 ? 0 : (typmod - 4) & 0xffff;
    case 'time': case 'timetz': case 'timestamp': case 'timestamptz': return typmod === -1 ? 6 : typmod;
    case 'interval': return typmod === -1 ? 6 : typmod & 0xffff;
    default: return 0;
  }
}

const isDomain = (col: ColumnMeta): boolean => col.baseTypeName !== undefined && col.baseTypeName !== col.typeName;
const isArray = (col: ColumnMeta): boolean => col.typeCategory === 'A' || col.typeName.startsWith('_');

/** Column.length(); -1 would be Column.UNSET_INT_VALUE. */
export function sourceLength(col: ColumnMeta, snapshot = false): number {
  // the JDBC read of a domain column takes PostgresType's defaults too (PostgresConnection.doReadTableColumn)
  if (isDomain(col)) snapshot = false;
  if (col.domainTypeMod !== undefined && col.domainParentTypeName !== undefined) {
    const parent = col.domainParentTypeName;
    let size = precision(parent, col.domainTypeMod);
    if (size === 0) size = displaySize(parent, col.domainTypeMod);
    return size !== 0 && size !== UNKNOWN_LENGTH ? size : UNKNOWN_LENGTH;
  }
  const type = baseType(col);
  if (snapshot) {
    const size = precision(type, col.typeMod);
    return size === 0 && !(type === 'numeric' && !isArray(col)) ? displaySize(type, col.typeMod) : size;
  }
  if (col.typeMod !== -1) return precision(type, col.typeMod);
  const size = precision(type, -1);
  return size === 0 ? displaySize(type, -1) : size;
}

/** Column.scale(); undefined when absent (snapshot: DECIMAL_DIGITS is null for unconstrained numeric). */
export function sourceScale(col: ColumnMeta, snapshot = false): number | undefined {
  if (isDomain(col)) snapshot = false;
  if (col.domainTypeMod !== undefined && col.domainParentTypeName !== undefined) return scale(col.domainParentTypeName, col.domainTypeMod);
  const type = baseType(col);
  if (snapshot && type === 'numeric' && !isArray(col) && col.typeMod === -1) return undefined;
  return scale(type, col.typeMod);
}

/** Column.typeName(): pg_type's name; the JDBC read says serial for an int column with a nextval( default. */
export function sourceTypeName(col: ColumnMeta, snapshot = false): string {
  if (snapshot && col.defaultExpression?.includes('nextval(')) {
    const serial: Record<string, string> = { int4: 'serial', int8: 'bigserial', int2: 'smallserial' };
    if (serial[col.typeName]) return serial[col.typeName];
  }
  return col.typeName;
}

/** MaskStrings.create masks only columns whose JDBC type is a character type (CHAR, VARCHAR …; enums are VARCHAR). */
export function isCharacterColumn(col: ColumnMeta): boolean {
  if (col.typeCategory === 'A' || col.typeName.startsWith('_')) return false;
  if (col.typeCategory === 'E' || (col.enumValues && col.enumValues.length > 0)) return true;
  return ['char', 'bpchar', 'varchar', 'text', 'name'].includes(col.baseTypeName ?? col.typeName);
}
