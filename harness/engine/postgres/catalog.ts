// Reads table metadata from the Postgres catalogs for the captured tables. Every name goes in as a
// bind parameter; nothing from the config or the WAL is pasted into SQL.
// Mirrors what Debezium's PostgresConnection#readSchema collects (columns, optionality, defaults,
// primary key) plus pg_class.relreplident (Debezium reads it via ServerInfo.ReplicaIdentity).
import type pg from 'pg';
import type { Queryable } from './sql.ts';
import type { ColumnMeta, ReplicaIdentity, TableMeta } from '../events/contract.ts';
import type { PostgresConnectorConfig } from '../source/config.ts';

export interface TableId {
  schema: string;
  table: string;
}

/** TableMeta plus what only the pipeline needs. */
export interface CatalogTable extends TableMeta {
  oid: number;
  /** columns of the REPLICA IDENTITY USING INDEX index, in index order (empty otherwise) */
  replicaIdentityIndexColumns: string[];
}

const REPLIDENT: Record<string, ReplicaIdentity> = { d: 'default', n: 'nothing', f: 'full', i: 'index' };

/** Ordinary and partitioned tables outside the system schemas (Debezium's getAllTableIds). */
export async function listTables(db: Queryable): Promise<TableId[]> {
  const res = await db.query<{ schema: string; table: string }>(
    `SELECT n.nspname AS schema, c.relname AS table
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
      ORDER BY 1, 2`,
  );
  return res.rows;
}

/** The tables the connector captures, in Debezium's snapshot order (see orderForSnapshot). */
export async function capturedTables(db: Queryable, config: PostgresConnectorConfig): Promise<TableId[]> {
  const all = await listTables(db);
  return orderForSnapshot(
    all.filter((t) => config.includesTable(t.schema, t.table)),
    config.tableIncludeList ?? null,
  );
}

/**
 * RelationalSnapshotChangeEventSource#sort: with table.include.list, tables follow the order of the
 * patterns (each pattern's matches sorted, matched case-insensitively against "schema.table");
 * without it, sorted by identifier.
 */
export function orderForSnapshot(tables: TableId[], includeList: readonly string[] | null): TableId[] {
  const id = (t: TableId): string => `${t.schema}.${t.table}`;
  const sorted = [...tables].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  if (!includeList || includeList.length === 0) return sorted;
  const out: TableId[] = [];
  const seen = new Set<string>();
  for (const pattern of includeList) {
    const re = new RegExp(`^(?:${pattern})$`, 'i');
    for (const t of sorted) {
      if (!seen.has(id(t)) && re.test(id(t))) {
        seen.add(id(t));
        out.push(t);
      }
    }
  }
  return out;
}

interface ColumnRow {
  attname: string;
  attnum: number;
  atttypid: number;
  atttypmod: number;
  attnotnull: boolean;
  default_expr: string | null;
  typname: string;
  typcategory: string;
  typtype: string;
  elem_typname: string | null;
  enum_labels: string[] | null;
}

/**
 * For a domain: the typname of its root base type (following typbasetype through nested
 * domains), and the element type when that root is an array; and, when a domain of the chain
 * carries a typmod (pg_type.typtypmod, e.g. varchar(6)), the nearest such typmod with the typname
 * of the type it applies to (what Debezium's PostgresType.getDefaultLength/getDefaultScale read).
 */
export interface DomainBase { baseTypeName: string; elementTypeName?: string; domainTypeMod?: number; domainParentTypeName?: string }

