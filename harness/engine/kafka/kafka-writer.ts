// Writes KafkaRecords with acks=all and idempotence, and tells the offset tracker how far Kafka has
// acknowledged. Produce requests go through @platformatic/kafka's idempotent Producer with up to
// maxInFlight batches outstanding (the Java producer allows max.in.flight.requests.per.connection ≤ 5
// with idempotence): the producer numbers each partition's records when a batch is handed to it, so
// batches handed over in order reach each partition in order, and the broker rejects a gap or a
// reordering by sequence number (KIP-98) instead of writing it. The acknowledged position moves only
// over a prefix of batches that are all acknowledged, so an LSN is never confirmed ahead of an
// earlier unacknowledged record. kafkajs (one idempotent request in flight, sequence numbers
// advanced only on responses) stays for the admin calls. Partitions come from the key through
// Kafka's murmur2, as the Java client's BuiltInPartitioner#partitionForKey does (murmur2.ts).
// Backpressure: enqueue() waits before each record while maxBufferedRecords records (max.queue.size)
// or maxBufferedBytes bytes (max.queue.size.in.bytes) are waiting for Kafka, in flight included
// (queue-bound.ts, as Debezium's ChangeEventQueue); a batch holds at most maxBatchRecords records
// (max.batch.size).
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import kafkajs from 'kafkajs';
import { compressionsAlgorithms, Producer, ProduceAcks, type MessageToProduce } from '@platformatic/kafka';
import { CompressionTypes, Kafka, logLevel, type Admin, type ISocketFactory } from 'kafkajs';
import type { KafkaRecord } from '../events/contract.ts';
import { retryRetriable } from './kafka-retry.ts';
import { patchKafkajsRequestQueue } from './kafkajs-timeout-fix.ts';
import { partitionForKey } from './murmur2.ts';
import { checkRecordTimestamp } from './record-timestamp.ts';
import { QueueBound } from './queue-bound.ts';
import type { TopicSettings } from '../connect/topic-creation.ts';
import type { Logger } from '../logger.ts';

/**
 * kafkajs' gzip codec always deflates at zlib's default level 6. The Java producer has the level as
 * `compression.gzip.level` (KIP-390, Kafka 3.8; CompressionType.GZIP's MIN_LEVEL is
 * Deflater.BEST_SPEED = 1), and consumers and the broker read any level alike. Connect-JSON values
 * are mostly their repeated schema, so level 1 still shrinks a request ~40x, while deflating at
 * level 6 measured ~55 MB/s here, a third of a core at 10k rows/s; the engine benchmark moved from
 * 4% to 7-8% of the raw decode rate with level 1. kafkajs keeps codecs in one registry per process,
 * so this replaces its gzip codec for every kafkajs client in the process (decompression unchanged).
 */
/** the producer's metadata cache keeps topics 5 s (metadataMaxAge); sendNext refreshes them at half that */
const METADATA_REFRESH_MS = 2_500;

export const GZIP_LEVEL = zlib.constants.Z_BEST_SPEED;

/**
 * The wait before retry `attempt` (1-based): the Java producer's retry.backoff.ms (100) doubled per attempt up
 * to retry.backoff.max.ms (1000), KIP-580, without its jitter. A constant 1 s (the library's default) held
 * a fresh broker's first InitProducerId, which is retried once, for a whole second of the engine's startup.
 */
export function retryBackoffMs(attempt: number): number {
  return Math.min(1000, 100 * 2 ** Math.max(0, attempt - 1));
}

