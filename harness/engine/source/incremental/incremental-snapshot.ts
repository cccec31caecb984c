// Ad-hoc incremental snapshots, as Debezium 3.2's PostgreSQL connector runs them
// (SignalBasedIncrementalSnapshotChangeEventSource over AbstractIncrementalSnapshotChangeEventSource,
// watermarking strategy insert_insert), driven from the stream:
// - Signals are INSERTs into the signal table (signal.data.collection) seen in the WAL, so the signal
//   table must be captured (table.include.list, hence in the publication), as Debezium's docs require;
//   they are handled in the stream, before the insert's own event is written (EventDispatcher).
// - execute-snapshot queues the collections; when none was running, a chunk is read at once:
//   INSERT <chunk>-open / snapshot-window-open into the signal table, SELECT the next
//   incremental.snapshot.chunk.size rows in key order into the window buffer, INSERT
//   <chunk>-close / snapshot-window-close.
// - When the stream reaches the open marker the window opens: every captured change of the current
//   table until the close marker removes its key from the buffer (the streamed event is newer).
//   At the close marker the rest of the buffer goes to Kafka as op "r" with source.snapshot
//   "incremental", at the close marker's position, and the next chunk is read.
// - A table is done when a chunk comes back empty (its rows are read up to the maximum key it had
//   when its snapshot began); then the next collection.
// - stop-snapshot drops the window and the collections named (all when none are).
// Progress goes into the offsets (context.ts) once Kafka has the rows it covers, so a restart
// continues after the last key sent (AbstractIncrementalSnapshotChangeEventSource#init).
import pg from 'pg';
import type { ChangeBuilder } from '../../events/builder-port.ts';
import { capturedTables, readTableMeta, type CatalogTable } from '../../postgres/catalog.ts';
import type { KafkaRecord, SourcePosition, TextRow } from '../../events/contract.ts';
import type { Logger } from '../../logger.ts';
import type { PostgresConnectorConfig } from '../config.ts';
import { conditionFor, parseSignal, signalFromRow, type SignalAction } from '../signal.ts';
import { qualifiedName } from '../../postgres/sql.ts';
import { buildChunkQuery, buildMaxKeyQuery, type ChunkTable } from './chunk-query.ts';
import { IncrementalContext, rowKey, type DataCollection } from './context.ts';

export interface IncrementalOptions {
  config: PostgresConnectorConfig;
  /** a connection whose type parsers return raw text (snapshot.ts's textTypes) */
  db: pg.Client;
  /** catalog reads */
  metaDb: Pick<pg.Client, 'query'>;
  builder: ChangeBuilder;
  writer: { enqueue(records: KafkaRecord[]): Promise<unknown>; readonly lastSeq: number };
  logger: Logger;
  signalTable: { schema: string; table: string };
  /** incremental.snapshot.chunk.size (default 1024) */
  chunkSize: number;
  /** the stored source offset, for a snapshot that was running at the last stop */
  storedOffset: Record<string, unknown> | null;
}

interface CurrentTable {
  meta: CatalogTable;
  chunk: ChunkTable;
  /** the window's key columns: the primary key (the surrogate key when there is none) */
  windowKey: readonly string[];
}

export class IncrementalSnapshotter {
  private readonly ctx: IncrementalContext;
  private chain: Promise<unknown> = Promise.resolve();
  private table: CurrentTable | null = null;
  private openTimestamp = '';
  /** offset fields per writer sequence, oldest first; the newest acknowledged one is committable */
  private readonly pendingFields: Array<{ seq: number; fields: Record<string, string | null> }> = [];
  private committed: Record<string, string | null>;
  readonly counters = { rows: 0, chunks: 0, deduplicated: 0, signals: 0 };

  private readonly opts: IncrementalOptions;
  constructor(opts: IncrementalOptions) {
    this.opts = opts;
    this.ctx = IncrementalContext.fromOffset(opts.storedOffset);
    this.committed = this.ctx.store();
  }

  get running(): boolean {
    return this.ctx.running;
  }

  /** On start: a snapshot that was running continues with a new chunk after the last key sent. */
  init(): Promise<void> {
    return this.serial(async () => {
      if (!this.ctx.running) return;
      this.opts.logger('info', `Incremental snapshot in progress (${this.ctx.remaining.map((c) => c.id).join(', ')}), need to read new chunk on start`);
      await this.readChunk();
    });
  }

  /**
   * A captured change from the stream, before its own records are built: signals in the signal
   * table are acted on, and the window is de-duplicated (EventDispatcher#dispatchDataChangeEvent).
   */
  change(op: 'c' | 'u' | 'd', table: CatalogTable, before: TextRow | null, after: TextRow | null, pos: SourcePosition): Promise<void> {
    return this.serial(async () => {
      const { signalTable } = this.opts;
      if (op === 'c' && after && table.schema === signalTable.schema && table.table === signalTable.table) {
        await this.onSignal(table, after, pos);
      }
      const row = after ?? before;
      if (row && this.ctx.deduplicate(`${table.schema}.${table.table}`, rowKey(row, this.table?.windowKey ?? table.primaryKey))) {
        this.counters.deduplicated++;
      }
    });
  }

