// The state of an incremental snapshot, as Debezium 3.2's AbstractIncrementalSnapshotContext keeps
// it: the collections still to snapshot (each with its additional condition and surrogate key), the
// current chunk's id, whether its window is open, where the next chunk starts (the last key read),
// the table's maximum key at the start, the last key sent, and the window buffer — chunk rows by
// primary key, from which every row the stream changes while the window is open is removed
// (AbstractIncrementalSnapshotChangeEventSource#deduplicateWindow), so the streamed change, which is
// newer, stands and the row is not sent twice. Pure, so it is unit-tested.
//
// Offsets carry it under Debezium's keys (AbstractIncrementalSnapshotContext#store):
// incremental_snapshot_primary_key, incremental_snapshot_maximum_key (Debezium: hex of a Java-
// serialized Object[]; here: hex of the JSON array of the key columns' text values, readable only by
// this engine), incremental_snapshot_collections (the same JSON as Debezium's) and
// incremental_snapshot_correlation_id. A restart continues after the last key sent.
import { randomUUID } from 'node:crypto';
import type { TextRow } from '../../events/contract.ts';

export interface DataCollection {
  /** "<schema>.<table>" */
  id: string;
  additionalCondition: string | null;
  surrogateKey: string | null;
}

export const OFFSET_KEYS = {
  primaryKey: 'incremental_snapshot_primary_key',
  maximumKey: 'incremental_snapshot_maximum_key',
  collections: 'incremental_snapshot_collections',
  correlationId: 'incremental_snapshot_correlation_id',
} as const;

const encodeKey = (key: readonly string[] | null): string | null => (key ? Buffer.from(JSON.stringify(key), 'utf8').toString('hex') : null);

function decodeKey(field: string, hex: unknown): string[] | null {
  if (hex === undefined || hex === null) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(String(hex), 'hex').toString('utf8'));
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error('not an array of strings');
    return v as string[];
  } catch (err) {
    throw new Error(`Failed to deserialize '${field}' with value '${String(hex)}' from the stored offset: ${(err as Error).message}`);
  }
}

export class IncrementalContext {
  private collections: DataCollection[] = [];
  windowOpened = false;
  private chunkEnd: string[] | null = null;
  private lastEventKeySent: string[] | null = null;
  private maxKey: string[] | null = null;
  private chunkId: string | null = null;
  correlationId: string | null = null;
  /** chunk rows by primary key (JSON of the key values), in key order */
  readonly window = new Map<string, TextRow>();

  get running(): boolean {
    return this.collections.length > 0;
  }

  get current(): DataCollection | undefined {
    return this.collections[0];
  }

  get currentChunkId(): string | null {
    return this.chunkId;
  }

  get remaining(): readonly DataCollection[] {
    return this.collections;
  }

  /** Adds collections; returns whether a chunk must be read now (no snapshot was running). */
  add(collections: DataCollection[], correlationId: string | null): boolean {
    const start = !this.running;
    this.collections.push(...collections);
    this.correlationId = correlationId;
    return start && this.running;
  }

  startNewChunk(): string {
    this.chunkId = randomUUID();
    return this.chunkId;
  }

  /** Watermarks of another chunk (replayed after a restart, or of a finished snapshot) are ignored. */
  private expected(id: string): boolean {
    return this.chunkId !== null && id.startsWith(this.chunkId);
  }

  openWindow(id: string): boolean {
    if (!this.expected(id)) return false;
    this.windowOpened = true;
    return true;
  }

  closeWindow(id: string): boolean {
    if (!this.expected(id)) return false;
    this.windowOpened = false;
    return true;
  }

  /** processMessage: a streamed change of `collection` with primary key `key` while the window is open. */
  deduplicate(collection: string, key: string): boolean {
    if (!this.windowOpened || this.window.size === 0 || this.current?.id !== collection) return false;
    return this.window.delete(key);
  }

  get chunkEndPosition(): readonly string[] | null {
    return this.chunkEnd;
  }

  get maximumKey(): readonly string[] | null {
    return this.maxKey;
  }

  setMaximumKey(key: string[] | null): void {
    this.maxKey = key;
  }

  nextChunkPosition(lastKey: string[]): void {
    this.chunkEnd = lastKey;
  }

  sent(key: string[]): void {
    this.lastEventKeySent = key;
  }

  /** The current collection is done (or skipped): the next one starts from its beginning. */
  nextDataCollection(): void {
    this.chunkEnd = null;
    this.lastEventKeySent = null;
    this.maxKey = null;
    this.collections.shift();
    if (!this.running) this.correlationId = null;
  }

  /** stop-snapshot without collections: everything stops, the window's rows are dropped. */
  stopAll(): void {
    this.collections = [];
    this.window.clear();
    this.chunkEnd = null;
    this.lastEventKeySent = null;
    this.maxKey = null;
    this.correlationId = null;
  }

  /** Removes a collection that is not the current one; false when it was not queued. */
  remove(id: string): boolean {
    const i = this.collections.findIndex((c, n) => n > 0 && c.id === id);
    if (i < 0) return false;
    this.collections.splice(i, 1);
    return true;
  }

  /** Offset fields while a snapshot runs (none once it is done), as AbstractIncrementalSnapshotContext#store. */
  store(): Record<string, string | null> {
    if (!this.running) return {};
    return {
      [OFFSET_KEYS.primaryKey]: encodeKey(this.lastEventKeySent),
      [OFFSET_KEYS.maximumKey]: encodeKey(this.maxKey),
      [OFFSET_KEYS.collections]: JSON.stringify(
        this.collections.map((c) => ({
          incremental_snapshot_collections_id: c.id,
          incremental_snapshot_collections_additional_condition: c.additionalCondition,
          incremental_snapshot_collections_surrogate_key: c.surrogateKey,
        })),
      ),
      [OFFSET_KEYS.correlationId]: this.correlationId,
    };
  }

  /** AbstractIncrementalSnapshotContext#init: the next chunk starts after the last key sent. */
  static fromOffset(offset: Record<string, unknown> | null): IncrementalContext {
    const ctx = new IncrementalContext();
    const raw = offset?.[OFFSET_KEYS.collections];
    if (typeof raw !== 'string') return ctx;
    let list: Array<Record<string, string | null>>;
    try {
      list = JSON.parse(raw) as Array<Record<string, string | null>>;
      if (!Array.isArray(list)) throw new Error('not an array');
    } catch (err) {
      throw new Error(`Cannot de-serialize dataCollectionsToSnapshot information: ${raw} (${(err as Error).message})`);
    }
    ctx.collections = list.map((c) => ({
      id: String(c.incremental_snapshot_collections_id),
      additionalCondition: c.incremental_snapshot_collections_additional_condition || null,
      surrogateKey: c.incremental_snapshot_collections_surrogate_key || null,
    }));
    ctx.chunkEnd = decodeKey(OFFSET_KEYS.primaryKey, offset?.[OFFSET_KEYS.primaryKey]);
    ctx.maxKey = decodeKey(OFFSET_KEYS.maximumKey, offset?.[OFFSET_KEYS.maximumKey]);
    ctx.correlationId = (offset?.[OFFSET_KEYS.correlationId] as string | null | undefined) ?? null;
    return ctx;
  }
}

/** The window key of a row: its primary-key values as JSON. */
export function rowKey(row: TextRow, primaryKey: readonly string[]): string {
  return JSON.stringify(primaryKey.map((c) => (typeof row[c] === 'string' ? row[c] : null)));
}
