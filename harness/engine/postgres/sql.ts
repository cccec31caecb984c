// Quoting for the few places where Postgres cannot take a bind parameter (DDL and replication
// commands). Same rules as Postgres' quote_ident/quote_literal: double the quote character.
import type pg from 'pg';

/** What the engine's catalog reads and checks need from a connection: node-pg's query(). */
export type Queryable = Pick<pg.Client, 'query'>;


export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new Error(`identifier contains a NUL byte: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error(`literal contains a NUL byte: ${JSON.stringify(value)}`);
  return `'${value.replaceAll("'", "''")}'`;
}

export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
