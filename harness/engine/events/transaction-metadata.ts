// provide.transaction.metadata: the per-event `transaction` block and the BEGIN/END records on
// `<prefix>.transaction`, as io.debezium.pipeline.txmetadata.TransactionMonitor with
// PostgresTransactionMonitor.adjustTxId ("<txId>:<lsn>", the LSN being the last one seen) builds them.
import { s, type ConnectSchema } from '../connect/connect-schema.ts';
import { javaHashMapCapacity, javaHashMapOrder } from '../connect/java-hashmap.ts';

export const TX_KEY_SCHEMA: ConnectSchema = s.struct('io.debezium.connector.common.TransactionMetadataKey', [
  s.field('id', s.prim('string', false)),
], false, { version: 1 });

const COLLECTION_SCHEMA: ConnectSchema = s.struct('event.collection', [
  s.field('data_collection', s.prim('string', false)),
  s.field('event_count', s.prim('int64', false)),
], true, { version: 1 });

export const TX_VALUE_SCHEMA: ConnectSchema = s.struct('io.debezium.connector.common.TransactionMetadataValue', [
  s.field('status', s.prim('string', false)),
  s.field('id', s.prim('string', false)),
  s.field('event_count', s.prim('int64', true)),
  s.field('data_collections', s.array(COLLECTION_SCHEMA, true)),
  s.field('ts_ms', s.prim('int64', false)),
], false, { version: 1 });

export function txId(xid: number | null, lsn: bigint | null): string {
  return `${xid ?? 'null'}:${lsn ?? 'null'}`;
}

/** Counts events of the open transaction: total order and per-table order (TransactionContext). */
export class TransactionCounter {
  private total = 0n;
  private readonly perCollection = new Map<string, bigint>();
  /** TransactionContext's perTableEventCount is one HashMap, cleared per transaction: its table never shrinks */
  private capacity = 16;
  open = false;

  begin(): void {
    this.total = 0n;
    this.perCollection.clear();
    this.open = true;
  }

  /** TransactionContext.event: returns the event's total_order and data_collection_order */
  event(collection: string): { totalOrder: bigint; collectionOrder: bigint } {
    this.total += 1n;
    const n = (this.perCollection.get(collection) ?? 0n) + 1n;
    this.perCollection.set(collection, n);
    return { totalOrder: this.total, collectionOrder: n };
  }

  /** data_collections in the HashMap's iteration order, as TransactionMonitor lists them */
  end(): { eventCount: bigint; collections: Array<{ data_collection: string; event_count: bigint }> } {
    this.capacity = javaHashMapCapacity(this.perCollection.size, this.capacity);
    const out = {
      eventCount: this.total,
      collections: javaHashMapOrder([...this.perCollection], this.capacity).map(([data_collection, event_count]) => ({ data_collection, event_count })),
    };
    this.open = false;
    return out;
  }
}
