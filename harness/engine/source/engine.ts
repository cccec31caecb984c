// The engine's pipeline: pre-flight checks, publication, slot (+ exported snapshot), snapshot,
// streaming, heartbeats, Kafka writes and slot confirmation, wired together behind startEngine().
// Order of work copies Debezium's PostgresConnectorTask#start: validate the configuration, check
// the server, create the publication and slot, snapshot, then stream from the slot.
import { hostname } from 'node:os';
import pg from 'pg';
import type { ChangeBuilder } from '../events/builder-port.ts';
import { capturedTables, readTableMeta, type CatalogTable } from '../postgres/catalog.ts';
import { checkReplicationRole, checkWalLevel, readRole } from '../postgres/checks.ts';
import { connectorStatus, type ConnectorState, type ConnectorStatus } from '../connect/connector-status.ts';
import { Heartbeat } from './heartbeat.ts';
import { KafkaWriter } from '../kafka/kafka-writer.ts';
import type { Logger } from '../logger.ts';
import { IncrementalSnapshotter } from './incremental/incremental-snapshot.ts';
import { formatLsn } from '../postgres/lsn.ts';
import { DEFAULT_OFFSETS_TOPIC, OffsetStore, offsetKey } from '../kafka/offset-store.ts';
import { OffsetTracker } from '../kafka/offsets.ts';
import { EngineSetupError, isRetriable } from '../postgres/pg-errors.ts';
import { pgClientConfig } from './pipeline-config.ts';
import { initPublication } from '../postgres/publication.ts';
import { checkReusableSlot, createSlotWithSnapshot, dropSlot, readSlot, type CreatedSlot } from '../postgres/slot.ts';
import { runSnapshot, textTypes } from './snapshot.ts';
import type { PostgresConnectorConfig, SnapshotMode } from './config.ts';
import { planStart, type ConfigurationBasedFlags, type StartPlan } from './snapshot-mode.ts';
import { StreamReader } from './stream.ts';
import type { TopicSettings } from '../connect/topic-creation.ts';

export type { ConnectorStatus } from '../connect/connector-status.ts';

/** The streaming position of a stored offset (lsn_commit, else lsn), or null without one. */
function storedLsn(offset: Record<string, unknown> | null): bigint | null {
  const v = offset?.lsn_commit ?? offset?.lsn;
  return typeof v === 'number' && v > 0 ? BigInt(v) : null;
}

export interface EngineOptions {
  /** Debezium PostgresConnector configuration keys, as in a Kafka Connect connector JSON's "config" */
  config: Record<string, unknown>;
  bootstrapServers: string[];
  logger?: Logger;
  clientId?: string;
  /** worker_id in status(); defaults to "<hostname>:<pid>" */
  workerId?: string;
  /** records waiting for Kafka before reading from Postgres pauses (backpressure); default max.queue.size */
  maxBufferedRecords?: number;
  /** compacted topic recording finished snapshots (see offset-store.ts); default cdc-labs-engine-offsets */
  offsetsTopic?: string;
  /** per-topic creation settings (Kafka Connect's topic.creation.*; startEngine reads them from config) */
  topicSettings?: (topic: string) => TopicSettings;
}

export interface Engine {
  stop(): Promise<void>;
  status(): ConnectorStatus;
  metrics(): Record<string, number>;
  /** resolves when the snapshot's records are all in Kafka (at once when there is no snapshot) */
  waitForSnapshot(): Promise<void>;
}