export async function resolveDomain(db: Queryable, oid: number): Promise<DomainBase | null> {
  const res = await db.query<{ typname: string; elem_typname: string | null; dom_typmod: number | null; dom_parent: string | null }>(
    `WITH RECURSIVE chain(oid, typbasetype, typtype, typtypmod, depth) AS (
       SELECT t.oid, t.typbasetype, t.typtype, t.typtypmod, 0 FROM pg_catalog.pg_type t WHERE t.oid = $1
       UNION ALL
       SELECT t.oid, t.typbasetype, t.typtype, t.typtypmod, c.depth + 1
         FROM chain c JOIN pg_catalog.pg_type t ON t.oid = c.typbasetype
        WHERE c.typtype = 'd' AND c.depth < 32)
     SELECT t.typname, et.typname AS elem_typname,
            (SELECT d.typtypmod FROM chain d WHERE d.typtype = 'd' AND d.typtypmod <> -1 ORDER BY d.depth LIMIT 1) AS dom_typmod,
            (SELECT p.typname FROM chain d JOIN pg_catalog.pg_type p ON p.oid = d.typbasetype
              WHERE d.typtype = 'd' AND d.typtypmod <> -1 ORDER BY d.depth LIMIT 1) AS dom_parent
       FROM chain c JOIN pg_catalog.pg_type t ON t.oid = c.oid
       LEFT JOIN pg_catalog.pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
      WHERE c.typtype <> 'd'
      ORDER BY c.depth DESC LIMIT 1`,
    [oid],
  );
  if (res.rowCount === 0) return null;
  const r = res.rows[0];
  const out: DomainBase = { baseTypeName: r.typname };
  if (r.elem_typname) out.elementTypeName = r.elem_typname;
  if (r.dom_typmod !== null && r.dom_parent !== null) {
    out.domainTypeMod = Number(r.dom_typmod);
    out.domainParentTypeName = r.dom_parent;
  }
  return out;
}

const COLUMNS_SQL = `
  SELECT a.attname, a.attnum, a.atttypid::int AS atttypid, a.atttypmod, a.attnotnull,
         pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_expr,
         t.typname, t.typcategory, t.typtype, et.typname AS elem_typname,
         (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e
           WHERE e.enumtypid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END) AS enum_labels
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
   ORDER BY a.attnum`;

/** Columns of the table's primary-key index or replica-identity index, in index order. */
const indexColumnsSql = (flag: 'indisprimary' | 'indisreplident'): string => `
  SELECT a.attname
    FROM pg_catalog.pg_index i
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
   WHERE i.indrelid = $1 AND i.${flag}
   ORDER BY k.ord`;

function toColumn(r: ColumnRow): ColumnMeta {
  const col: ColumnMeta = {
    name: r.attname,
    position: r.attnum,
    typeOid: r.atttypid,
    typeName: r.typname,
    typeMod: r.atttypmod,
    typeCategory: r.typcategory,
    nullable: !r.attnotnull,
  };
  if (r.elem_typname) col.elementTypeName = r.elem_typname;
  if (r.enum_labels) col.enumValues = r.enum_labels;
  if (r.default_expr !== null) col.defaultExpression = r.default_expr;
  return col;
}

/** Metadata of one table, columns filtered by column.include/exclude.list; null when it is gone. */
export async function readTableMeta(db: Queryable, config: PostgresConnectorConfig, id: TableId): Promise<CatalogTable | null> {
  const rel = await db.query<{ oid: number; relreplident: string }>(
    `SELECT c.oid::int AS oid, c.relreplident
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')`,
    [id.schema, id.table],
  );
  if (rel.rowCount === 0) return null;
  const { oid, relreplident } = rel.rows[0];
  const cols = await db.query<ColumnRow>(COLUMNS_SQL, [oid]);
  const columns = cols.rows.map(toColumn).filter((c) => config.includesColumn(id.schema, id.table, c.name));
  for (let i = 0; i < columns.length; i++) {
    const row = cols.rows.find((r) => r.attname === columns[i].name);
    if (row?.typtype === 'd') columns[i] = await withDomainBase(db, columns[i]);
  }
  const pk = await db.query<{ attname: string }>(indexColumnsSql('indisprimary'), [oid]);
  const ri = await db.query<{ attname: string }>(indexColumnsSql('indisreplident'), [oid]);
  return {
    oid,
    schema: id.schema,
    table: id.table,
    columns,
    primaryKey: pk.rows.map((r) => r.attname),
    replicaIdentity: REPLIDENT[relreplident] ?? 'default',
    replicaIdentityIndexColumns: relreplident === 'i' ? ri.rows.map((r) => r.attname) : [],
  };
}

