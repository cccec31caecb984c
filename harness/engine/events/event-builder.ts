// The event side's entry point: table metadata + rows in PostgreSQL text form → Kafka records exactly as
// Debezium 3.2's PostgreSQL connector and Kafka Connect's JsonConverter would write them.
// Rules copied from io.debezium.relational.RelationalChangeRecordEmitter (primary-key change as delete +
// tombstone + create with __debezium.newkey/oldkey headers), io.debezium.pipeline.EventDispatcher
// (tombstones after deletes, truncate without key, extended context headers), TransactionMonitor and
// HeartbeatImpl.
import type { PostgresConnectorConfig } from '../source/config.ts';
import { s, type ConnectSchema } from '../connect/connect-schema.ts';
import type { KafkaRecord, SourcePosition, TableMeta, TextRow } from './contract.ts';
import { UNCHANGED_TOAST } from './contract.ts';
import { envelopeValue, type EnvelopeValue, type Op } from './envelope.ts';
import { headerString } from '../connect/header-format.ts';
import { recordConverters, type RecordConverters } from '../connect/avro/record-converters.ts';
import { sourceStruct } from './source-info.ts';
import { buildTableSchema, keyStruct, nameAdjusters, rowStruct, sanitizeTopic, type NameAdjusters, type TableSchema } from './table-schema.ts';
import { TransactionCounter, TX_KEY_SCHEMA, TX_VALUE_SCHEMA, txId } from './transaction-metadata.ts';

export interface EventBuilderOptions {
  /** nanoseconds since the epoch; Debezium's envelope ts_* and heartbeat ts_ms come from the clock */
  clock?: () => bigint;
}

const HEARTBEAT_KEY_SCHEMA: ConnectSchema = s.struct('io.debezium.connector.common.ServerNameKey', [
  s.field('serverName', s.prim('string', false)),
], false, { version: 1 });
const HEARTBEAT_VALUE_SCHEMA: ConnectSchema = s.struct('io.debezium.connector.common.Heartbeat', [
  s.field('ts_ms', s.prim('int64', false)),
], false, { version: 1 });

export const PK_UPDATE_NEWKEY_HEADER = '__debezium.newkey';
export const PK_UPDATE_OLDKEY_HEADER = '__debezium.oldkey';

/** Java's Instant.now() on Linux: microsecond precision. */
export function systemClockNs(): bigint {
  const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  return BigInt(micros) * 1000n;
}

function sameKey(a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean {
  if (a === null || b === null) return a === b;
  const norm = (v: unknown): unknown => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? `${v}n` : v);
  return JSON.stringify(Object.entries(a).map(([k, v]) => [k, norm(v)])) ===
    JSON.stringify(Object.entries(b).map(([k, v]) => [k, norm(v)]));
}

/**
 * PostgresChangeRecordEmitter.columnValues (cachedOldToastedValues): an unchanged TOASTed column of the new
 * tuple takes the old tuple's value when the old tuple has one (REPLICA IDENTITY FULL).
 */
function withOldToastedValues(after: TextRow, before: TextRow): TextRow {
  let out: TextRow | null = null;
  for (const [name, v] of Object.entries(after)) {
    const old = before[name];
    if (v === UNCHANGED_TOAST && old !== undefined && old !== null && old !== UNCHANGED_TOAST) {
      out ??= { ...after };
      out[name] = old;
    }
  }
  return out ?? after;
}

export class EventBuilder {
  private readonly config: PostgresConnectorConfig;
  private readonly clock: () => bigint;
  private readonly schemas = new WeakMap<TableMeta, TableSchema>();
  /** snapshot records' schemas, where column mappers make them differ (table-schema.ts) */
  private readonly snapshotSchemas = new WeakMap<TableMeta, TableSchema>();
  private readonly tx = new TransactionCounter();
  /** DebeziumHeaderProducer.contextHeaders (extended.headers.enabled, default true) */
  private readonly contextHeaders: Record<string, string>;
  /** key.converter / value.converter */
  private readonly conv: RecordConverters;
  /** schema.name.adjustment.mode / field.name.adjustment.mode, one pair for every table (their conflict check spans them) */
  private readonly names: NameAdjusters;