export function useFastGzip(): void {
  kafkajs.CompressionCodecs[CompressionTypes.GZIP] = () => ({
    compress: (encoder: { buffer: Buffer }) =>
      new Promise<Buffer>((resolve, reject) => zlib.gzip(encoder.buffer, { level: GZIP_LEVEL }, (e, out) => (e ? reject(e) : resolve(out)))),
    decompress: (buffer: Buffer) => new Promise<Buffer>((resolve, reject) => zlib.unzip(buffer, (e, out) => (e ? reject(e) : resolve(out)))),
  });
  // @platformatic/kafka deflates a record batch at zlib's level 6 (protocol/compression.js): with zlib.gzip
  // on libuv's thread pool for gzip produce requests (apis/producer/utils.js, createRecordsBatchAsync), with
  // zlib.gzipSync elsewhere. Both are replaced, so that the level is 1 whichever path a request takes.
  const gzip = compressionsAlgorithms.gzip as {
    compress: (data: Buffer | { buffer: Buffer }) => Promise<Buffer>;
    compressSync: (data: Buffer | { buffer: Buffer }) => Buffer;
  };
  const bytes = (data: Buffer | { buffer: Buffer }): Buffer => (Buffer.isBuffer(data) ? data : data.buffer);
  gzip.compressSync = (data) => zlib.gzipSync(bytes(data), { level: GZIP_LEVEL });
  gzip.compress = (data) => new Promise<Buffer>((resolve, reject) => zlib.gzip(bytes(data), { level: GZIP_LEVEL }, (e, out) => (e ? reject(e) : resolve(out))));
}


export interface KafkaWriterOptions {
  bootstrapServers: string[];
  clientId: string;
  logger?: Logger;
  /** records waiting for Kafka (in flight included) at which enqueue() blocks: max.queue.size */
  maxBufferedRecords?: number;
  /** bytes of records waiting for Kafka at which enqueue() blocks, 0 for no bound (max.queue.size.in.bytes); 4 MiB when unset */
  maxBufferedBytes?: number;
  /** records per produce request: max.batch.size */
  maxBatchRecords?: number;
  /**
   * produce batches outstanding at once (the Java producer's max.in.flight.requests.per.connection,
   * at most 5 with idempotence): the next batch is encoded and compressed while earlier ones wait
   * for the broker
   */
  maxInFlight?: number;
  /**
   * bytes per produce request: kafkajs puts a request's messages for one partition into one record
   * batch, which the broker rejects above message.max.bytes (1 MiB by default); the broker is the bottleneck here, so requests are as large as that allows
   */
  maxBatchBytes?: number;
  /** partitions for topics this writer creates */
  topicPartitions?: number;
  /** Kafka Connect's topic.creation.* settings per topic (topic-creation.ts), overriding topicPartitions */
  topicSettings?: (topic: string) => TopicSettings;
  /**
   * produce-request compression, invisible to consumers. Default gzip: Connect-JSON values repeat
   * their schema in every record, and on a small machine the broker's per-byte work dominates, so
   * gzip (native zlib) measured ~3x the throughput of none here.
   */
  compression?: 'gzip' | 'lz4' | 'none';
  /**
   * how long a small batch may wait for more records: the producer's linger.ms, 0 by default as in
   * Kafka 3.9's producer, which Kafka Connect 3.9 runs Debezium with (Kafka 4.0 made it 5 ms). Records
   * still batch while earlier batches are in flight. Measured in `npm run bench -- engine`: at 2,000
   * single-row tx/s, linger 0 gave p50 4 ms against 7 ms with 5 ms, and the same single-row throughput
   */
  lingerMs?: number;
  /** awaited before records are queued: the converters' registry lookups (EventBuilder.settle) */
  prepare?: (records: KafkaRecord[]) => Promise<void> | undefined;
}

/**
 * kafkajs' default socket factory leaves Nagle's algorithm on; the Java client sets TCP_NODELAY
 * (org.apache.kafka.common.network.Selector). With it, a ~700 KB produce request round trip measured
 * 18-26 ms instead of 23-46 ms here.
 */
export const noDelaySocketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
    : net.connect({ host, port }, onConnect);
  socket.setNoDelay(true);
  socket.setKeepAlive(true, 60_000);
  return socket;
};

