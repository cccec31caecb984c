// SQL for an incremental snapshot's chunks, as Debezium 3.2 builds it for PostgreSQL
// (AbstractIncrementalSnapshotChangeEventSource#buildChunkQuery / #buildMaxPrimaryKeyQuery with
// RowValueConstructorChunkQueryBuilder, PostgresConnection#buildSelectWithRowLimits):
//   first chunk:  SELECT … FROM t [WHERE (filter)] ORDER BY k1, k2 LIMIT n
//   next chunks:  SELECT … FROM t WHERE ROW(k1, k2) > ROW($1, $2) AND ROW(k1, k2) <= ROW($3, $4)
//                 [AND (filter)] ORDER BY k1, k2 LIMIT n        -- after the last key read, up to the
//                                                              -- table's maximum key at the start
//   maximum key:  SELECT k1, k2 FROM t [WHERE (filter)] ORDER BY k1 DESC, k2 DESC LIMIT 1
// A single key column has no ROW(); nullable key columns (a surrogate key may be one) use the
// expanded form (k1 > $1) OR (k1 = $1 AND k2 > $2) … as AbstractChunkQueryBuilder#addLowerBound.
// Key values travel as text bind parameters, whose type Postgres infers from the column.
// The filter is the signal's additional condition, SQL the user wrote, pasted as Debezium does.
import { qualifiedName, quoteIdent } from '../../postgres/sql.ts';

export interface ChunkTable {
  schema: string;
  table: string;
  /** the columns to select (empty = *) */
  columns: readonly string[];
  /** the chunking columns: the primary key, or the surrogate key */
  keyColumns: readonly string[];
  /** whether any key column may be NULL (then no ROW() comparison) */
  nullableKey?: boolean;
}

export interface ChunkQuery {
  text: string;
  values: string[];
}

function bound(t: ChunkTable, op: '>' | '<=', first: number): string {
  const cols = t.keyColumns.map(quoteIdent);
  const params = cols.map((_, i) => `$${first + i}`);
  if (!t.nullableKey) {
    return cols.length === 1 ? `${cols[0]} ${op} ${params[0]}` : `ROW(${cols.join(', ')}) ${op} ROW(${params.join(', ')})`;
  }
  // (k1 > ?) OR (k1 = ? AND k2 > ?) …; the upper bound is NOT (lower bound at the maximum key)
  const terms = cols.map((_, i) => `(${cols.slice(0, i + 1).map((c, j) => `${c} ${j === i ? '>' : '='} ${params[j]}`).join(' AND ')})`);
  const lower = cols.length > 1 ? `(${terms.join(' OR ')})` : terms[0];
  return op === '>' ? lower : `NOT ${lower}`;
}

/** The next chunk: after `after` (the last key read, null for the first chunk) and up to `maximum`. */
export function buildChunkQuery(t: ChunkTable, limit: number, after: readonly string[] | null, maximum: readonly string[] | null, filter: string | null): ChunkQuery {
  const where: string[] = [];
  const values: string[] = [];
  if (after && maximum) {
    where.push(bound(t, '>', 1));
    where.push(bound(t, '<=', 1 + t.keyColumns.length));
    values.push(...after, ...maximum);
  }
  if (filter && filter.trim() !== '') where.push(`(${filter})`);
  const cols = t.columns.length > 0 ? t.columns.map(quoteIdent).join(', ') : '*';
  const order = t.keyColumns.map(quoteIdent).join(', ');
  return {
    text: `SELECT ${cols} FROM ${qualifiedName(t.schema, t.table)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${limit}`,
    values,
  };
}

/** The table's largest key at the start of its snapshot (where the snapshot of it ends). */
export function buildMaxKeyQuery(t: ChunkTable, filter: string | null): ChunkQuery {
  const keys = t.keyColumns.map(quoteIdent);
  const where = filter && filter.trim() !== '' ? ` WHERE (${filter})` : '';
  return {
    text: `SELECT ${keys.join(', ')} FROM ${qualifiedName(t.schema, t.table)}${where} ORDER BY ${keys.map((k) => `${k} DESC`).join(', ')} LIMIT 1`,
    values: [],
  };
}