  constructor(config: PostgresConnectorConfig, opts: EventBuilderOptions = {}) {
    this.config = config;
    this.clock = opts.clock ?? systemClockNs;
    this.conv = recordConverters(config);
    this.names = nameAdjusters(config);
    this.contextHeaders = config.extendedHeadersEnabled
      ? {
        '__debezium.context.connectorLogicalName': config.topicPrefix,
        '__debezium.context.taskId': '0',
        '__debezium.context.connectorName': 'postgresql',
      }
      : {};
  }

  /** The schemas the events of this table use (cached per TableMeta object). */
  tableSchema(table: TableMeta, snapshot = false): TableSchema {
    const cache = snapshot && this.config.columnMappers.length > 0 ? this.snapshotSchemas : this.schemas;
    let ts = cache.get(table);
    if (!ts) {
      ts = buildTableSchema(this.config, table, cache === this.snapshotSchemas, this.names);
      cache.set(table, ts);
    }
    return ts;
  }

  change(op: 'r' | 'c' | 'u' | 'd', table: TableMeta, before: TextRow | null, after: TextRow | null, pos: SourcePosition): KafkaRecord[] {
    if (op !== 'r' && this.config.skippedOperations.has(op)) return [];
    const snapshot = op === 'r';
    const ts = this.tableSchema(table, snapshot);
    const beforeStruct = before ? rowStruct(ts, before, snapshot) : null;
    const afterText = after ? (before ? withOldToastedValues(after, before) : after) : null;
    const afterStruct = afterText ? rowStruct(ts, afterText, snapshot) : null;
    switch (op) {
      case 'r':
      case 'c':
        return [this.record(ts, table, op, null, afterStruct, keyStruct(ts, afterStruct ?? {}, afterText, snapshot), pos, {})];
      case 'u': {
        // RelationalChangeRecordEmitter.emitUpdateRecord: no new values → skipped (skipEmptyMessages is true for Postgres)
        if (!afterStruct) return [];
        if (this.config.skipMessagesWithoutChange && beforeStruct && sameKey(beforeStruct, afterStruct)) return [];
        const newKey = keyStruct(ts, afterStruct ?? {}, afterText, snapshot);
        const oldKey = beforeStruct ? keyStruct(ts, beforeStruct, before, snapshot) : null;
        if (oldKey !== null && !sameKey(oldKey, newKey)) return this.primaryKeyChange(ts, table, beforeStruct!, afterStruct!, oldKey, newKey, pos);
        return [this.record(ts, table, 'u', beforeStruct, afterStruct, newKey, pos, {})];
      }
      case 'd': {
        // emitDeleteRecord: a delete without old values (REPLICA IDENTITY NOTHING) is skipped
        if (!beforeStruct || !before || Object.values(before).every((v) => v === null)) return [];
        const key = keyStruct(ts, beforeStruct ?? {}, before, snapshot);
        return this.withTombstone(ts, this.record(ts, table, 'd', beforeStruct, null, key, pos, {}));
      }
    }
  }

  truncate(table: TableMeta, pos: SourcePosition): KafkaRecord[] {
    // skipped.operations defaults to "t": Debezium emits no truncate events unless asked to
    if (this.config.skippedOperations.has('t')) return [];
    const ts = this.tableSchema(table);
    const rec = this.record(ts, table, 't', null, null, null, pos, {});
    rec.key = null; // EventDispatcher: a truncate has neither key nor key schema
    return [rec];
  }

  begin(pos: SourcePosition): KafkaRecord[] {
    if (!this.config.provideTransactionMetadata) return [];
    this.tx.begin();
    const id = txId(pos.txId, pos.lsn);
    return [this.txRecord(id, { status: 'BEGIN', id, event_count: null, data_collections: null, ts_ms: this.tsMs(pos) })];
  }