/** The pipeline around any ChangeBuilder; start-engine.ts's startEngine() is the public entry. */
export class NativeEngine implements Engine {
  private readonly log: Logger;
  private readonly writer: KafkaWriter;
  private meta: pg.Client;
  private readonly workerId: string;
  private readonly offsets: OffsetStore;
  private tracker: OffsetTracker | null = null;
  private stream: StreamReader | null = null;
  private heartbeat: Heartbeat | null = null;
  private snapshotDb: pg.Client | null = null;
  /** ad-hoc incremental snapshots (signal.data.collection set), and the offset read at start */
  private incremental: IncrementalSnapshotter | null = null;
  private incrementalDb: pg.Client | null = null;
  private storedOffset: Record<string, unknown> | null = null;
  /** the incremental snapshot fields last written to the offsets topic (JSON) */
  private storedIncremental = '{}';
  /** the newest LSN the offsets topic acknowledged: the slot is confirmed up to it, never past it */
  private durableLsn: bigint | null = null;
  private storeChain: Promise<void> = Promise.resolve();
  private storing = false;
  private storeAgain = false;
  private lastStoreAt = 0;
  /** the replication session that exported the snapshot, until the snapshot imported it */
  private exportSession: pg.Client | null = null;
  private state: ConnectorState = 'UNASSIGNED';
  private taskState: ConnectorState = 'UNASSIGNED';
  private failure: Error | null = null;
  private stopping = false;
  /** the producer's start, once per engine (a retried setup reuses it; a failed one is tried again) */
  private writerStart: Promise<void> | null = null;
  /** bumped per session (connect → slot → snapshot/stream); callbacks of older sessions are ignored */
  private generation = 0;
  private restarting = false;
  private restarts = 0;
  private snapshotRows = 0;
  /** snapshot rows per "<schema>.<table>", tables to snapshot, and errors seen (for metrics) */
  private readonly snapshotTableRows = new Map<string, number>();
  private snapshotTables = 0;
  private errors = 0;
  private snapshotDone = false;
  private plan: StartPlan | null = null;
  /** highest LSN confirmed to the slot, and the last one written to the offsets topic */
  private streamedLsn: bigint | null = null;
  private storedLsn: bigint | null = null;
  private offsetTimer: NodeJS.Timeout | null = null;
  private readonly snapshotPromise: Promise<void>;
  private resolveSnapshot!: () => void;
  private rejectSnapshot!: (e: Error) => void;

