// Streams the slot through pg-logical-replication and turns pgoutput messages into EventBuilder
// calls. Positions follow Debezium's PostgresStreamingChangeEventSource: source.lsn is the LSN the
// server stamped on the message (XLogData dataStart), txId and ts come from BEGIN (commit time, in
// microseconds), sequence is [lastCommitLsn, lsn], where lastCommitLsn is the LSN of the last COMMIT
// message (its end LSN), which is also what gets confirmed to the slot once Kafka has every record.
// Acknowledgement is manual (acknowledge.auto=false, timeoutSeconds=0: the library's timer would
// otherwise confirm LSNs Kafka has not acknowledged), flowControl pauses the socket while a message
// is being handled, which is how Kafka backpressure reaches the server.
import { EngineError } from '../errors.ts';
import type pg from 'pg';
import { LogicalReplicationService, type Pgoutput } from 'pg-logical-replication';
import type { ChangeBuilder } from '../events/builder-port.ts';
import { tableMetaFromRelation, type CatalogTable } from '../postgres/catalog.ts';
import { explainReplicationError } from '../postgres/checks.ts';
import type { KafkaRecord, SourcePosition, TextRow } from '../events/contract.ts';
import type { KafkaWriter } from '../kafka/kafka-writer.ts';
import type { Logger } from '../logger.ts';
import { formatLsn, formatSequence, parseLsn } from '../postgres/lsn.ts';
import type { OffsetTracker } from '../kafka/offsets.ts';
import { TextPgoutputPlugin, completeRow } from '../postgres/pgoutput-text.ts';
import { standbyStatusUpdate } from '../postgres/standby-status.ts';
import type { PostgresConnectorConfig } from './config.ts';

export interface StreamOptions {
  clientConfig: pg.ClientConfig;
  /** a regular connection for catalog reads on Relation messages */
  metaDb: Pick<pg.Client, 'query'>;
  config: PostgresConnectorConfig;
  startLsn: bigint;
  lastCommitLsn: bigint | null;
  builder: ChangeBuilder;
  writer: KafkaWriter;
  tracker: OffsetTracker;
  /**
   * The newest LSN the offsets topic holds, or null before the first store: the slot is never
   * confirmed past it (Debezium confirms to the slot when Connect commits the offset), so a restart
   * after a crash never finds the slot ahead of the offsets, which would read as a slot created again.
   */
  durableLsn?: () => bigint | null;
  logger?: Logger;
  onError: (err: Error) => void;
  /** how often a status update is sent even without a server request (Debezium: status.update.interval.ms) */
  statusIntervalMs?: number;
  /**
   * Called with every captured row change before its records are built (incremental snapshots:
   * signals and window de-duplication, as Debezium's EventDispatcher does); may enqueue records itself.
   */
  onChange?: (op: 'c' | 'u' | 'd', table: CatalogTable, before: TextRow | null, after: TextRow | null, pos: SourcePosition) => Promise<void>;
}

interface OpenTx {
  xid: number;
  tsUs: bigint;
}

export class StreamReader {
  private readonly service: LogicalReplicationService;
  private readonly plugin: TextPgoutputPlugin;
  private readonly tables = new Map<number, CatalogTable | null>();
  private tx: OpenTx | null = null;
  private lastCommitLsn: bigint | null;
  private stopping = false;
  /** after a failure nothing more is handled, so no later commit can be confirmed */
  private failed = false;
  private statusTimer: NodeJS.Timeout | null = null;
  private statusDue = false;
  private lastStatusAt = 0;
  /** the newest keepalive, with how many XLogData messages had arrived before it */
  private keepalive: { lsn: bigint; parsedBefore: number } | null = null;
  processedCount = 0;
  lastReceivedLsn: bigint;
  readonly counters = { messages: 0, changes: 0, transactions: 0, keepalives: 0, statusUpdates: 0 };
  /** change events per "<op>.<schema>.<table>" (for metrics) */
  readonly tableOps = new Map<string, number>();
  /** commit time of the newest transaction (ms since the epoch) and how far behind it was when handled */
  lastCommitTimeMs = 0;
  millisBehindSource = 0;

  private readonly opts: StreamOptions;
  constructor(opts: StreamOptions) {
    this.opts = opts;
    this.lastCommitLsn = opts.lastCommitLsn;
    this.lastReceivedLsn = opts.startLsn;
    this.plugin = new TextPgoutputPlugin({ protoVersion: 1, publicationNames: [opts.config.publicationName] });
    this.service = new LogicalReplicationService(opts.clientConfig, {
      acknowledge: { auto: false, timeoutSeconds: 0 },
      flowControl: { enabled: true },
    });
  }

