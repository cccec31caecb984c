// The initial snapshot, read inside the slot's exported snapshot so that it ends exactly where the
// stream begins (no gap, no overlap). Rows come as text (the same form pgoutput sends) through a
// server-side cursor, so memory does not grow with table size.
// Markers copy Debezium 3.2: RelationalSnapshotChangeEventSource#setSnapshotMarker gives
// first / first_in_data_collection / true / last_in_data_collection / last, and
// EventDispatcher.BufferingSnapshotChangeRecordReceiver#completeSnapshot re-marks the very last
// record 'last' (the last table may be empty). Offsets follow PostgresSnapshotChangeEventSource:
// lsn = the slot's consistent point, txId = txid_current() of the snapshot transaction, no last
// commit LSN, ts = the transaction's CURRENT_TIMESTAMP.
import type pg from 'pg';
import type { ChangeBuilder } from '../events/builder-port.ts';
import type { CatalogTable } from '../postgres/catalog.ts';
import type { KafkaRecord, SourcePosition, TextRow } from '../events/contract.ts';
import { EngineError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { formatSequence, parseLsn } from '../postgres/lsn.ts';
import { qualifiedName, quoteIdent, quoteLiteral } from '../postgres/sql.ts';

export interface SnapshotOptions {
  /** a dedicated connection whose type parsers return raw text (see textTypes) */
  db: pg.Client;
  /** the slot's exported snapshot; without it (no slot was created) a plain REPEATABLE READ transaction */
  snapshotName?: string;
  /** called once the snapshot is imported: the exporting replication session may close then */
  onImported?: () => Promise<void>;
  tables: CatalogTable[];
  /** the slot's consistent point; without it, pg_current_wal_lsn() in the snapshot transaction (getTransactionStartLsn) */
  consistentPoint?: bigint;
  builder: ChangeBuilder;
  emit: (records: KafkaRecord[]) => Promise<void>;
  isRunning: () => boolean;
  fetchSize?: number;
  onRow?: (table: { schema: string; table: string }) => void;
  /** snapshot.select.statement.overrides: the statement to run instead of SELECT <captured columns> FROM <table> */
  selectFor?: (table: CatalogTable) => string | undefined;
  logger?: Logger;
}

/**
 * An overridden SELECT's result columns are matched to the table's captured columns by name, as Debezium's
 * ColumnUtils.toArray does: one the table does not have (or that column.include/exclude.list leaves out) fails the
 * snapshot; a captured column the statement does not return is null.
 */
export function checkOverrideColumns(table: CatalogTable, fields: readonly { name: string }[]): void {
  const names = new Set(table.columns.map((c) => c.name));
  const unknown = fields.find((f) => !names.has(f.name));
  if (unknown) {
    throw new EngineError(
      'SNAPSHOT_SELECT_OVERRIDE',
      `Column '${unknown.name}' not found in result set '${fields.map((f) => f.name).join(', ')}' for table '${table.schema}.${table.table}': ` +
        `snapshot.select.statement.overrides.${table.schema}.${table.table} returns a column the table's captured columns ` +
        `(${[...names].join(', ')}) do not have; select only those (column.include.list / column.exclude.list apply)`,
    );
  }
}

/** node-pg type overrides: every column comes back as the server's text output. */
export const textTypes = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/** Debezium's marker for a row, from its table's place and the row's place in that table. */
export function snapshotMarker(firstTable: boolean, lastTable: boolean, firstInTable: boolean, lastInTable: boolean): string {
  if (lastInTable && lastTable) return 'last';
  if (firstInTable && firstTable) return 'first';
  if (lastInTable) return 'last_in_data_collection';
  if (firstInTable) return 'first_in_data_collection';
  return 'true';
}

interface PendingRow {
  table: CatalogTable;
  row: TextRow;
  pos: SourcePosition;
}

export async function runSnapshot(opts: SnapshotOptions): Promise<{ rows: number; txId: number; lsn: bigint }> {
  const { db, builder } = opts;
  const fetchSize = opts.fetchSize ?? 1000;
  let total = 0;
  let txId = 0;
  let lsn = opts.consistentPoint ?? 0n;
  let out: KafkaRecord[] = [];
  let pending: PendingRow | null = null;

  const flushPending = async (marker?: string): Promise<void> => {
    if (!pending) return;
    const pos = marker ? { ...pending.pos, snapshot: marker } : pending.pos;
    out.push(...builder.change('r', pending.table, null, pending.row, pos));
    pending = null;
    if (out.length >= fetchSize || marker) {
      const batch = out;
      out = [];
      await opts.emit(batch);
    }
  };

  await db.query('BEGIN');
  try {
    // Snapshotter#snapshotTransactionIsolationLevelStatement for a newly created slot.
    await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    if (opts.snapshotName !== undefined) await db.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(opts.snapshotName)}`);
    await opts.onImported?.();
    if (opts.consistentPoint === undefined) {
      const cur = await db.query<{ lsn: string }>('SELECT pg_catalog.pg_current_wal_lsn()::text AS lsn');
      lsn = parseLsn(cur.rows[0].lsn);
    }
    const tx = await db.query<{ txid: string }>('SELECT txid_current()::text AS txid');
    txId = Number(tx.rows[0].txid);
    const tables = opts.tables;
    for (let t = 0; t < tables.length; t++) {
      const table = tables[t];
      if (!opts.isRunning()) throw new Error(`snapshot interrupted before table ${table.schema}.${table.table}`);
      // getSnapshotSourceTimestamp: CURRENT_TIMESTAMP, which is fixed for the transaction.
      const ts = await db.query<{ us: string }>(`SELECT (extract(epoch FROM current_timestamp) * 1000000)::int8::text AS us`);
      const pos0: SourcePosition = {
        snapshot: 'true',
        tsUs: BigInt(ts.rows[0].us),
        txId,
        lsn,
        sequence: formatSequence(null, lsn),
        xmin: null,
      };
      const cols = table.columns.length > 0 ? table.columns.map((c) => quoteIdent(c.name)).join(', ') : '*';
      const cursor = quoteIdent(`cdc_snapshot_${t}`);
      // RelationalSnapshotChangeEventSource#determineSnapshotSelect: the override, run as written, else the default
      const override = opts.selectFor?.(table);
      if (override !== undefined) opts.logger?.('info', `For table '${table.schema}.${table.table}' using select statement: '${override}'`);
      await db.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${override ?? `SELECT ${cols} FROM ${qualifiedName(table.schema, table.table)}`}`);
      let rowsInTable = 0;
      let checked = override === undefined;
      const fetch = (): Promise<TextRow[]> => db.query<TextRow>(`FETCH ${fetchSize} FROM ${cursor}`).then((r) => {
        if (!checked) checkOverrideColumns(table, r.fields);
        checked = true;
        return r.rows;
      });
      let batch = await fetch();
      while (batch.length > 0) {
        // The next FETCH travels while this batch is built and queued; only the batch's last row
        // waits for it, to know whether it is the table's last (its marker).
        const nextFetch = batch.length === fetchSize ? fetch() : Promise.resolve([]);
        nextFetch.catch(() => undefined);
        let next: TextRow[] | null = null;
        for (let i = 0; i < batch.length; i++) {
          if (!opts.isRunning()) throw new Error(`snapshot interrupted in table ${table.schema}.${table.table}`);
          rowsInTable++;
          if (i === batch.length - 1) next = await nextFetch;
          const lastInTable = i === batch.length - 1 && next!.length === 0;
          const marker = snapshotMarker(t === 0, t === tables.length - 1, rowsInTable === 1, lastInTable);
          await flushPending();
          pending = { table, row: batch[i], pos: { ...pos0, snapshot: marker } };
          total++;
          opts.onRow?.(table);
        }
        batch = next ?? (await nextFetch);
      }
      await db.query(`CLOSE ${cursor}`);
    }
    await flushPending('last');
    if (out.length > 0) await opts.emit(out);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { rows: total, txId, lsn };
}