/** Bytes a record adds to a request, near enough for batching limits. */
function recordSize(r: KafkaRecord): number {
  let n = 64 + (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const k in r.headers) n += k.length + r.headers[k].length + 8;
  return n;
}

interface Pending {
  record: KafkaRecord;
  seq: number;
  /** performance.now() when enqueued */
  at: number;
}

/** A batch handed to the producer, acknowledged or not. */
interface InFlight {
  lastSeq: number;
  records: number;
  bytes: number;
  done: boolean;
}

export class KafkaWriter {
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private admin: Admin | null = null;
  /** records not yet handed to the producer */
  private readonly queue: Pending[] = [];
  /** records and bytes waiting for Kafka, queued and in flight, and the bound enqueue() waits on */
  private readonly bound: QueueBound;
  /** enqueue() calls one after another, so that one call's records stay together */
  private enqueueTurn: Promise<unknown> = Promise.resolve();
  /** batches handed to the producer, oldest first, until they and every earlier one are acknowledged */
  private readonly inFlight: InFlight[] = [];
  /** a batch is being taken from the queue (topics checked); batches are handed over one at a time, in order */
  private preparing = false;
  private readonly maxInFlight: number;
  /** partition count of every topic written so far */
  private readonly partitionCounts = new Map<string, number>();
  private idleWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private readonly ackListeners: Array<(seq: number) => void> = [];
  private readonly maxBatch: number;
  private readonly maxBatchBytes: number;
  private readonly partitions: number;
  /** sequence number of the last enqueued / acknowledged record (1-based; 0 = none) */
  lastSeq = 0;
  ackedSeq = 0;
  failure: Error | null = null;
  onFailure: (err: Error) => void = () => undefined;
  readonly counters = { recordsSent: 0, requestsSent: 0, bytesSent: 0, topicsCreated: 0, peakInFlight: 0, peakBatchRecords: 0 };

