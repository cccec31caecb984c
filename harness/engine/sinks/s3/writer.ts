// The per-topic-partition state of the S3 sink, as Confluent's TopicPartitionWriter
// (kafka-connect-storage-cloud, io.confluent.connect.s3.TopicPartitionWriter) keeps it:
// - one open file per encoded partition, named by the offset of its first record;
// - flush.size counts the records of the topic partition (all its open files); reaching it commits
//   every open file;
// - rotate.interval.ms works with the time-based partitioners only (Confluent ignores it with a warning
//   otherwise): a record whose extracted timestamp is rotate.interval.ms past the first one of the open
//   files, or that goes to another encoded partition, commits the open files before it is written;
// - rotate.schedule.interval.ms commits on the wall clock, at multiples of the interval from the start
//   of the day in `timezone`, checked per record and when no data comes (commitOnTimeIfNoData);
// - a change of value schema commits the open files first (schema.compatibility NONE).
// The offset safe to commit is the start of the oldest open file, or the next offset when none is,
// so a restart re-reads exactly the records of unwritten files and writes them under the same keys.
import type { ConnectSchema } from '../../connect/connect-schema.ts';
import type { SinkRecord } from '../../connect/connect-record.ts';
import type { S3SinkConfig } from './config.ts';
import { formatFor, type FormatRecord, type ObjectFormat } from './format.ts';
import { objectKey, utcToLocal, type Partitioner } from './partitioner.ts';

export interface PendingObject {
  key: string;
  body: Buffer;
  contentType: string;
  records: number;
  encodedPartition: string;
}

interface OpenFile {
  startOffset: bigint;
  records: FormatRecord[];
  schema: ConnectSchema | null;
}

export class NullValueError extends Error {
  constructor(r: SinkRecord) {
    super(`record ${r.topic}-${r.partition}@${r.offset} has a null value (a tombstone or an unwrapped delete) and behavior.on.null.values=fail; ` +
      'set behavior.on.null.values=ignore, or drop them in a transform');
    this.name = 'NullValueError';
  }
}

