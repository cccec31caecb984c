// Reads a Postgres table's rows in a stable order; identifiers are quoted, never pasted.
import type { Client } from 'pg';

export type Row = Record<string, unknown>;

/** Quotes an identifier the way Postgres' quote_ident does for any name. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** 'schema.table' or 'table' → a quoted qualified name. */
export function quoteQualified(table: string): string {
  const parts = table.split('.');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new Error(`not a table name: "${table}"`);
  return parts.map(quoteIdent).join('.');
}

/** Every row of `table`, ordered by its first column. */
export async function readTable(client: Client, table: string): Promise<Row[]> {
  const result = await client.query(`SELECT * FROM ${quoteQualified(table)} ORDER BY 1`);
  return result.rows as Row[];
}
