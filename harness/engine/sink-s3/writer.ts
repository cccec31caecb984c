// The per-topic-partition state of the S3 sink (Confluent's TopicPartitionWriter): one open file per
// encoded partition, rotated by flush.size (records in that file), rotate.interval.ms (record time,
// time-based partitioners only, as Confluent does it) and rotate.schedule.interval.ms (wall clock).
// A file is named by the offset of its first record, and the offset committed to Kafka is the start
// of the oldest file still open (or the next offset when none is), so a restart re-reads exactly the
// records of unwritten files and writes them under the same keys.
import { gzipSync } from 'node:zlib';
import { payloadToJson, type SinkRecord } from '../transforms/connect-record.js';
import type { S3SinkConfig } from './config.js';
import { objectKey, type Partitioner } from './partitioner.js';

export interface PendingObject {
  key: string;
  body: Buffer;
  records: number;
  encodedPartition: string;
}

interface OpenFile {
  startOffset: bigint;
  lines: string[];
  baseTimestamp: number;
}

export class NullValueError extends Error {
  constructor(r: SinkRecord) {
    super(`record ${r.topic}-${r.partition}@${r.offset} has a null value (a tombstone or an unwrapped delete) and behavior.on.null.values=fail; ` +
      'set behavior.on.null.values=ignore, or drop them in a transform');
    this.name = 'NullValueError';
  }
}

export class TopicPartitionWriter {
  private readonly files = new Map<string, OpenFile>();
  /** offset after the last record handed to write() */
  private next: bigint | null = null;

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly config: S3SinkConfig,
    private readonly partitioner: Partitioner,
  ) {}

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
    const p = this.config.partitioner;
    const ts = p.kind === 'time'
      ? (p.timestampExtractor === 'Wallclock' ? nowMs : p.timestampExtractor === 'Record' ? transformed.timestamp : null)
      : null;
    let file = this.files.get(encoded);
    if (file && this.config.rotateIntervalMs > 0 && p.kind === 'time' && ts !== null && ts - file.baseTimestamp >= this.config.rotateIntervalMs) {
      done.push(this.close(encoded, file));
      file = undefined;
    }
    if (!file) {
      file = { startOffset: offset, lines: [], baseTimestamp: ts ?? transformed.timestamp };
      this.files.set(encoded, file);
    }
    file.lines.push(payloadToJson(transformed.valueSchema, transformed.value));
    if (file.lines.length >= this.config.flushSize) done.push(this.close(encoded, file));
    return done;
  }

  /** every open file, for rotate.schedule.interval.ms */
  closeAll(): PendingObject[] {
    return [...this.files.entries()].map(([e, f]) => this.close(e, f));
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

  private close(encoded: string, file: OpenFile): PendingObject {
    this.files.delete(encoded);
    // JsonRecordWriterProvider: each record followed by a line separator
    const text = Buffer.from(file.lines.map((l) => `${l}\n`).join(''), 'utf8');
    return {
      key: objectKey(this.config, this.topic, this.partition, encoded, file.startOffset),
      body: this.config.compression === 'gzip' ? gzipSync(text) : text,
      records: file.lines.length,
      encodedPartition: encoded,
    };
  }
}