const schemaIds = new WeakMap<ConnectSchema, string>();
function sameSchema(a: ConnectSchema | null, b: ConnectSchema | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const id = (s: ConnectSchema) => {
    let v = schemaIds.get(s);
    if (v === undefined) {
      v = JSON.stringify(s, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
      schemaIds.set(s, v);
    }
    return v;
  };
  return id(a) === id(b);
}

/** DateTimeUtils.getNextTimeAdjustedByDay: the next multiple of the interval counted from the local midnight */
export function nextScheduledRotation(nowMs: number, intervalMs: number, timeZone: string): number {
  const local = utcToLocal(nowMs, timeZone);
  const offset = local - nowMs;
  const startOfDay = Math.floor(local / 86_400_000) * 86_400_000 - offset;
  const steps = Math.floor((nowMs - startOfDay) / intervalMs) + 1;
  return startOfDay + steps * intervalMs;
}

export class TopicPartitionWriter {
  private readonly files = new Map<string, OpenFile>();
  /** offset after the last record handed to write() */
  private next: bigint | null = null;
  private recordCount = 0;
  private baseTimestamp: number | null = null;
  private currentTimestamp: number | null = null;
  private currentEncoded: string | null = null;
  private nextScheduled = Number.POSITIVE_INFINITY;
  private readonly timeBased: boolean;
  private readonly format: ObjectFormat;

  readonly topic: string;
  readonly partition: number;
  private readonly config: S3SinkConfig;
  private readonly partitioner: Partitioner;
  constructor(
    topic: string,
    partition: number,
    config: S3SinkConfig,
    partitioner: Partitioner,
    nowMs = Date.now(),
  ) {
    this.topic = topic;
    this.partition = partition;
    this.config = config;
    this.partitioner = partitioner;
    this.timeBased = config.partitioner.kind === 'time';
    this.format = formatFor(config);
    this.setNextScheduled(nowMs);
  }

  private setNextScheduled(nowMs: number): void {
    if (this.config.rotateScheduleIntervalMs > 0) {
      this.nextScheduled = nextScheduledRotation(nowMs, this.config.rotateScheduleIntervalMs, this.config.scheduleTimezone);
    }
  }

  private extract(r: SinkRecord, nowMs: number): number | null {
    const p = this.config.partitioner;
    if (p.kind !== 'time') return null;
    if (p.timestampExtractor === 'Wallclock') return nowMs;
    if (p.timestampExtractor === 'Record') return r.timestamp;
    const v = (r.value as Record<string, unknown> | null)?.[p.timestampField];
    return typeof v === 'number' || typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Date.parse(v) : null;
  }

  private rotateOnTime(encoded: string | null, ts: number | null, nowMs: number): boolean {
    if (this.recordCount <= 0) return false;
    const periodic = this.config.rotateIntervalMs > 0 && this.timeBased && ts !== null && this.baseTimestamp !== null &&
      (ts - this.baseTimestamp >= this.config.rotateIntervalMs || encoded !== this.currentEncoded);
    const scheduled = this.config.rotateScheduleIntervalMs > 0 && nowMs >= this.nextScheduled;
    return periodic || scheduled;
  }

  /**
   * Adds one record (already transformed; null when a transform dropped it) and returns the objects
   * that became complete, to be written before the offset moves past them.
   */
  write(original: SinkRecord, transformed: SinkRecord | null, nowMs: number): PendingObject[] {
    const offset = BigInt(original.offset);
    this.next = offset + 1n;
    if (transformed === null) return [];
    if (transformed.value === null || transformed.value === undefined) {
      if (this.config.behaviorOnNullValues === 'ignore') return [];
      throw new NullValueError(original);
    }
    const done: PendingObject[] = [];
    const encoded = this.partitioner(transformed, nowMs);
    const ts = this.extract(transformed, nowMs);
    if (ts !== null) {
      this.currentTimestamp = ts;
      if (this.baseTimestamp === null) this.baseTimestamp = ts;
    }
    const open = this.files.get(encoded);
    if (this.recordCount > 0 && open && !sameSchema(open.schema, transformed.valueSchema)) {
      done.push(...this.commitAll());
    } else if (this.rotateOnTime(encoded, ts, nowMs)) {
      this.setNextScheduled(nowMs);
      done.push(...this.commitAll());
    }
    if (ts !== null && this.baseTimestamp === null) this.baseTimestamp = ts;
    this.currentEncoded = encoded;
    let file = this.files.get(encoded);
    if (!file) {
      file = { startOffset: offset, records: [], schema: transformed.valueSchema };
      this.files.set(encoded, file);
    }
    file.records.push({ schema: transformed.valueSchema, value: transformed.value });
    this.recordCount++;
    if (this.recordCount >= this.config.flushSize) done.push(...this.commitAll());
    return done;
  }

  /** commitOnTimeIfNoData: the time rotations, checked after a batch and on a timer */
  tick(nowMs: number): PendingObject[] {
    if (this.recordCount > 0 && this.rotateOnTime(this.currentEncoded, this.currentTimestamp, nowMs)) {
      this.setNextScheduled(nowMs);
      return this.commitAll();
    }
    return [];
  }

  /** every open file */
  commitAll(): PendingObject[] {
    const out = [...this.files.entries()].map(([encoded, file]) => this.toObject(encoded, file));
    this.files.clear();
    this.recordCount = 0;
    this.baseTimestamp = null;
    return out;
  }

  hasOpenFiles(): boolean {
    return this.files.size > 0;
  }

  /** the offset safe to commit: the oldest open file's start, else the next offset; null before any record */
  committableOffset(): bigint | null {
    let min: bigint | null = null;
    for (const f of this.files.values()) if (min === null || f.startOffset < min) min = f.startOffset;
    return min ?? this.next;
  }

  private toObject(encoded: string, file: OpenFile): PendingObject {
    return {
      key: objectKey(this.config, this.topic, this.partition, encoded, file.startOffset),
      body: this.format.encode(file.records),
      contentType: this.format.contentType,
      records: file.records.length,
      encodedPartition: encoded,
    };
  }
}