  private readonly opts: KafkaWriterOptions;
  constructor(opts: KafkaWriterOptions) {
    this.opts = opts;
    const log = opts.logger;
    patchKafkajsRequestQueue();
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.bootstrapServers,
      socketFactory: noDelaySocketFactory,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const level = entry.level <= logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'debug';
        log?.(level, `kafkajs ${entry.namespace}: ${entry.log.message}`);
      },
    });
    this.bound = new QueueBound({ maxRecords: opts.maxBufferedRecords ?? 20_000, maxBytes: opts.maxBufferedBytes ?? 4 * 1024 * 1024 });
    this.maxBatch = opts.maxBatchRecords ?? 5_000;
    this.maxBatchBytes = opts.maxBatchBytes ?? 960 * 1024;
    this.partitions = opts.topicPartitions ?? 1;
    this.maxInFlight = Math.min(5, Math.max(1, opts.maxInFlight ?? 5));
  }

  async start(): Promise<void> {
    useFastGzip();
    // Idempotence keeps retries from duplicating or reordering within a partition; it needs acks=all.
    // Retries are bounded (the library's idempotent default is unbounded): about as long as the Java
    // producer's delivery.timeout.ms of 2 minutes, then the engine fails and restarts from the
    // confirmed position.
    this.producer = new Producer({
      clientId: this.opts.clientId,
      bootstrapBrokers: this.opts.bootstrapServers,
      idempotent: true,
      acks: ProduceAcks.ALL,
      autocreateTopics: false,
      retries: 120,
      retryDelay: (_client: unknown, _operation: string, attempt: number) => retryBackoffMs(attempt),
    });
    this.admin = this.kafka.admin();
    try {
      await Promise.all([this.producer.metadata({ topics: [], retries: 3 }), this.admin.connect()]);
      // the producer id too, so that no send() waits for it (and is numbered late: see sendNext)
      await this.producer.initIdempotentProducer({});
    } catch (err) {
      throw new Error(`Cannot connect to Kafka at ${this.opts.bootstrapServers.join(',')} (bootstrap servers): ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  /**
   * Queues records, waiting before each one while the queue is full (backpressure); resolves once
   * the last is queued, with its seq. Calls take turns: one call's records stay together.
   */
  async enqueue(records: KafkaRecord[]): Promise<number> {
    if (this.failure) throw this.failure;
    const prepared = this.opts.prepare?.(records);
    if (prepared) await prepared;
    const turn = this.enqueueTurn.then(() => this.add(records));
    this.enqueueTurn = turn.catch(() => undefined);
    return turn;
  }

  private async add(records: KafkaRecord[]): Promise<number> {
    for (const record of records) checkRecordTimestamp(record); // all or none of the call's records
    for (const record of records) {
      await this.bound.add(recordSize(record), () => this.pump());
      this.queue.push({ record, seq: ++this.lastSeq, at: performance.now() });
    }
    this.pump();
    return this.lastSeq;
  }

  /** records waiting for Kafka: queued and in flight */
  get buffered(): number {
    return this.bound.records;
  }

  /** the most records / bytes waiting for Kafka at once (never above max.queue.size) */
  get peakBuffered(): { records: number; bytes: number } {
    return { records: this.bound.peakRecords, bytes: this.bound.peakBytes };
  }

  onAck(listener: (seq: number) => void): void {
    this.ackListeners.push(listener);
  }

  /** Resolves when every enqueued record is acknowledged. */
  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ackedSeq === this.lastSeq) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.idleWaiters.push({ resolve, reject }));
    // a flush does not wait out the linger
    if (this.lingerTimer) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = null;
    }
    this.pump();
    return done;
  }

  async stop(): Promise<void> {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
    await Promise.allSettled([this.producer?.close(), this.admin?.disconnect()]);
  }

  private lingerTimer: NodeJS.Timeout | null = null;

  private pump(): void {
    if (this.preparing || this.failure || this.queue.length === 0 || this.lingerTimer) return;
    if (this.inFlight.filter((b) => !b.done).length >= this.maxInFlight) return;
    const linger = this.opts.lingerMs ?? 0;
    const waited = performance.now() - this.queue[0].at;
    const queuedBytes = this.bound.bytes - this.inFlight.reduce((n, b) => n + (b.done ? 0 : b.bytes), 0);
    const small = this.queue.length < this.maxBatch && queuedBytes < this.maxBatchBytes / 2;
    if (small && waited < linger && this.idleWaiters.length === 0) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = null;
        this.pump();
      }, linger - waited);
      return;
    }
    this.preparing = true;
    void this.sendNext().finally(() => {
      this.preparing = false;
      this.pump();
    });
  }

  /** Takes the next batch off the queue and hands it to the producer; resolves once handed over. */
  private async sendNext(): Promise<void> {
    // Take records up to the count and byte limits (at least one, however large).
    let take = 0;
    let size = 0;
    while (take < this.queue.length && take < this.maxBatch) {
      const r = this.queue[take].record;
      const n = recordSize(r);
      if (take > 0 && size + n > this.maxBatchBytes) break;
      size += n;
      take++;
    }
    const batch = this.queue.slice(0, take);
    try {
      await retryRetriable(() => this.ensureTopics(batch), 30_000);
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    // @platformatic/kafka numbers a batch's records (the idempotent sequences, which fix their order in
    // each partition) in send()'s metadata callback. That runs at once when its cache (metadataMaxAge,
    // 5 s) holds every topic of the batch, and only after a Metadata request otherwise, so a later batch
    // of known topics was numbered, and written, before an earlier one with a new or expired topic: one
    // key's changes out of order (kafka-writer.integration.test.ts). Refreshing whatever is older than
    // half the cache's age first makes send() number this batch now, in hand-over order.
    try {
      await this.producer!.metadata({ topics: [...new Set(batch.map((p) => p.record.topic))], metadataMaxAge: METADATA_REFRESH_MS });
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const messages: MessageToProduce[] = [];
    for (const { record } of batch) {
      // An explicit partition (heartbeats: 0) wins; otherwise the key decides, as in the Java client.
      const partition =
        record.partition ?? (record.key ? partitionForKey(record.key, this.partitionCounts.get(record.topic) ?? 1) : this.unkeyedPartition(record.topic));
      const headers = new Map<Buffer, Buffer>();
      for (const k in record.headers) headers.set(Buffer.from(k), Buffer.from(record.headers[k]));
      // null is written as length -1: no key, or a tombstone (the message schema needs `value` present)
      messages.push({
        topic: record.topic, key: record.key as Buffer, value: record.value as Buffer, headers, partition,
        ...(record.timestamp !== undefined ? { timestamp: BigInt(record.timestamp) } : {}),
      });
    }
    this.queue.splice(0, take);
    const flight: InFlight = { lastSeq: batch[batch.length - 1].seq, records: take, bytes: size, done: false };
    this.inFlight.push(flight);
    this.counters.peakBatchRecords = Math.max(this.counters.peakBatchRecords, take);
    this.counters.peakInFlight = Math.max(this.counters.peakInFlight, this.inFlight.filter((b) => !b.done).length);
    // The producer assigns the batch's sequence numbers when it is handed over, so the next batch may
    // be prepared now; its acknowledgement is handled whenever it comes.
    this.producer!.send({
      messages,
      // small requests (single-row transactions) gain nothing from gzip but its CPU
      compression: size < 32 * 1024 ? 'none' : (this.opts.compression ?? 'gzip'),
    }).then(
      () => this.acknowledged(flight),
      (err: unknown) => this.fail(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /** Sticky partition for records without a key, as the Java client's BuiltInPartitioner does per batch. */
  private unkeyedPartition(topic: string): number {
    return this.counters.requestsSent % (this.partitionCounts.get(topic) ?? 1);
  }

  private acknowledged(flight: InFlight): void {
    if (this.failure) return;
    flight.done = true;
    this.bound.release(flight.records, flight.bytes);
    this.counters.recordsSent += flight.records;
    this.counters.requestsSent++;
    this.counters.bytesSent += flight.bytes;
    // the position moves over the acknowledged prefix only
    let moved = false;
    while (this.inFlight.length > 0 && this.inFlight[0].done) {
      this.ackedSeq = this.inFlight.shift()!.lastSeq;
      moved = true;
    }
    if (moved) for (const l of this.ackListeners) l(this.ackedSeq);
    this.wake();
    this.pump();
  }

  private async ensureTopics(batch: Pending[]): Promise<void> {
    const missing = [...new Set(batch.map((p) => p.record.topic))].filter((t) => !this.partitionCounts.has(t));
    if (missing.length === 0) return;
    const existing = new Set(await this.admin!.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      await this.admin!.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((topic) => ({ topic, numPartitions: this.partitions, ...this.opts.topicSettings?.(topic) })),
      });
      this.counters.topicsCreated += toCreate.length;
    }
    // Topics created here have the partitions asked for; a just-created topic's metadata may not have
    // reached the broker yet (fetchTopicMetadata then fails with UNKNOWN_TOPIC_OR_PARTITION).
    for (const t of toCreate) if ((this.opts.topicSettings?.(t).numPartitions ?? this.partitions) > 0) this.partitionCounts.set(t, this.opts.topicSettings?.(t).numPartitions ?? this.partitions);
    const others = missing.filter((t) => !this.partitionCounts.has(t));
    if (others.length === 0) return;
    const meta = await this.admin!.fetchTopicMetadata({ topics: others });
    for (const t of meta.topics) this.partitionCounts.set(t.name, Math.max(1, t.partitions.length));
  }

  private wake(): void {
    if (this.ackedSeq === this.lastSeq) {
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of idle) w.resolve();
    }
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = new Error(`Kafka producer failed: ${err.message}`, { cause: err });
    this.bound.fail(this.failure);
    const idle = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of idle) w.reject(this.failure);
    this.onFailure(this.failure);
  }
}
