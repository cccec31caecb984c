// The Postgres sink task: a kafkajs consumer in group connect-<name> (as Connect names a sink's
// group), records converted as JsonConverter does (failures there go through Connect's error
// handling: DLQ + log under errors.tolerance=all, task failure under none), then applied as the
// Debezium JDBC sink applies them, batch.size records per target transaction. Kafka offsets are
// committed only after that transaction committed (and the DLQ acknowledged its records), so a
// crash replays at most one batch (at-least-once; upserts make the replay harmless).
import { hostname } from 'node:os';
import { Kafka, logLevel, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import pg from 'pg';
import type { ConnectSchema } from '../../connect/connect-schema.ts';
import '../../kafkajs-lz4.ts'; // topics may be LZ4-compressed on the broker
import { sinkConnectorStatus, type SinkConnectorStatus, type SinkState } from '../../connect/sink-status.ts';
import type { Logger } from '../../logger.ts';
import { parseSinkConfig, type PostgresSinkConfig } from './config.ts';
import { contextHeaders, JDBC_SINK_TASK_CLASS, JSON_CONVERTER_CLASS, logMessage, stackTrace, type ErrorContext, type Stage } from './dlq.ts';
import { sinkDecoders, type SinkDecoders } from '../../connect/avro/sink-decoders.ts';
import type { AvroDecoder } from '../../connect/avro/avro-converter.ts';
import { CONNECT_EXCEPTION, DATA_EXCEPTION, convertJson, JavaError, rowChange, toPgValue, type RowChange, type ConsumedRecord } from './record.ts';
import {
  alterTableSql, collectionName, createTableSql, deleteSql, identifierName, insertSql, truncateSql, updateSql, upsertSql,
  type ColumnDef, type TableId,
} from './sql.ts';

export type { SinkState } from '../../connect/sink-status.ts';
/** GET /connectors/{name}/status of the sink (the shared sink status shape) */
export type SinkStatus = SinkConnectorStatus;

export interface PostgresSinkOptions {
  /** Debezium JDBC sink keys, as in a Kafka Connect connector JSON's "config" (plus "name") */
  config: Record<string, unknown>;
  bootstrapServers: string[];
  logger?: Logger;
  workerId?: string;
}

export interface PostgresSink {
  stop(): Promise<void>;
  status(): SinkStatus;
  metrics(): Record<string, number>;
}

const KAFKA_PK = [
  { name: '__connect_topic', schema: { type: 'string', optional: false } as ConnectSchema },
  { name: '__connect_partition', schema: { type: 'int32', optional: false } as ConnectSchema },
  { name: '__connect_offset', schema: { type: 'int64', optional: false } as ConnectSchema },
];

interface Planned {
  record: ConsumedRecord;
  change: RowChange;
  table: TableId;
  keys: ColumnDef[];
  values: ColumnDef[];
}

export async function startPostgresSink(opts: PostgresSinkOptions): Promise<PostgresSink> {
  const config = parseSinkConfig(opts.config); // throws ConfigErrors before anything connects
  const sink = new PostgresSinkTask(config, opts);
  await sink.start();
  return sink;
}

class PostgresSinkTask implements PostgresSink {
  private readonly log: Logger;
  private readonly workerId: string;
  private readonly kafka: Kafka;
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private db: pg.Client | null = null;
  private state: SinkState = 'UNASSIGNED';
  private failure: string | null = null;
  private stopping = false;
  private consumerStarted: Promise<void> = Promise.resolve();
  /** known target tables: column names as stored */
  private readonly tables = new Map<string, Set<string>>();
  private readonly counters = {
    records_consumed: 0, rows_inserted: 0, rows_upserted: 0, rows_updated: 0, rows_deleted: 0, truncates: 0,
    records_skipped: 0, transactions_committed: 0, dlq_records: 0, errors: 0, tables_created: 0, columns_added: 0,
  };

  private readonly cfg: PostgresSinkConfig;
  /** key.converter / value.converter: Avro through a schema registry (connect/avro), else JsonConverter */
  private readonly decoders: SinkDecoders;
  constructor(cfg: PostgresSinkConfig, opts: PostgresSinkOptions) {
    this.cfg = cfg;
    this.decoders = sinkDecoders(opts.config);
    this.log = opts.logger ?? (() => undefined);
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}`;
    this.kafka = new Kafka({
      clientId: `connector-consumer-${cfg.name}-0`,
      brokers: opts.bootstrapServers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const level = entry.level <= logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'debug';
        this.log(level, `kafka: ${entry.log.message}`);
      },
    });
  }

  async start(): Promise<void> {
    const c = this.cfg.connection;
    this.db = new pg.Client({ host: c.host, port: c.port, database: c.database, user: c.user, password: c.password });
    this.db.on('error', (e) => this.fail(new JavaError(CONNECT_EXCEPTION, `connection to ${c.maskedUrl} lost`, e)));
    try {
      await this.db.connect();
    } catch (e) {
      await this.db.end().catch(() => undefined);
      this.db = null;
      const msg = (e as Error).message.split(c.password || '\u0000').join('********');
      throw new Error(`connection.url ${c.maskedUrl}: cannot connect as ${c.user ?? '(no user)'}: ${msg}`);
    }
    try {
      if (this.cfg.errors.tolerance === 'all' && this.cfg.errors.dlqTopic) {
        // DeadLetterQueueReporter#createAndSetup: the topic is created at task start when missing
        const admin = this.kafka.admin();
        await admin.connect();
        try {
          if (!(await admin.listTopics()).includes(this.cfg.errors.dlqTopic)) {
            await admin.createTopics({
              topics: [{ topic: this.cfg.errors.dlqTopic, numPartitions: 1, replicationFactor: this.cfg.errors.dlqReplicationFactor }],
              waitForLeaders: true,
            });
          }
        } finally {
          await admin.disconnect();
        }
        this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
        await this.producer.connect();
      }
      this.state = 'RUNNING';
      // A sink may start before its topics exist (Connect's consumer waits for them): subscribe in
      // the background once they do.
      this.consumerStarted = this.runConsumer().catch((e: unknown) => this.fail(new JavaError(CONNECT_EXCEPTION, `consumer of ${this.cfg.name} failed`, e)));
      this.log('info', `sink ${this.cfg.name} started: ${this.cfg.connection.maskedUrl}, topics ${this.cfg.topicsRegex ?? this.cfg.topics.join(',')}`);
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  private async runConsumer(): Promise<void> {
    if (this.cfg.topics.length > 0) {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        for (;;) {
          if (this.stopping) return;
          const existing = new Set(await admin.listTopics());
          if (this.cfg.topics.every((t) => existing.has(t))) break;
          await new Promise((r) => setTimeout(r, 500));
        }
      } finally {
        await admin.disconnect();
      }
    }
    if (this.stopping) return;
    this.consumer = this.kafka.consumer({ groupId: `connect-${this.cfg.name}`, allowAutoTopicCreation: false });
    await this.consumer.connect();
    const topics: Array<string | RegExp> = this.cfg.topicsRegex ? [this.cfg.topicsRegex] : this.cfg.topics;
    // Connect's consumer default: auto.offset.reset=earliest
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (let i = 0; i < batch.messages.length; i += this.cfg.batchSize) {
          if (this.state !== 'RUNNING' || !isRunning() || isStale()) return;
          const chunk = batch.messages.slice(i, i + this.cfg.batchSize);
          const ok = await this.processChunk(batch.topic, batch.partition, chunk);
          if (!ok) return;
          const last = chunk[chunk.length - 1].offset;
          await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
          resolveOffset(last);
          await heartbeat();
        }
      },
    });
  }

  /** Returns false when the task failed (nothing of the chunk committed). */
  private async processChunk(topic: string, partition: number, messages: KafkaMessage[]): Promise<boolean> {
    const records: ConsumedRecord[] = [];
    for (const m of messages) {
      this.counters.records_consumed++;
      const r: ConsumedRecord = {
        topic, partition, offset: m.offset, timestamp: m.timestamp,
        rawKey: m.key ?? null, rawValue: m.value ?? null,
        rawHeaders: (m.headers ?? {}) as Record<string, Buffer | string | undefined>,
        key: { schema: null, payload: null }, value: { schema: null, payload: null },
      };
      let stage: Stage = 'KEY_CONVERTER';
      try {
        r.key = this.decoders.key ? await avroConverted(this.decoders.key, r.rawKey) : convertJson(r.rawKey);
        stage = 'VALUE_CONVERTER';
        r.value = this.decoders.value ? await avroConverted(this.decoders.value, r.rawValue) : convertJson(r.rawValue);
      } catch (error) {
        const converterClass = (stage === 'KEY_CONVERTER' ? this.decoders.keyClass : this.decoders.valueClass) ?? JSON_CONVERTER_CLASS;
        const handled = await this.toleratedError({ record: r, stage, executingClass: converterClass, error });
        if (!handled) return false;
        continue;
      }
      records.push(r);
    }
    if (records.length === 0) return true;
    try {
      await this.put(records);
      return true;
    } catch (e) {
      // Not a converter failure: the task's put() threw. Connect does not route these to the DLQ
      // (the Debezium JDBC sink 3.2.0 reports no errant records); the task fails.
      const first = records[0];
      this.counters.errors++;
      const err = new JavaError(
        CONNECT_EXCEPTION,
        'Exiting WorkerSinkTask due to unrecoverable exception.',
        new JavaError(CONNECT_EXCEPTION, 'JDBC sink connector failure', e instanceof JavaError ? e : new JavaError(CONNECT_EXCEPTION, 'Failed to process a sink record', e)),
      );
      this.log('error', `sink ${this.cfg.name}: failed to apply records from ${first.topic}-${first.partition} starting at offset ${first.offset}: ${(e as Error).message}`);
      this.fail(err);
      return false;
    }
  }

  /** RetryWithToleranceOperator: report (log, DLQ) and go on under tolerance all; fail under none. */
  private async toleratedError(ctx: ErrorContext): Promise<boolean> {
    this.counters.errors++;
    if (this.cfg.errors.tolerance === 'none') {
      this.log('error', logMessage(ctx, `${this.cfg.name}-0`, this.cfg.errors.logIncludeMessages));
      this.fail(new JavaError(CONNECT_EXCEPTION, 'Tolerance exceeded in error handler', ctx.error));
      return false;
    }
    if (this.cfg.errors.logEnable) {
      this.log('error', `${logMessage(ctx, `${this.cfg.name}-0`, this.cfg.errors.logIncludeMessages)}\n${stackTrace(ctx.error)}`);
    }
    if (this.producer && this.cfg.errors.dlqTopic) {
      const headers: Record<string, Buffer | string> = {};
      for (const [k, v] of Object.entries(ctx.record.rawHeaders)) if (v !== undefined) headers[k] = v;
      if (this.cfg.errors.dlqContextHeaders) Object.assign(headers, contextHeaders(ctx, this.cfg.name, 0));
      await this.producer.send({
        topic: this.cfg.errors.dlqTopic,
        acks: -1,
        messages: [{ key: ctx.record.rawKey, value: ctx.record.rawValue, headers, timestamp: ctx.record.timestamp }],
      });
      this.counters.dlq_records++;
    }
    return true;
  }

  private fail(err: Error): void {
    if (this.state === 'FAILED' || this.stopping) return;
    this.state = 'FAILED';
    this.failure = stackTrace(err);
    this.log('error', `sink ${this.cfg.name} task 0 FAILED: ${err.message}${err.cause ? ` (${(err.cause as Error).message})` : ''}`);
    // stopping the consumer from inside eachBatch would wait for that batch: do it after
    setImmediate(() => void this.consumer?.stop().catch(() => undefined));
  }

  private keyColumns(r: ConsumedRecord, change: RowChange): ColumnDef[] {
    const cfg = this.cfg;
    switch (cfg.primaryKeyMode) {
      case 'none': return [];
      case 'kafka':
        return KAFKA_PK.map((c, i) => ({ name: cfg.primaryKeyFields[i] ?? c.name, schema: c.schema, key: true }));
      case 'record_key': {
        const ks = r.key.schema;
        if (!ks || r.key.payload === null) throw new JavaError(CONNECT_EXCEPTION, `record from ${r.topic}-${r.partition}@${r.offset} has no key; primary.key.mode=record_key needs one`);
        if (ks.type !== 'struct') {
          if (cfg.primaryKeyFields.length !== 1) throw new JavaError(CONNECT_EXCEPTION, `a primitive key needs exactly one name in primary.key.fields (topic ${r.topic})`);
          return [{ name: cfg.primaryKeyFields[0], schema: ks, key: true }];
        }
        const fields = (ks.fields ?? []).filter((f) => cfg.primaryKeyFields.length === 0 || cfg.primaryKeyFields.includes(f.name));
        if (fields.length === 0) throw new JavaError(CONNECT_EXCEPTION, `no key field of topic ${r.topic} matches primary.key.fields=${cfg.primaryKeyFields.join(',')}`);
        return fields.map((f) => ({ name: f.name, schema: f.schema, key: true }));
      }
      case 'record_value': {
        const fields = (change.rowSchema?.fields ?? []).filter((f) => cfg.primaryKeyFields.length === 0 || cfg.primaryKeyFields.includes(f.name));
        if (fields.length === 0) throw new JavaError(CONNECT_EXCEPTION, `no value field of topic ${r.topic} matches primary.key.fields=${cfg.primaryKeyFields.join(',')}`);
        return fields.map((f) => ({ name: f.name, schema: f.schema, key: true }));
      }
    }
  }

  private keyValues(p: Planned): unknown[] {
    const r = p.record;
    switch (this.cfg.primaryKeyMode) {
      case 'kafka': return [r.topic, r.partition, r.offset];
      case 'record_key':
        if (r.key.schema?.type !== 'struct') return [toPgValue(p.keys[0].schema, r.key.payload)];
        return p.keys.map((k) => toPgValue(k.schema, (r.key.payload as Record<string, unknown>)[k.name]));
      case 'record_value': return p.keys.map((k) => toPgValue(k.schema, p.change.row?.[k.name]));
      default: return [];
    }
  }

  private plan(r: ConsumedRecord): Planned | null {
    const change = rowChange(r);
    if (change.op === 'm') return null;
    const table: TableId = { schema: null, name: identifierName(collectionName(this.cfg.collectionNameFormat, r.topic, change.source), this.cfg.quoteIdentifiers) };
    if (change.op === 'tombstone' || change.op === 'd') {
      if (!this.cfg.deleteEnabled) return null;
      return { record: r, change, table, keys: this.keyColumns(r, change), values: [] };
    }
    if (change.op === 't') return this.cfg.truncateEnabled ? { record: r, change, table, keys: [], values: [] } : null;
    const keys = this.keyColumns(r, change);
    const keyNames = new Set(keys.map((k) => k.name));
    const values = (change.rowSchema?.fields ?? []).filter((f) => !keyNames.has(f.name)).map((f) => ({ name: f.name, schema: f.schema, key: false }));
    return { record: r, change, table, keys, values };
  }

  private async loadTable(t: TableId): Promise<Set<string> | null> {
    const res = await this.db!.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [t.name],
    );
    if (res.rowCount === 0) {
      const exists = await this.db!.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`, [t.name]);
      return exists.rowCount ? new Set() : null;
    }
    return new Set(res.rows.map((r) => r.column_name));
  }

  /** checkAndApplyTableChangesIfNeeded: create the table or add missing columns (schema.evolution=basic), each DDL its own transaction. */
  private async ensureTable(p: Planned): Promise<boolean> {
    const q = this.cfg.quoteIdentifiers;
    let cols = this.tables.get(p.table.name) ?? (await this.loadTable(p.table));
    const wanted = [...p.keys, ...p.values];
    if (!cols) {
      if (p.change.op === 'd' || p.change.op === 'tombstone' || p.change.op === 't') return false; // nothing to delete from
      if (this.cfg.schemaEvolution === 'none') {
        throw new JavaError(CONNECT_EXCEPTION, 'Error while checking and applying table changes for collection', new Error(`Cannot create table ${p.table.name} because schema evolution is disabled`));
      }
      const sql = createTableSql(p.table, wanted, q);
      this.log('info', `sink ${this.cfg.name}: ${sql}`);
      await this.db!.query(sql);
      this.counters.tables_created++;
      cols = new Set(wanted.map((c) => identifierName(c.name, q)));
      this.tables.set(p.table.name, cols);
      return true;
    }
    this.tables.set(p.table.name, cols);
    const missing = wanted.filter((c) => !cols!.has(identifierName(c.name, q)));
    if (missing.length > 0) {
      if (this.cfg.schemaEvolution === 'none') {
        throw new JavaError(CONNECT_EXCEPTION, `table ${p.table.name} lacks columns ${missing.map((c) => c.name).join(', ')} and schema.evolution is none`);
      }
      if (missing.some((c) => c.key)) throw new JavaError(CONNECT_EXCEPTION, `cannot add primary key columns ${missing.filter((c) => c.key).map((c) => c.name).join(', ')} to table ${p.table.name}`);
      const sql = alterTableSql(p.table, missing, q);
      this.log('info', `sink ${this.cfg.name}: ${sql}`);
      await this.db!.query(sql);
      this.counters.columns_added += missing.length;
      for (const c of missing) cols.add(identifierName(c.name, q));
    }
    return true;
  }

  private async put(records: ConsumedRecord[]): Promise<void> {
    const plans: Planned[] = [];
    for (const r of records) {
      const p = this.plan(r);
      if (p) plans.push(p);
      else this.counters.records_skipped++;
    }
    const live: Planned[] = [];
    for (const p of plans) {
      if (await this.ensureTable(p)) live.push(p);
      else this.counters.records_skipped++;
    }
    if (live.length === 0) return;
    const db = this.db!;
    const q = this.cfg.quoteIdentifiers;
    await db.query('BEGIN');
    try {
      // Consecutive upserts into one table with the same columns and distinct keys go out as one
      // multi-row INSERT … ON CONFLICT, as the JDBC sink sends a JDBC batch (one round trip for many
      // rows); a repeated key starts the next statement, so changes still apply in order.
      let run: { sig: string; p: Planned; keys: Set<string>; params: unknown[]; rows: number } | null = null;
      const flush = async (): Promise<void> => {
        if (!run) return;
        const r = run;
        run = null;
        await db.query(upsertSql(r.p.table, r.p.keys.map((k) => k.name), r.p.values.map((c) => c.name), q, r.rows), r.params);
        this.counters.rows_upserted += r.rows;
      };
      for (const p of live) {
        const keyNames = p.keys.map((k) => k.name);
        if (this.cfg.insertMode === 'upsert' && p.change.op !== 't' && p.change.op !== 'd' && p.change.op !== 'tombstone') {
          const sig = JSON.stringify([p.table.name, keyNames, p.values.map((c) => c.name)]);
          const keyValues = this.keyValues(p);
          const key = JSON.stringify(keyValues, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
          const width = keyNames.length + p.values.length;
          if (run && (run.sig !== sig || run.keys.has(key) || (run.rows + 1) * width > 30_000 || run.rows >= 1000)) await flush();
          run ??= { sig, p, keys: new Set(), params: [], rows: 0 };
          run.keys.add(key);
          run.params.push(...keyValues, ...p.values.map((c) => toPgValue(c.schema, p.change.row?.[c.name])));
          run.rows++;
          continue;
        }
        await flush();
        if (p.change.op === 't') {
          await db.query(truncateSql(p.table));
          this.counters.truncates++;
          continue;
        }
        if (p.change.op === 'd' || p.change.op === 'tombstone') {
          await db.query(deleteSql(p.table, keyNames, q), this.keyValues(p));
          this.counters.rows_deleted++;
          continue;
        }
        const vals = p.values.map((c) => toPgValue(c.schema, p.change.row?.[c.name]));
        const nonKeys = p.values.map((c) => c.name);
        if (this.cfg.insertMode === 'update') {
          await db.query(updateSql(p.table, keyNames, nonKeys, q), [...vals, ...this.keyValues(p)]);
          this.counters.rows_updated++;
        } else if (this.cfg.insertMode === 'upsert') {
          await db.query(upsertSql(p.table, keyNames, nonKeys, q), [...this.keyValues(p), ...vals]);
          this.counters.rows_upserted++;
        } else {
          await db.query(insertSql(p.table, [...keyNames, ...nonKeys], q), [...this.keyValues(p), ...vals]);
          this.counters.rows_inserted++;
        }
      }
      await flush();
      await db.query('COMMIT');
      this.counters.transactions_committed++;
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  status(): SinkStatus {
    return sinkConnectorStatus(this.cfg.name, this.workerId, this.state, this.failure);
  }

  metrics(): Record<string, number> {
    return { ...this.counters };
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.consumerStarted;
    await Promise.allSettled([this.consumer?.disconnect(), this.producer?.disconnect()]);
    await this.db?.end().catch(() => undefined);
    this.consumer = null;
    this.producer = null;
    this.db = null;
    if (this.state !== 'FAILED') this.state = 'UNASSIGNED';
  }
}

/** AvroConverter.toConnectData for the sink: a failure is the converter's DataException (tolerated by errors.tolerance). */
async function avroConverted(decoder: AvroDecoder, bytes: Buffer | null): Promise<{ schema: ConnectSchema | null; payload: unknown }> {
  try {
    const { schema, value } = await decoder.toConnectData(bytes);
    return { schema, payload: value };
  } catch (e) {
    throw new JavaError(DATA_EXCEPTION, `Failed to deserialize data to Avro: ${(e as Error).message}`, e);
  }
}
