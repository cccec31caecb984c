// Debezium's change event envelope (io.debezium.data.Envelope, SCHEMA_VERSION 2) as TableSchemaBuilder
// defines it: withRecord(before, after) → withSource → withTransaction → op, ts_ms, ts_us, ts_ns.
import { s, type ConnectSchema } from '../connect/connect-schema.ts';
import { SOURCE_SCHEMA } from './source-info.ts';

export const ENVELOPE_SCHEMA_VERSION = 2;

// SchemaFactory.transactionBlockSchema
export const TRANSACTION_BLOCK_SCHEMA: ConnectSchema = s.struct('event.block', [
  s.field('id', s.prim('string', false)),
  s.field('total_order', s.prim('int64', false)),
  s.field('data_collection_order', s.prim('int64', false)),
], true, { version: 1 });

export type Op = 'r' | 'c' | 'u' | 'd' | 't';

export function envelopeSchema(name: string, valueSchema: ConnectSchema): ConnectSchema {
  return s.struct(name, [
    s.field('before', valueSchema),
    s.field('after', valueSchema),
    s.field('source', SOURCE_SCHEMA),
    s.field('transaction', TRANSACTION_BLOCK_SCHEMA),
    s.field('op', s.prim('string', false)),
    s.field('ts_ms', s.prim('int64', true)),
    s.field('ts_us', s.prim('int64', true)),
    s.field('ts_ns', s.prim('int64', true)),
  ], false, { version: ENVELOPE_SCHEMA_VERSION });
}

export interface EnvelopeValue {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: Record<string, unknown>;
  transaction: { id: string; total_order: bigint; data_collection_order: bigint } | null;
  op: Op;
  ts_ms: bigint;
  ts_us: bigint;
  ts_ns: bigint;
}

/** Envelope.create/read/update/delete/truncate: ts_ms/ts_us/ts_ns from the processing instant (ns). */
export function envelopeValue(op: Op, before: EnvelopeValue['before'], after: EnvelopeValue['after'], source: Record<string, unknown>,
  transaction: EnvelopeValue['transaction'], nowNs: bigint): EnvelopeValue {
  return { before, after, source, transaction, op, ts_ms: nowNs / 1_000_000n, ts_us: nowNs / 1000n, ts_ns: nowNs };
}