  private readonly config: PostgresConnectorConfig;
  private readonly builder: ChangeBuilder;
  private readonly opts: Omit<EngineOptions, 'config'>;
  constructor(
    config: PostgresConnectorConfig,
    builder: ChangeBuilder,
    opts: Omit<EngineOptions, 'config'>,
  ) {
    this.config = config;
    this.builder = builder;
    this.opts = opts;
    this.log = opts.logger ?? (() => undefined);
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}`;
    this.writer = new KafkaWriter({
      bootstrapServers: opts.bootstrapServers,
      clientId: opts.clientId ?? `cdc-labs-engine-${config.name}`,
      logger: this.log,
      // max.queue.size / max.queue.size.in.bytes bound the records between decoding and Kafka; max.batch.size a produce request
      maxBufferedRecords: opts.maxBufferedRecords ?? config.maxQueueSize,
      maxBufferedBytes: config.maxQueueSizeInBytes,
      maxBatchRecords: config.maxBatchSize,
      topicSettings: opts.topicSettings,
      prepare: builder.settle ? (records) => builder.settle!(records) : undefined,
    });
    this.writer.onFailure = (err) => this.fail(err, this.generation);
    this.writer.onAck((seq) => this.tracker?.acked(seq));
    this.meta = new pg.Client(pgClientConfig(config));
    this.offsets = new OffsetStore(
      opts.bootstrapServers,
      opts.offsetsTopic ?? DEFAULT_OFFSETS_TOPIC,
      offsetKey(config.name, config.topicPrefix),
    );
    this.snapshotPromise = new Promise<void>((resolve, reject) => {
      this.resolveSnapshot = resolve;
      this.rejectSnapshot = reject;
    });
    this.snapshotPromise.catch(() => undefined);
  }

  /** Checks and setup; resolves when snapshot/streaming are under way in the background. */
  async start(): Promise<void> {
    try {
      await this.setup();
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  /** Starts the producer (once) and the offsets topic's producer. */
  private async startKafkaSide(): Promise<void> {
    this.writerStart ??= this.writer.start().catch((err: unknown) => {
      this.writerStart = null;
      throw err;
    });
    const offsetsReady = this.offsets.prepare();
    offsetsReady.catch(() => undefined); // awaited below, after the writer, whose error names the bootstrap servers
    await this.writerStart;
    await offsetsReady;
  }

  /** One session: connect, check, publication, slot, then snapshot and/or stream in the background. */
  private async setup(): Promise<void> {
    const { config } = this;
    const generation = ++this.generation;
    // Kafka's producers (and the producer id) need nothing from PostgreSQL: they start beside the checks
    // below instead of after them (a fresh broker took ~1 s to give a producer id)
    const kafkaSide = this.startKafkaSide();
    kafkaSide.catch(() => undefined); // awaited below; a PostgreSQL error thrown first wins
    this.meta = new pg.Client(pgClientConfig(config));
    await this.meta.connect().catch((err: Error) => {
      throw new EngineSetupError(
        `Cannot connect to PostgreSQL at ${config.hostname}:${config.port} (database.hostname/database.port), ` +
          `database "${config.dbname}" as "${config.user}": ${err.message}`,
        undefined,
        { cause: err },
      );
    });
    this.meta.on('error', (err) => this.fail(err, generation));
    await checkWalLevel(this.meta);
    await checkReplicationRole(this.meta);
    const role = await readRole(this.meta);
    const tables = await capturedTables(this.meta, config);
    const publication = await initPublication(this.meta, config, tables, role.user);
    this.log('info', `publication "${config.publicationName}": ${publication}`);
    let slot = await this.awaitFreeSlot();
    for (const w of config.warnings) this.log('warn', w);
    const mode = config.snapshotMode as SnapshotMode;
    await kafkaSide;
    // read once the slot is free: an earlier task on it (a killed or restarted engine) has stored its last offset
    const stored = await this.offsets.read();
    const plan = planStart(mode, stored, { exists: slot !== null, walStatus: slot?.walStatus, restartLsn: slot?.restartLsn }, this.configurationBased());
    for (const n of plan.notes) this.log('info', n);
    if (plan.error) throw new EngineSetupError(plan.error);
    this.plan = plan;
    this.storedOffset = plan.resetOffset || plan.snapshot ? null : (stored as unknown as Record<string, unknown> | null);
    this.checkSignalTable();
    if (slot && plan.snapshot && plan.stream) {
      // The snapshot must meet the stream exactly: recreate the slot so that it exports the
      // snapshot the rows are read in (Debezium reuses the slot and skips WAL before the snapshot's LSN).
      this.log('warn', `slot "${config.slotName}" exists but a snapshot is due (snapshot.mode=${mode}): dropping it and creating it again`);
      await dropSlot(this.meta, config.slotName);
      slot = null;
    }

    let created: CreatedSlot | null = null;
    let startLsn: bigint;
    let lastCommitLsn: bigint | null;
    if (!plan.stream) {
      // Debezium creates no replication connection (and no slot) when the mode does not stream.
      startLsn = 0n;
      lastCommitLsn = null;
    } else if (slot) {
      // Restart: resume from what the slot confirmed (Kafka had everything up to it). Under flush.lsn.source=false the
      // slot confirms nothing: resume from the stored offset when it is ahead, as PostgresStreamingChangeEventSource
      // starts at the offset's LSN (the server skips transactions that committed before it).
      const fromOffset = config.flushLsnSource ? null : storedLsn(this.storedOffset);
      const resume = fromOffset !== null && (slot.confirmedFlushLsn === null || fromOffset > slot.confirmedFlushLsn) ? fromOffset : slot.confirmedFlushLsn;
      startLsn = resume ?? 0n;
      lastCommitLsn = resume;
      this.log('info', `reusing slot "${config.slotName}" from ${formatLsn(startLsn)}`);
    } else {
      created = await createSlotWithSnapshot(pgClientConfig(config), config.slotName, role.user);
      this.exportSession = created.session;
      startLsn = created.consistentPoint;
      lastCommitLsn = null;
      this.log('info', `created slot "${config.slotName}" at ${formatLsn(startLsn)}, snapshot ${created.snapshotName}`);
    }
    // Acks of records from an earlier session still count: sequence numbers are the writer's.
    const tracker = new OffsetTracker(startLsn, (lsn) => {
      this.streamedLsn = lsn;
      this.storeThenConfirm(generation);
    });
    tracker.acked(this.writer.ackedSeq);
    this.tracker = tracker;
    this.state = 'RUNNING';
    this.taskState = 'RUNNING';
    void this.run(created, tables, startLsn, lastCommitLsn, generation).catch((err: Error) => this.fail(err, generation));
  }

  /**
   * Reads the slot; while another process streams from it, waits and retries as Debezium does
   * (slot.max.retries, default 6, every slot.retry.delay.ms, default 10 s), then fails naming it.
   * A killed engine's walsender can hold the slot for a moment after the kill.
   */
  private async awaitFreeSlot(): Promise<Awaited<ReturnType<typeof readSlot>>> {
    const { config } = this;
    const retries = config.slotMaxRetries;
    const delay = config.slotRetryDelayMs;
    for (let attempt = 0; ; attempt++) {
      const slot = await readSlot(this.meta, config.slotName);
      if (!slot || !slot.active || attempt >= retries) {
        if (slot) checkReusableSlot(slot, config.dbname);
        return slot;
      }
      this.log(
        'warn',
        `replication slot "${config.slotName}" is active for PID ${slot.activePid}; retry ${attempt + 1} of ${retries} in ${delay} ms`,
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  private async run(
    created: CreatedSlot | null,
    tables: Array<{ schema: string; table: string }>,
    startLsn: bigint,
    lastCommitLsn: bigint | null,
    generation: number,
  ): Promise<void> {
    const { config } = this;
    const plan = this.plan!;
    if (plan.snapshot) {
      const metas: CatalogTable[] = [];
      for (const t of tables) {
        const m = await readTableMeta(this.meta, config, t);
        if (m) metas.push(m);
      }
      this.snapshotTables = metas.length;
      this.snapshotDb = new pg.Client({ ...pgClientConfig(config), types: textTypes });
      await this.snapshotDb.connect();
      const session = created?.session;
      // An unfinished snapshot is on record until the last one is: a crash in between redoes it.
      await this.offsets.write({
        lsn: Number(created?.consistentPoint ?? 0n),
        txId: null,
        ts_usec: Date.now() * 1000,
        snapshot: 'INITIAL',
        snapshot_completed: false,
      });
      const result = await runSnapshot({
        db: this.snapshotDb,
        snapshotName: created?.snapshotName,
        onImported: async () => {
          this.exportSession = null;
          await session?.end();
        },
        tables: metas,
        consistentPoint: created?.consistentPoint,
        builder: this.builder,
        emit: async (records) => void (await this.writer.enqueue(records)),
        isRunning: () => !this.stopping && generation === this.generation && !this.restarting,
        selectFor: (t) => config.snapshotSelectOverride(t.schema, t.table),
        logger: this.log,
        onRow: (t) => {
          this.snapshotRows++;
          const key = `${t.schema}.${t.table}`;
          this.snapshotTableRows.set(key, (this.snapshotTableRows.get(key) ?? 0) + 1);
        },
      });
      await this.snapshotDb.end();
      this.snapshotDb = null;
      await this.writer.flush();
      await this.offsets.write({
        last_snapshot_record: true,
        lsn: Number(result.lsn),
        txId: result.txId,
        ts_usec: Date.now() * 1000,
        snapshot: 'INITIAL',
        snapshot_completed: true,
      });
      this.storedLsn = result.lsn;
      this.durableLsn = result.lsn;
      this.log('info', `snapshot done: ${result.rows} rows from ${metas.length} tables`);
    } else if (created) {
      this.exportSession = null;
      await created.session.end();
    }
    this.snapshotDone = true;
    this.resolveSnapshot();
    if (this.stopping || generation !== this.generation) return;
    if (!plan.stream) {
      // initial_only, configuration_based without start.stream: the task stays RUNNING and idle.
      this.log('info', `streaming is disabled for snapshot.mode=${config.snapshotMode}`);
      return;
    }

    if (config.signalTable) {
      this.incrementalDb = new pg.Client({ ...pgClientConfig(config), types: textTypes });
      await this.incrementalDb.connect();
      this.incremental = new IncrementalSnapshotter({
        config,
        db: this.incrementalDb,
        metaDb: this.meta,
        builder: this.builder,
        writer: this.writer,
        logger: this.log,
        signalTable: config.signalTable,
        chunkSize: config.incrementalSnapshotChunkSize,
        storedOffset: this.storedOffset,
      });
    }
    const incremental = this.incremental;
    this.stream = new StreamReader({
      onChange: incremental ? (op, t, before, after, pos) => incremental.change(op, t, before, after, pos) : undefined,
      clientConfig: pgClientConfig(config),
      metaDb: this.meta,
      config,
      startLsn,
      lastCommitLsn,
      builder: this.builder,
      writer: this.writer,
      tracker: this.tracker!,
      durableLsn: () => this.durableLsn,
      logger: this.log,
      onError: (err) => this.fail(err, generation),
    });
    await this.stream.start();
    this.log('info', `streaming from slot "${config.slotName}" at ${formatLsn(startLsn)}`);
    // AbstractIncrementalSnapshotChangeEventSource#init: a snapshot that was running goes on
    if (incremental) void incremental.init().catch((err: Error) => this.fail(err, generation));
    this.heartbeat = new Heartbeat({
      intervalMs: config.heartbeatIntervalMs,
      actionQuery: config.heartbeatActionQuery,
      db: this.meta,
      builder: this.builder,
      writer: this.writer,
      tracker: this.tracker!,
      stream: this.stream,
      logger: this.log,
      onError: (err) => this.fail(err, generation),
    });
    this.heartbeat.start();
    // Kafka Connect commits source offsets every offset.flush.interval.ms (default 60 s).
    const every = config.offsetFlushIntervalMs;
    this.offsetTimer = setInterval(() => void this.storeStreamOffset().catch(() => undefined), every);
  }

  /**
   * Records the confirmed streaming position in the offsets topic when it moved, with the progress
   * of an incremental snapshot whose rows Kafka has (Debezium keeps both in one source offset).
   */
  private storeStreamOffset(): Promise<void> {
    // one store at a time, in order: a stop waits for the store in flight before its own
    const next = this.storeChain.then(() => this.writeStreamOffset());
    this.storeChain = next.catch(() => undefined);
    return next;
  }

  private async writeStreamOffset(): Promise<void> {
    const lsn = this.streamedLsn ?? this.storedLsn;
    const fields = this.incremental?.offsetFields(this.writer.ackedSeq) ?? {};
    const fieldsJson = JSON.stringify(fields);
    const moved = lsn !== null && (this.storedLsn === null || lsn > this.storedLsn);
    if (lsn === null || (!moved && fieldsJson === this.storedIncremental)) return;
    this.storedLsn = lsn;
    this.storedIncremental = fieldsJson;
    const n = Number(lsn);
    await this.offsets.write({ lsn_proc: n, lsn_commit: n, lsn: n, txId: null, ts_usec: Date.now() * 1000, ...fields });
    if (this.durableLsn === null || lsn > this.durableLsn) this.durableLsn = lsn;
  }

  /**
   * Kafka acknowledged everything up to a new LSN: store it in the offsets topic, then let the
   * stream confirm it to the slot (at most every 200 ms, one store in flight). Debezium confirms to
   * the slot only when Connect commits the offset (PostgresConnectorTask#commit); confirming first
   * would leave the slot's restart_lsn ahead of the stored position after a crash, which a restart
   * reads as a slot created again (snapshot-mode.ts).
   */
  private storeThenConfirm(generation: number): void {
    if (this.storing) {
      this.storeAgain = true;
      return;
    }
    this.storing = true;
    void (async () => {
      try {
        do {
          this.storeAgain = false;
          const wait = this.lastStoreAt + 200 - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          if (this.stopping || generation !== this.generation) return;
          this.lastStoreAt = Date.now();
          await this.storeStreamOffset();
          this.stream?.confirmed();
        } while (this.storeAgain);
      } catch (err) {
        this.fail(err as Error, generation);
      } finally {
        this.storing = false;
      }
    })();
  }

  /** Debezium sees signals only through the captured signal table's changes: say so when it is not captured. */
  private checkSignalTable(): void {
    if (!this.config.signalTable) return;
    const { schema, table } = this.config.signalTable;
    if (!this.config.includesTable(schema, table)) {
      this.log(
        'warn',
        `signal.data.collection "${schema}.${table}" is not among the captured tables (table.include.list/table.exclude.list): ` +
          `its inserts never reach the connector, so signals (execute-snapshot, stop-snapshot) will not be seen; add it to table.include.list`,
      );
    }
  }

  private configurationBased(): ConfigurationBasedFlags | undefined {
    return this.config.snapshotConfigurationBased;
  }

  private fail(err: Error, generation: number): void {
    if (this.stopping || this.failure || this.restarting || generation !== this.generation) return;
    this.errors++;
    // Debezium retries retriable errors (lost connections, server restarts): errors.max.retries
    // (default -1, no limit) times, waiting retriable.restart.connector.wait.ms (default 10 s).
    const maxRetries = this.config.errorsMaxRetries;
    if (isRetriable(err) && (maxRetries < 0 || this.restarts < maxRetries)) {
      this.restarting = true;
      void this.restartSession(err);
      return;
    }
    this.failure = err;
    this.taskState = 'FAILED';
    this.log('error', `task failed: ${err.message}`);
    this.rejectSnapshot(err);
    // Stop reading and writing; nothing after the failure is confirmed, so a restart replays it.
    void this.close();
  }

  private async restartSession(cause: Error): Promise<void> {
    const wait = this.config.retriableRestartWaitMs;
    this.restarts++;
    this.log('warn', `retriable error, restarting in ${wait} ms (restart ${this.restarts}): ${cause.message}`);
    // Drop the session: nothing it read after the last confirmation is confirmed, so the slot replays it.
    if (this.offsetTimer) clearInterval(this.offsetTimer);
    this.offsetTimer = null;
    this.heartbeat?.stop();
    this.stream?.pause();
    await this.stream?.stop();
    this.stream = null;
    this.heartbeat = null;
    await Promise.allSettled([this.snapshotDb?.end(), this.meta.end(), this.exportSession?.end(), this.incrementalDb?.end(), this.offsets.close()]);
    this.snapshotDb = null;
    this.exportSession = null;
    this.incrementalDb = null;
    this.incremental = null;
    await new Promise((r) => setTimeout(r, wait));
    this.restarting = false;
    if (this.stopping) return;
    try {
      await this.setup();
      this.log('info', `restarted after: ${cause.message}`);
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)), this.generation);
    }
  }

  waitForSnapshot(): Promise<void> {
    return this.snapshotPromise;
  }

  status(): ConnectorStatus {
    return connectorStatus(this.config.name, this.workerId, this.state, this.taskState, this.failure);
  }

  metrics(): Record<string, number> {
    const s = this.stream?.counters;
    const w = this.writer.counters;
    return {
      'snapshot.rows': this.snapshotRows,
      'snapshot.completed': this.snapshotDone ? 1 : 0,
      'stream.messages': s?.messages ?? 0,
      'stream.changes': s?.changes ?? 0,
      'stream.transactions': s?.transactions ?? 0,
      'stream.keepalives': s?.keepalives ?? 0,
      'stream.statusUpdates': s?.statusUpdates ?? 0,
      'stream.receivedLsn': Number(this.stream?.lastReceivedLsn ?? 0n),
      'kafka.recordsSent': w.recordsSent,
      'kafka.requests': w.requestsSent,
      'kafka.bytesSent': w.bytesSent,
      'kafka.buffered': this.writer.buffered,
      'kafka.peakBuffered': this.writer.peakBuffered.records,
      'kafka.peakBufferedBytes': this.writer.peakBuffered.bytes,
      'kafka.peakBatchRecords': w.peakBatchRecords,
      'kafka.enqueuedSeq': this.writer.lastSeq,
      'kafka.ackedSeq': this.writer.ackedSeq,
      'offsets.confirmedLsn': Number(this.tracker?.confirmedLsn ?? 0n),
      'heartbeat.beats': this.heartbeat?.beats ?? 0,
      'task.restarts': this.restarts,
      'process.rssBytes': process.memoryUsage().rss,
      'snapshot.tables': this.snapshotTables,
      'stream.lastCommitTimeMs': this.stream?.lastCommitTimeMs ?? 0,
      'stream.millisBehindSource': this.stream?.millisBehindSource ?? 0,
      'task.errors': this.errors,
      'snapshot.incremental.rows': this.incremental?.counters.rows ?? 0,
      'snapshot.incremental.chunks': this.incremental?.counters.chunks ?? 0,
      'snapshot.incremental.deduplicated': this.incremental?.counters.deduplicated ?? 0,
      'snapshot.incremental.running': this.incremental?.running ? 1 : 0,
      ...Object.fromEntries([...this.snapshotTableRows].map(([k, v]) => [`events.r.${k}`, v])),
      ...Object.fromEntries([...(this.stream?.tableOps ?? [])].map(([k, v]) => [`events.${k}`, v])),
    };
  }

  /** Graceful stop: stop reading, let Kafka acknowledge what is buffered, confirm it, disconnect. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (!this.snapshotDone) this.rejectSnapshot(new Error('the engine was stopped before the snapshot finished'));
    this.heartbeat?.stop();
    this.stream?.pause();
    if (!this.failure) {
      await Promise.race([this.writer.flush().catch(() => undefined), new Promise((r) => setTimeout(r, 15_000))]);
      await this.storeStreamOffset().catch(() => undefined);
    }
    await this.close();
    this.state = 'UNASSIGNED';
    this.taskState = 'UNASSIGNED';
  }

  private async awaitSlotReleased(timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const slot = await readSlot(this.meta, this.config.slotName);
      if (!slot?.active) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async close(): Promise<void> {
    if (this.offsetTimer) clearInterval(this.offsetTimer);
    this.offsetTimer = null;
    this.heartbeat?.stop();
    const streamed = this.stream !== null;
    await this.stream?.stop();
    // The server-side walsender lets go of the slot a moment after we disconnect; wait for it (up
    // to 5 s), so a restart right after stop() finds the slot free instead of retrying.
    if (streamed) await this.awaitSlotReleased(5_000).catch(() => undefined);
    await this.writer.stop();
    await Promise.allSettled([this.snapshotDb?.end(), this.meta.end(), this.exportSession?.end(), this.incrementalDb?.end(), this.offsets.close()]);
  }
}
