// SQL for the Postgres sink, shaped as the Debezium JDBC sink's PostgresDatabaseDialect writes it:
// CREATE TABLE with NULL/NOT NULL per column and a PRIMARY KEY clause, ALTER TABLE … ADD COLUMN,
// INSERT … ON CONFLICT (…) DO UPDATE SET c=EXCLUDED.c, UPDATE … WHERE key, DELETE … WHERE key,
// TRUNCATE TABLE. Identifiers are always quoted here (quoteIdent); with quote.identifiers=false a
// name is folded to lower case first, which is what PostgreSQL does to the unquoted names the
// Debezium sink writes then. Values are always bind parameters ($1, $2, …), never pasted in.
import type { ConnectSchema } from '../../connect/connect-schema.ts';
import { LOGICAL } from '../../connect/connect-schema.ts';
import { javaDoubleToString, javaFloatToString } from '../../connect/java-format.ts';

export interface TableId {
  schema: string | null;
  name: string;
}

export interface ColumnDef {
  name: string;
  schema: ConnectSchema;
  key: boolean;
}

export function quoteIdent(id: string): string {
  if (id.includes('\u0000')) throw new Error(`identifier contains a NUL character: ${JSON.stringify(id)}`);
  return `"${id.replace(/"/g, '""')}"`;
}

/** The identifier as PostgreSQL would store it: exact when quoted, lower-cased (ASCII only) when not. */
export function identifierName(id: string, quoteIdentifiers: boolean): string {
  return quoteIdentifiers ? id : id.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function tableSql(t: TableId): string {
  return t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.name)}` : quoteIdent(t.name);
}

/**
 * DefaultCollectionNamingStrategy: ${topic}, ${source.db}, ${source.schema}, ${source.table}
 * substituted, then dots replaced by underscores.
 */
export function collectionName(format: string, topic: string, source?: Record<string, unknown> | null): string {
  const pick = (k: string) => (source && source[k] != null ? String(source[k]) : '');
  return format
    .replace(/\$\{topic\}/g, topic)
    .replace(/\$\{source\.db\}/g, pick('db'))
    .replace(/\$\{source\.schema\}/g, pick('schema'))
    .replace(/\$\{source\.table\}/g, pick('table'))
    .replace(/\./g, '_');
}

/** Column type for a Connect schema (PostgresDatabaseDialect's registered types). */
export function columnType(schema: ConnectSchema): string {
  const p = schema.parameters ?? {};
  switch (schema.name) {
    case LOGICAL.decimal: {
      const precision = p['connect.decimal.precision'];
      const scale = p.scale ?? '0';
      return precision ? `numeric(${precision}, ${scale})` : 'numeric';
    }
    // VariableScaleDecimalType registers Types.DOUBLE: the value is bound as a decimal, the column is a double
    case LOGICAL.variableScaleDecimal: return 'double precision';
    case LOGICAL.connectDate: case LOGICAL.date: return 'date';
    case LOGICAL.connectTime: case LOGICAL.time: return 'time(3)';
    case LOGICAL.microTime: case LOGICAL.nanoTime: return 'time(6)';
    case LOGICAL.connectTimestamp: case LOGICAL.timestamp: return 'timestamp(3)';
    case LOGICAL.microTimestamp: case LOGICAL.nanoTimestamp: return 'timestamp(6)';
    case LOGICAL.zonedTimestamp: return 'timestamp(6) with time zone';
    case LOGICAL.zonedTime: return 'time(6) with time zone';
    case LOGICAL.uuid: return 'uuid';
    case LOGICAL.json: return 'json';
    case LOGICAL.xml: return 'xml';
    case LOGICAL.enum: return 'text';
    case LOGICAL.ltree: return 'ltree';
    case LOGICAL.bits: return p.length ? `bit varying(${p.length})` : 'bit varying';
    case LOGICAL.microDuration: case LOGICAL.interval: return 'interval';
    default: break;
  }
  switch (schema.type) {
    case 'int8': case 'int16': return 'smallint';
    case 'int32': return 'integer';
    case 'int64': return 'bigint';
    case 'float32': return 'real';
    case 'float64': return 'double precision';
    case 'boolean': return 'boolean';
    case 'string': return 'text';
    case 'bytes': return 'bytea';
    case 'array':
      if (!schema.items) throw new Error('array schema without items');
      return `${columnType(schema.items)}[]`;
    default:
      throw new Error(`no column type for a Connect ${schema.type} schema${schema.name ? ` (${schema.name})` : ''}`);
  }
}

/**
 * GeneralDatabaseDialect.addColumnDefaultValue with AbstractType.getDefaultValueBinding: the
 * schema's default as a literal, for the plain Connect types (a logical type's own binding is not
 * modelled: no DEFAULT). Seen in the schema-changes lab: the real sink copies `DEFAULT 0`.
 */
function defaultClause(schema: ConnectSchema): string {
  const v = schema.default;
  if (v === undefined || v === null || schema.name !== undefined) return '';
  switch (schema.type) {
    case 'int8': case 'int16': case 'int32': case 'int64': return ` DEFAULT ${String(v)}`;
    case 'float32': return ` DEFAULT ${javaFloatToString(Number(v))}`;
    case 'float64': return ` DEFAULT ${javaDoubleToString(Number(v))}`;
    case 'string': return ` DEFAULT '${String(v).replace(/(?<!')'(?!')/g, "''")}'`;
    case 'boolean': return ` DEFAULT '${v === true ? 'TRUE' : 'FALSE'}'`;
    default: return '';
  }
}