  /** Resolves once the server accepted START_REPLICATION. */
  async start(): Promise<void> {
    const { config } = this.opts;
    this.service.on('error', (err: Error) => this.fail(err));
    this.service.on('data', (lsn: string, msg: Pgoutput.Message) => this.onData(lsn, msg));
    this.service.on('heartbeat', (lsn: string, _ts: number, shouldRespond: boolean) => {
      this.counters.keepalives++;
      const l = parseLsn(lsn);
      if (l > this.lastReceivedLsn) this.lastReceivedLsn = l;
      this.keepalive = { lsn: l, parsedBefore: this.plugin.parsedCount };
      if (shouldRespond) this.sendStatus();
    });
    const started = new Promise<void>((resolve) => this.service.once('start', () => resolve()));
    const run = this.service.subscribe(this.plugin, config.slotName, formatLsn(this.opts.startLsn));
    const ended = run.then(
      () => {
        if (!this.stopping) throw new EngineError('REPLICATION_STREAM_ENDED', 'the replication stream ended unexpectedly', { retriable: true });
      },
      (err: unknown) => {
        throw explainReplicationError(err, config.user, config.slotName);
      },
    );
    ended.catch((err: Error) => {
      if (!this.stopping) this.fail(err);
    });
    await Promise.race([started, ended]);
    const every = this.opts.statusIntervalMs ?? 10_000;
    this.statusTimer = setInterval(() => {
      if (this.statusDue || Date.now() - this.lastStatusAt >= every) this.sendStatus();
    }, 200);
  }

  /** XLogData messages read from the socket so far (handled or waiting in the flow-control queue). */
  get receivedCount(): number {
    return this.plugin.parsedCount;
  }

  /** Called by the tracker when a new LSN may be confirmed; sent at most every 200 ms. */
  confirmed(): void {
    this.statusDue = true;
  }

  /** Standby status update with the confirmed LSN as written/flushed/applied position. */
  sendStatus(): Promise<void> {
    if (!this.opts.config.flushLsnSource) return this.sendReceivedOnly();
    const acked = this.opts.tracker.confirmedLsn;
    const durable = this.opts.durableLsn === undefined ? acked : (this.opts.durableLsn() ?? 0n);
    const lsn = durable < acked ? durable : acked;
    this.statusDue = false;
    this.lastStatusAt = Date.now();
    if (lsn <= 0n || this.stopping) return Promise.resolve();
    this.counters.statusUpdates++;
    // acknowledge() reports lsn + 1 ("last byte received + 1"); Debezium reports the commit LSN itself.
    return this.service.acknowledge(formatLsn(lsn - 1n)).then(
      () => undefined,
      (err: unknown) => this.fail(err as Error),
    );
  }

  /**
   * flush.lsn.source=false (PostgresReplicationConnection#flushLsn does nothing then): the status update reports what
   * was received and nothing flushed or applied, so the server keeps the connection and the slot never advances.
   */
  private sendReceivedOnly(): Promise<void> {
    this.statusDue = false;
    this.lastStatusAt = Date.now();
    if (this.stopping) return Promise.resolve();
    this.counters.statusUpdates++;
    const msg = standbyStatusUpdate(this.lastReceivedLsn, 0n, 0n, Date.now());
    // the library's connection, as its own acknowledge() writes to it
    (this.service as unknown as { _connection?: { sendCopyFromChunk(b: Buffer): void } })._connection?.sendCopyFromChunk(msg);
    return Promise.resolve();
  }

  /**
   * A keepalive LSN that may be confirmed: every message before it has been handled and no
   * transaction is open. Used by heartbeats so the slot advances while captured tables are idle.
   */
  idleLsn(): bigint | null {
    const k = this.keepalive;
    if (!k || this.tx || this.processedCount < k.parsedBefore) return null;
    return k.lsn;
  }

  /** Stop handling messages (they stay unconfirmed, so the slot sends them again next time). */
  pause(): void {
    this.failed = true;
  }

