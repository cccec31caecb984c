// publication.autocreate.mode as Debezium's PostgresReplicationConnection#initPublication applies it:
// - all_tables: create the publication FOR ALL TABLES when it does not exist;
// - filtered:   create it FOR TABLE <the captured tables>, or update an existing one to that list;
// - disabled:   it must already exist.
// publish.via.partition.root adds WITH (publish_via_partition_root = true) when the publication is created, and only
// then (Debezium creates it so in both modes and never ALTERs the option): a partition's changes are then published
// as its partitioned table's, so they reach the partitioned table's topic.
import type pg from 'pg';
import type { TableId } from './catalog.ts';
import { explainPublicationError } from './checks.ts';
import { EngineSetupError } from './pg-errors.ts';
import type { PostgresConnectorConfig } from '../source/config.ts';
import { qualifiedName, quoteIdent, type Queryable } from './sql.ts';

export async function publicationExists(db: Queryable, name: string): Promise<boolean> {
  const res = await db.query('SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = $1', [name]);
  return (res.rowCount ?? 0) > 0;
}

/** Makes sure the publication exists as the mode asks; returns what was done (for logs and tests). */
export async function initPublication(
  db: Queryable,
  config: PostgresConnectorConfig,
  captured: TableId[],
  user: string,
): Promise<'exists' | 'created' | 'updated'> {
  const name = config.publicationName;
  const exists = await publicationExists(db, name);
  const mode = config.publicationAutocreateMode;
  const viaRoot = config.publishViaPartitionRoot ? ' WITH (publish_via_partition_root = true)' : '';
  const tableList = (): string => {
    if (captured.length === 0) {
      throw new EngineSetupError(
        `publication.autocreate.mode=filtered, but no table matches the table filters, so publication "${name}" ` +
          `would be empty. Check table.include.list / table.exclude.list.`,
      );
    }
    return captured.map((t) => qualifiedName(t.schema, t.table)).join(', ');
  };
  try {
    if (mode === 'disabled') {
      if (!exists) {
        throw new EngineSetupError(
          `Publication "${name}" does not exist and publication.autocreate.mode=disabled. Create it ` +
            `(CREATE PUBLICATION ${quoteIdent(name)} FOR TABLE …;) or choose publication.autocreate.mode=filtered or all_tables.`,
        );
      }
      return 'exists';
    }
    if (mode === 'all_tables') {
      if (exists) return 'exists';
      await db.query(`CREATE PUBLICATION ${quoteIdent(name)} FOR ALL TABLES${viaRoot}`);
      return 'created';
    }
    // filtered
    if (exists) {
      await db.query(`ALTER PUBLICATION ${quoteIdent(name)} SET TABLE ${tableList()}`);
      return 'updated';
    }
    await db.query(`CREATE PUBLICATION ${quoteIdent(name)} FOR TABLE ${tableList()}${viaRoot}`);
    return 'created';
  } catch (err) {
    if (err instanceof EngineSetupError) throw err;
    throw explainPublicationError(err, user, config.dbname, name);
  }
}