function columnSpec(c: ColumnDef, quote: boolean): string {
  const nullable = c.schema.optional && !c.key;
  return `${quoteIdent(identifierName(c.name, quote))} ${columnType(c.schema)}${defaultClause(c.schema)} ${nullable ? 'NULL' : 'NOT NULL'}`;
}

export function createTableSql(t: TableId, columns: ColumnDef[], quote: boolean): string {
  const specs = columns.map((c) => columnSpec(c, quote));
  const keys = columns.filter((c) => c.key).map((c) => quoteIdent(identifierName(c.name, quote)));
  if (keys.length > 0) specs.push(`PRIMARY KEY(${keys.join(', ')})`);
  return `CREATE TABLE ${tableSql(t)} (${specs.join(', ')})`;
}

/**
 * Added columns as the real sink adds them: with the schema's default and its NULL/NOT NULL, so a
 * required field without a default cannot be added to a table that has rows (PostgreSQL refuses).
 */
export function alterTableSql(t: TableId, added: ColumnDef[], quote: boolean): string {
  const specs = added.map((c) => `ADD COLUMN ${quoteIdent(identifierName(c.name, quote))} ${columnType(c.schema)}${defaultClause(c.schema)} ${c.schema.optional ? 'NULL' : 'NOT NULL'}`);
  return `ALTER TABLE ${tableSql(t)} ${specs.join(', ')}`;
}

/** `rows` > 1: a multi-row VALUES list, parameters row after row. */
export function insertSql(t: TableId, columns: string[], quote: boolean, rows = 1): string {
  const cols = columns.map((c) => quoteIdent(identifierName(c, quote)));
  const tuples = Array.from({ length: rows }, (_, r) => `(${cols.map((_, i) => `$${r * cols.length + i + 1}`).join(', ')})`);
  return `INSERT INTO ${tableSql(t)} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`;
}

/** Parameters: key values then non-key values, row after row; the rows' keys must be distinct. */
export function upsertSql(t: TableId, keys: string[], nonKeys: string[], quote: boolean, rows = 1): string {
  const q = (c: string) => quoteIdent(identifierName(c, quote));
  const base = insertSql(t, [...keys, ...nonKeys], quote, rows);
  const conflict = `ON CONFLICT (${keys.map(q).join(', ')})`;
  if (nonKeys.length === 0) return `${base} ${conflict} DO NOTHING`;
  return `${base} ${conflict} DO UPDATE SET ${nonKeys.map((c) => `${q(c)}=EXCLUDED.${q(c)}`).join(', ')}`;
}

/** Parameters: the non-key values first, then the key values. */
export function updateSql(t: TableId, keys: string[], nonKeys: string[], quote: boolean): string {
  const q = (c: string) => quoteIdent(identifierName(c, quote));
  const set = nonKeys.map((c, i) => `${q(c)}=$${i + 1}`).join(', ');
  const where = keys.map((c, i) => `${q(c)}=$${nonKeys.length + i + 1}`).join(' AND ');
  return `UPDATE ${tableSql(t)} SET ${set} WHERE ${where}`;
}

export function deleteSql(t: TableId, keys: string[], quote: boolean): string {
  const where = keys.map((c, i) => `${quoteIdent(identifierName(c, quote))}=$${i + 1}`).join(' AND ');
  return `DELETE FROM ${tableSql(t)} WHERE ${where}`;
}

export function truncateSql(t: TableId): string {
  return `TRUNCATE TABLE ${tableSql(t)}`;
}