  async stop(): Promise<void> {
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = null;
    if (!this.stopping) {
      // the last confirmation goes out before the connection closes (a stop right after a store)
      const last = this.sendStatus();
      this.stopping = true;
      await Promise.race([last, new Promise((r) => setTimeout(r, 2000))]);
    }
    // end() waits for the server to close the copy stream; do not let a dead connection hang stop().
    await Promise.race([this.service.destroy().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
  }

  private fail(err: Error): void {
    if (this.stopping || this.failed) return;
    this.failed = true;
    this.opts.onError(err);
  }

  private position(lsn: bigint): SourcePosition {
    return {
      snapshot: 'false',
      tsUs: this.tx?.tsUs ?? 0n,
      txId: this.tx?.xid ?? null,
      lsn,
      sequence: formatSequence(this.lastCommitLsn, lsn),
      xmin: null,
    };
  }

  private async table(rel: Pgoutput.MessageRelation): Promise<CatalogTable | null> {
    let t = this.tables.get(rel.relationOid);
    if (t === undefined) t = await this.refresh(rel);
    return t;
  }

  /** Relation messages come before a table's first change and after each schema change. */
  private async refresh(rel: Pgoutput.MessageRelation): Promise<CatalogTable | null> {
    const { config, metaDb } = this.opts;
    const meta = config.includesTable(rel.schema, rel.name) ? await tableMetaFromRelation(metaDb, config, rel) : null;
    this.tables.set(rel.relationOid, meta);
    return meta;
  }

  private async onData(lsnText: string, msg: Pgoutput.Message): Promise<void> {
    if (this.failed || this.stopping) return;
    try {
      const lsn = parseLsn(lsnText);
      if (lsn > this.lastReceivedLsn) this.lastReceivedLsn = lsn;
      this.counters.messages++;
      const records = await this.handle(lsn, msg);
      if (records.length > 0) await this.opts.writer.enqueue(records);
      if (msg.tag === 'commit') this.opts.tracker.addPoint(lsn, this.opts.writer.lastSeq);
      this.processedCount++;
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private countOp(op: string, t: { schema: string; table: string }): void {
    const key = `${op}.${t.schema}.${t.table}`;
    this.tableOps.set(key, (this.tableOps.get(key) ?? 0) + 1);
  }

  private async handle(lsn: bigint, msg: Pgoutput.Message): Promise<KafkaRecord[]> {
    const { builder } = this.opts;
    switch (msg.tag) {
      case 'begin':
        this.tx = { xid: msg.xid, tsUs: msg.commitTime as bigint };
        return builder.begin(this.position(lsn));
      case 'commit': {
        if (this.tx) {
          this.lastCommitTimeMs = Number(this.tx.tsUs / 1000n);
          this.millisBehindSource = Math.max(0, Date.now() - this.lastCommitTimeMs);
        }
        const records = builder.commit(this.position(lsn));
        this.lastCommitLsn = lsn;
        this.tx = null;
        this.counters.transactions++;
        return records;
      }
      case 'relation':
        await this.refresh(msg);
        return [];
      case 'insert': {
        const t = await this.table(msg.relation);
        if (!t) return [];
        this.counters.changes++;
        this.countOp('c', t);
        await this.opts.onChange?.('c', t, null, msg.new as TextRow, this.position(lsn));
        return builder.change('c', t, null, msg.new as TextRow, this.position(lsn));
      }
      case 'update': {
        const t = await this.table(msg.relation);
        if (!t) return [];
        this.counters.changes++;
        this.countOp('u', t);
        const before = msg.old ? (msg.old as TextRow) : msg.key ? completeRow(msg.relation, msg.key) : null;
        await this.opts.onChange?.('u', t, before, msg.new as TextRow, this.position(lsn));
        return builder.change('u', t, before, msg.new as TextRow, this.position(lsn));
      }
      case 'delete': {
        const t = await this.table(msg.relation);
        if (!t) return [];
        this.counters.changes++;
        this.countOp('d', t);
        const before = msg.old ? (msg.old as TextRow) : completeRow(msg.relation, msg.key ?? {});
        await this.opts.onChange?.('d', t, before, null, this.position(lsn));
        return builder.change('d', t, before, null, this.position(lsn));
      }
      case 'truncate': {
        const out: KafkaRecord[] = [];
        for (const rel of msg.relations) {
          const t = await this.table(rel);
          if (t) {
            this.countOp('t', t);
            out.push(...builder.truncate(t, this.position(lsn)));
          }
        }
        return out;
      }
      default:
        // type, origin, message: nothing to emit (types are read from the catalog)
        return [];
    }
  }
}