  /** Offset fields whose rows Kafka has acknowledged (everything up to `ackedSeq`). */
  offsetFields(ackedSeq: number): Record<string, string | null> {
    while (this.pendingFields.length > 0 && this.pendingFields[0].seq <= ackedSeq) this.committed = this.pendingFields.shift()!.fields;
    return this.committed;
  }

  private serial(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private remember(): void {
    this.pendingFields.push({ seq: this.opts.writer.lastSeq, fields: this.ctx.store() });
  }

  private async onSignal(table: CatalogTable, row: TextRow, pos: SourcePosition): Promise<void> {
    const log = this.opts.logger;
    const name = `${table.schema}.${table.table}`;
    const signal = signalFromRow(row, table.columns.map((c) => c.name), name);
    if ('ok' in signal) return log(signal.level, signal.message);
    const parsed = parseSignal(signal);
    if (!parsed.ok) return log(parsed.level, `${parsed.message} (row ${JSON.stringify(row)} in ${name})`);
    this.counters.signals++;
    await this.act(parsed.action, signal.id, pos);
  }

  private async act(action: SignalAction, id: string, pos: SourcePosition): Promise<void> {
    const log = this.opts.logger;
    switch (action.kind) {
      case 'log':
        return log('info', action.message);
      case 'snapshot-window-open':
        if (!this.ctx.openWindow(action.id)) log('info', `Received request to open window with id = '${action.id}', expected = '${this.ctx.currentChunkId}', request ignored`);
        return;
      case 'snapshot-window-close':
        if (!this.ctx.closeWindow(action.id)) {
          log('info', `Received request to close window with id = '${action.id}', expected = '${this.ctx.currentChunkId}', request ignored`);
          return;
        }
        await this.sendWindowEvents(pos);
        await this.readChunk();
        return;
      case 'execute-snapshot': {
        if (action.type === 'blocking') {
          log('warn', `signal '${id}': blocking snapshots are not supported by this engine (only "incremental"); signal ignored`);
          return;
        }
        const collections = await this.expand(action.dataCollections);
        log(
          'info',
          `Requested 'INCREMENTAL' snapshot of data collections '${JSON.stringify(collections)}' with additional conditions ` +
            `'${JSON.stringify(action.additionalConditions.map((c) => ({ 'data-collection': c.dataCollection.source, filter: c.filter })))}' ` +
            `and surrogate key '${action.surrogateKey ?? 'PK of table will be used'}'`,
        );
        const start = this.ctx.add(
          collections.map((c): DataCollection => ({ id: c, additionalCondition: conditionFor(c, action.additionalConditions), surrogateKey: action.surrogateKey })),
          id,
        );
        this.remember();
        if (start) await this.readChunk();
        return;
      }
      case 'stop-snapshot':
        return this.stop(action.dataCollections, action.type);
    }
  }

  /** AbstractIncrementalSnapshotChangeEventSource#stopSnapshot. */
  private async stop(collections: string[] | null, type: string): Promise<void> {
    const log = this.opts.logger;
    log('info', `Requested stop of snapshot '${type.toUpperCase()}' for data collections '${JSON.stringify(collections)}'`);
    if (!this.ctx.running) {
      log('warn', 'No active incremental snapshot, stop ignored');
      return;
    }
    if (!collections) {
      log('info', 'Stopping incremental snapshot.');
      this.ctx.stopAll();
      this.table = null;
      this.ctx.closeWindow(this.ctx.currentChunkId ?? '');
      this.remember();
      return;
    }
    const expanded = await this.expand(collections);
    log('info', `Removing '${JSON.stringify(expanded)}' collections from incremental snapshot`);
    let stopCurrent = false;
    for (const c of expanded) {
      if (c === this.ctx.current?.id) stopCurrent = true;
      else if (this.ctx.remove(c)) log('info', `Removed '${c}' from incremental snapshot collection list.`);
      else log('warn', `Could not remove '${c}', collection is not part of the incremental snapshot.`);
    }
    if (stopCurrent) {
      log('info', `Removed '${this.ctx.current!.id}' from incremental snapshot collection list.`);
      this.ctx.window.clear();
      this.ctx.nextDataCollection();
      this.table = null;
      if (!this.ctx.running) log('info', 'Incremental snapshot has stopped.');
      else log('info', 'Advancing to next available collection in the incremental snapshot.');
    }
    this.remember();
  }

  /** Data collections are regular expressions over the captured tables' "<schema>.<table>" (expandDataCollectionIds). */
  private async expand(collections: string[]): Promise<string[]> {
    const tables = (await capturedTables(this.opts.metaDb, this.opts.config)).map((t) => `${t.schema}.${t.table}`);
    return collections.flatMap((pattern) => {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${pattern})$`);
      } catch {
        return [pattern];
      }
      const ids = tables.filter((t) => re.test(t));
      return ids.length > 0 ? ids : [pattern];
    });
  }

  private async sendWindowEvents(pos: SourcePosition): Promise<void> {
    const t = this.table;
    if (this.ctx.window.size === 0 || !t) return;
    const at: SourcePosition = { ...pos, snapshot: 'incremental', tsUs: BigInt(Date.now()) * 1000n };
    const records: KafkaRecord[] = [];
    for (const row of this.ctx.window.values()) {
      this.ctx.sent(t.chunk.keyColumns.map((c) => row[c] as string));
      records.push(...this.opts.builder.change('r', t.meta, null, row, at));
      this.counters.rows++;
    }
    this.ctx.window.clear();
    await this.opts.writer.enqueue(records);
    this.remember();
  }

  private async insertSignal(id: string, type: string, data: string): Promise<void> {
    const { schema, table } = this.opts.signalTable;
    await this.opts.db.query(`INSERT INTO ${qualifiedName(schema, table)} VALUES ($1, $2, $3)`, [id, type, data]);
  }

  /** Sets up the current collection's table; null (with Debezium's warning) when it cannot be snapshotted. */
  private async currentTable(c: DataCollection): Promise<CurrentTable | null> {
    const log = this.opts.logger;
    const [schema, table, ...rest] = c.id.split('.');
    const captured = table !== undefined && rest.length === 0 && this.opts.config.includesTable(schema, table);
    const meta = captured ? await readTableMeta(this.opts.metaDb, this.opts.config, { schema, table }) : null;
    if (!meta) {
      const known = (await capturedTables(this.opts.metaDb, this.opts.config)).map((t) => `${t.schema}.${t.table}`);
      log(
        'warn',
        `Schema not found for table '${c.id}', known tables [${known.join(', ')}]: it is not captured by this connector ` +
          `(table.include.list/table.exclude.list, "<schema>.<table>"), so it is skipped from the incremental snapshot`,
      );
      return null;
    }
    const keyColumns = c.surrogateKey ? [c.surrogateKey] : meta.primaryKey;
    if (keyColumns.length === 0) {
      log('warn', `Incremental snapshot for table '${c.id}' skipped cause the table has no primary keys`);
      return null;
    }
    if (c.surrogateKey && !meta.columns.some((col) => col.name === c.surrogateKey)) {
      log('warn', `Incremental snapshot for table '${c.id}' skipped: surrogate key column '${c.surrogateKey}' does not exist`);
      return null;
    }
    const nullableKey = keyColumns.some((k) => meta.columns.find((col) => col.name === k)?.nullable ?? false);
    return {
      meta,
      chunk: { schema, table, columns: meta.columns.map((col) => col.name), keyColumns, nullableKey },
      windowKey: meta.primaryKey.length > 0 ? meta.primaryKey : keyColumns,
    };
  }

  /** AbstractIncrementalSnapshotChangeEventSource#readChunk. */
  private async readChunk(): Promise<void> {
    const { db, logger: log } = this.opts;
    if (!this.ctx.running) return;
    const chunkId = this.ctx.startNewChunk();
    this.openTimestamp = new Date().toISOString();
    await this.insertSignal(`${chunkId}-open`, 'snapshot-window-open', `{"openWindowTimestamp": "${this.openTimestamp}"}`);
    while (this.ctx.running) {
      const c = this.ctx.current!;
      if (!this.table || `${this.table.chunk.schema}.${this.table.chunk.table}` !== c.id) this.table = await this.currentTable(c);
      const t = this.table;
      if (!t) {
        this.ctx.nextDataCollection();
        continue;
      }
      if (this.ctx.maximumKey === null) {
        const q = buildMaxKeyQuery(t.chunk, c.additionalCondition);
        const max = (await db.query<TextRow>(q.text, q.values)).rows[0];
        if (!max) {
          log('info', `No maximum key returned by the query, incremental snapshotting of table '${c.id}' finished as it is empty`);
          this.nextCollection();
          continue;
        }
        this.ctx.setMaximumKey(t.chunk.keyColumns.map((k) => max[k] as string));
        log('info', `Incremental snapshot for table '${c.id}' will end at position ${JSON.stringify(this.ctx.maximumKey)}`);
      }
      const q = buildChunkQuery(t.chunk, this.opts.chunkSize, this.ctx.chunkEndPosition, this.ctx.maximumKey, c.additionalCondition);
      const rows = (await db.query<TextRow>(q.text, q.values)).rows;
      if (rows.length === 0) {
        log('info', `No data returned by the query, incremental snapshotting of table '${c.id}' finished`);
        this.nextCollection();
        continue;
      }
      for (const row of rows) this.ctx.window.set(rowKey(row, t.windowKey), row);
      const last = rows[rows.length - 1];
      this.ctx.nextChunkPosition(t.chunk.keyColumns.map((k) => last[k] as string));
      this.counters.chunks++;
      break;
    }
    this.remember();
    await this.insertSignal(
      `${chunkId}-close`,
      'snapshot-window-close',
      `{"openWindowTimestamp": "${this.openTimestamp}", "closeWindowTimestamp": "${new Date().toISOString()}"}`,
    );
  }

  private nextCollection(): void {
    this.ctx.nextDataCollection();
    this.table = null;
    if (!this.ctx.running) this.opts.logger('info', 'Incremental snapshot completed');
  }
}