  commit(pos: SourcePosition): KafkaRecord[] {
    if (!this.config.provideTransactionMetadata || !this.tx.open) return [];
    const { eventCount, collections } = this.tx.end();
    const id = txId(pos.txId, pos.lsn);
    return [this.txRecord(id, { status: 'END', id, event_count: eventCount, data_collections: collections, ts_ms: this.tsMs(pos) })];
  }

  heartbeat(_pos: SourcePosition): KafkaRecord {
    // HeartbeatImpl: partition 0, key {serverName}, value {ts_ms: now}
    const topic = sanitizeTopic(`${this.config.heartbeatTopicsPrefix}${this.config.topicDelimiter}${this.config.topicPrefix}`);
    return {
      topic,
      key: this.conv.key(topic, HEARTBEAT_KEY_SCHEMA, { serverName: this.config.topicPrefix }),
      value: this.conv.value(topic, HEARTBEAT_VALUE_SCHEMA, { ts_ms: this.clock() / 1_000_000n }),
      headers: {},
      partition: 0,
    };
  }

  private tsMs(pos: SourcePosition): bigint {
    return pos.tsUs / 1000n;
  }

  private txRecord(id: string, value: Record<string, unknown>): KafkaRecord {
    const topic = sanitizeTopic(`${this.config.topicPrefix}${this.config.topicDelimiter}${this.config.topicTransaction}`);
    return {
      topic,
      key: this.conv.key(topic, TX_KEY_SCHEMA, { id }),
      value: this.conv.value(topic, TX_VALUE_SCHEMA, value),
      headers: {},
    };
  }

  private transactionBlock(table: TableMeta, pos: SourcePosition): EnvelopeValue['transaction'] {
    if (!this.config.provideTransactionMetadata || !this.tx.open || pos.snapshot !== 'false') return null;
    const { totalOrder, collectionOrder } = this.tx.event(`${table.schema}.${table.table}`);
    return { id: txId(pos.txId, pos.lsn), total_order: totalOrder, data_collection_order: collectionOrder };
  }

  private record(ts: TableSchema, table: TableMeta, op: Op, before: EnvelopeValue['before'], after: EnvelopeValue['after'],
    key: Record<string, unknown> | null, pos: SourcePosition, headers: Record<string, string>): KafkaRecord {
    const source = sourceStruct(this.config, table.schema, table.table, pos);
    const value = envelopeValue(op, before, after, source, this.transactionBlock(table, pos), this.clock());
    return {
      topic: ts.topic,
      key: ts.keySchema && key ? this.conv.key(ts.topic, ts.keySchema, key) : null,
      value: this.conv.value(ts.topic, ts.envelopeSchema, value),
      headers: { ...headers, ...this.contextHeaders },
    };
  }

  /** Awaited before records are queued for Kafka: an Avro converter's registry ids (undefined: nothing to wait for). */
  settle(records: KafkaRecord[]): Promise<void> | undefined {
    return this.conv.settle(records);
  }

  /** EventDispatcher: a delete is followed by a tombstone (same key and headers, null value). */
  private withTombstone(ts: TableSchema, del: KafkaRecord): KafkaRecord[] {
    if (!this.config.tombstonesOnDelete) return [del];
    return [del, { topic: ts.topic, key: del.key, value: null, headers: { ...del.headers } }];
  }

  /** RelationalChangeRecordEmitter.emitUpdateAsPrimaryKeyChangeRecord */
  private primaryKeyChange(ts: TableSchema, table: TableMeta, before: Record<string, unknown>, after: Record<string, unknown>,
    oldKey: Record<string, unknown>, newKey: Record<string, unknown> | null, pos: SourcePosition): KafkaRecord[] {
    const keySchema = ts.keySchema!;
    const del = this.record(ts, table, 'd', before, null, oldKey, pos, { [PK_UPDATE_NEWKEY_HEADER]: headerString(keySchema, newKey) });
    const create = this.record(ts, table, 'c', null, after, newKey, pos, { [PK_UPDATE_OLDKEY_HEADER]: headerString(keySchema, oldKey) });
    return [...this.withTombstone(ts, del), create];
  }
}