async function withDomainBase(db: Queryable, col: ColumnMeta): Promise<ColumnMeta> {
  const base = await resolveDomain(db, col.typeOid);
  if (!base) return col;
  const out: ColumnMeta = { ...col, baseTypeName: base.baseTypeName };
  if (base.elementTypeName && !out.elementTypeName) out.elementTypeName = base.elementTypeName;
  if (base.domainTypeMod !== undefined && base.domainParentTypeName !== undefined) {
    out.domainTypeMod = base.domainTypeMod;
    out.domainParentTypeName = base.domainParentTypeName;
  }
  return out;
}

export interface TypeInfo {
  typeName: string;
  typeCategory: string;
  /** pg_type.typtype: 'b' base, 'd' domain, 'e' enum, 'c' composite, 'r' range … */
  typeType: string;
  elementTypeName?: string;
  enumValues?: string[];
}

/** Type details by OID, for columns whose type changed since the table was read. */
export async function readTypeInfo(db: Queryable, oid: number): Promise<TypeInfo | null> {
  const res = await db.query<{ typname: string; typcategory: string; typtype: string; elem_typname: string | null; enum_labels: string[] | null }>(
    `SELECT t.typname, t.typcategory, t.typtype, et.typname AS elem_typname,
            (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e
              WHERE e.enumtypid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END) AS enum_labels
       FROM pg_catalog.pg_type t
       LEFT JOIN pg_catalog.pg_type et ON t.typcategory = 'A' AND et.oid = t.typelem
      WHERE t.oid = $1`,
    [oid],
  );
  if (res.rowCount === 0) return null;
  const r = res.rows[0];
  const info: TypeInfo = { typeName: r.typname, typeCategory: r.typcategory, typeType: r.typtype };
  if (r.elem_typname) info.elementTypeName = r.elem_typname;
  if (r.enum_labels) info.enumValues = r.enum_labels;
  return info;
}

/** What a pgoutput Relation message says about a table. */
export interface RelationInfo {
  schema: string;
  name: string;
  replicaIdentity: ReplicaIdentity;
  columns: Array<{ name: string; typeOid: number; typeMod: number; flags: number }>;
}

/**
 * TableMeta for a Relation message, as Debezium's PgOutputMessageDecoder#handleRelationMessage
 * builds it: column names, types and modifiers from the message (they describe the WAL being
 * decoded), optionality, defaults and the primary key from the catalog.
 */
export async function tableMetaFromRelation(
  db: Queryable,
  config: PostgresConnectorConfig,
  rel: RelationInfo,
): Promise<CatalogTable> {
  const fromDb = await readTableMeta(db, config, { schema: rel.schema, table: rel.name });
  const dbCols = new Map((fromDb?.columns ?? []).map((c) => [c.name, c]));
  const columns: ColumnMeta[] = [];
  let position = 0;
  for (const rc of rel.columns) {
    position++;
    if (!config.includesColumn(rel.schema, rel.name, rc.name)) continue;
    const known = dbCols.get(rc.name);
    if (known && known.typeOid === rc.typeOid) {
      columns.push({ ...known, typeMod: rc.typeMod });
      continue;
    }
    const type = await readTypeInfo(db, rc.typeOid);
    const col: ColumnMeta = {
      name: rc.name,
      position: known?.position ?? position,
      typeOid: rc.typeOid,
      typeName: type?.typeName ?? String(rc.typeOid),
      typeMod: rc.typeMod,
      typeCategory: type?.typeCategory ?? 'U',
      nullable: known?.nullable ?? true,
    };
    if (type?.elementTypeName) col.elementTypeName = type.elementTypeName;
    if (type?.enumValues) col.enumValues = type.enumValues;
    if (known?.defaultExpression !== undefined) col.defaultExpression = known.defaultExpression;
    columns.push(type?.typeType === 'd' ? await withDomainBase(db, col) : col);
  }
  return {
    oid: fromDb?.oid ?? 0,
    schema: rel.schema,
    table: rel.name,
    columns,
    primaryKey: fromDb?.primaryKey ?? [],
    replicaIdentity: rel.replicaIdentity,
    replicaIdentityIndexColumns: rel.replicaIdentity === 'index' ? rel.columns.filter((c) => c.flags & 1).map((c) => c.name) : [],
  };
}
