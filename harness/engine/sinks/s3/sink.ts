// startS3Sink: a Kafka Connect style S3 sink (Confluent S3 sink keys and object layout) on a kafkajs
// consumer in group connect-<name>. Exactly once through deterministic names: objects are named by
// their first record's offset, and offsets are committed only after the objects before them are
// written, so a crash or a stop without flush makes the restart rewrite the same keys with the same
// content. S3 errors (missing bucket, wrong credentials, store down) are logged with a clear message
// and retried with exponential backoff; the position does not move until the write succeeds.
import { hostname } from 'node:os';
import { Kafka, logLevel, type Consumer, type EachBatchPayload } from 'kafkajs';
import type { Logger } from '../../logger.ts';
import { buildTransforms } from '../../connect/transforms/index.ts';
import { recordFromKafka } from '../../connect/connect-record.ts';
import { recordFromKafkaWith, sinkDecoders } from '../../connect/avro/sink-decoders.ts';
import { parseS3SinkConfig, PARQUET_FORMAT, type S3SinkConfig } from './config.ts';
import { loadParquetWriter } from './format.ts';
import { makePartitioner, type Partitioner } from './partitioner.ts';
import { TopicPartitionWriter, type PendingObject } from './writer.ts';
import { sinkConnectorStatus, type SinkConnectorStatus, type SinkState } from '../../connect/sink-status.ts';

// the status shape every native sink shares (../sink-status.ts)
export type { SinkConnectorStatus, SinkState } from '../../connect/sink-status.ts';

export interface S3SinkOptions {
  config: Record<string, unknown>;
  bootstrapServers: string[] | string;
  logger?: Logger;
  /** worker_id in status(); defaults to "<hostname>:<pid>" */
  workerId?: string;
}

export interface S3Sink {
  /** stops without flushing open files (as Connect does on task stop): their records are read again on restart */
  stop(): Promise<void>;
  status(): SinkConnectorStatus;
  metrics(): Record<string, number>;
  /** the last S3 error while retrying (cleared by the next successful write), else null */
  lastError(): string | null;
  readonly config: S3SinkConfig;
}

/** A clear message for the S3 errors users meet first. */
export function describeS3Error(e: unknown, config: S3SinkConfig): string {
  const err = e as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = err.Code ?? err.name ?? '';
  const status = err.$metadata?.httpStatusCode;
  const where = config.storeUrl ?? `AWS S3 (${config.region})`;
  if (code === 'NoSuchBucket' || code === 'NotFound' && status === 404) {
    return `S3 bucket "${config.bucket}" does not exist at ${where} (s3.bucket.name); create it or fix the name`;
  }
  if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'Forbidden', 'CredentialsProviderError'].includes(code) || status === 403) {
    return `S3 at ${where} rejected the credentials for bucket "${config.bucket}" (${code || `HTTP ${status}`}): check aws.access.key.id / aws.secret.access.key or the AWS_* environment`;
  }
  return `S3 write to bucket "${config.bucket}" at ${where} failed: ${code ? `${code}: ` : ''}${err.message ?? String(e)}`;
}

class Stopped extends Error {}

export async function startS3Sink(options: S3SinkOptions): Promise<S3Sink> {
  const config = parseS3SinkConfig(options.config);
  // key.converter / value.converter: Avro through a schema registry, else JsonConverter
  const decoders = sinkDecoders(options.config);
  const transform = buildTransforms(config.raw);
  const partitioner: Partitioner = makePartitioner(config.partitioner, config.directoryDelim);
  const log: Logger = options.logger ?? (() => undefined);
  const workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  // the AWS SDK and the Parquet writer load with the first S3 sink, not with harness/engine/index.ts
  const { HeadBucketCommand, PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  if (config.formatClass === PARQUET_FORMAT) await loadParquetWriter();
  const s3 = new S3Client({
    region: config.region,
    ...(config.storeUrl ? { endpoint: config.storeUrl } : {}),
    forcePathStyle: config.pathStyleAccess,
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1, // the sink retries with its own backoff, keeping its position
  });
  const brokers = Array.isArray(options.bootstrapServers) ? options.bootstrapServers : options.bootstrapServers.split(',');
  const kafka = new Kafka({ clientId: `connector-consumer-${config.name}-0`, brokers, logLevel: logLevel.NOTHING });
  // larger fetches than kafkajs's 1 MiB per partition: change events with schemas are ~2-3 KB, and
  // with 1 MiB the sink waited on fetch round trips most of the time (npm run bench -- s3);
  // maxWaitTimeInMs 500 is the Java consumer's fetch.max.wait.ms default (kafkajs waits 5 s, and a
  // stop waits for the fetch in flight)
  const consumer: Consumer = kafka.consumer({
    groupId: `connect-${config.name}`, allowAutoTopicCreation: false, maxBytesPerPartition: 8 * 2 ** 20, maxBytes: 64 * 2 ** 20,
    maxWaitTimeInMs: 500,
  });

  const m = { records_read: 0, records_written: 0, records_dropped: 0, files_written: 0, bytes_written: 0, s3_errors: 0, offset_commits: 0 };
  let state: SinkState = 'RUNNING';
  let failure: Error | null = null;
  let lastError: string | null = null;
  let stopping = false;
  const writers = new Map<string, TopicPartitionWriter>();
  const writerFor = (topic: string, partition: number) => {
    const k = `${topic}\u0000${partition}`;
    let w = writers.get(k);
    if (!w) {
      w = new TopicPartitionWriter(topic, partition, config, partitioner);
      writers.set(k, w);
    }
    return w;
  };
  const committed = new Map<string, bigint>();

  // one thing at a time: batches, scheduled rotation and stop
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn, fn);
    chain = p.catch(() => undefined);
    return p;
  };

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function put(obj: PendingObject, heartbeat?: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (stopping) throw new Stopped();
      try {
        await s3.send(new PutObjectCommand({
          Bucket: config.bucket, Key: obj.key, Body: obj.body,
          ContentType: obj.contentType,
        }));
        if (lastError) log('info', `S3 sink ${config.name}: S3 writes succeed again`);
        lastError = null;
        m.files_written++;
        m.records_written += obj.records;
        m.bytes_written += obj.body.length;
        log('debug', `S3 sink ${config.name}: wrote ${obj.key} (${obj.records} records)`);
        return;
      } catch (e) {
        m.s3_errors++;
        const backoff = Math.min(config.retryBackoffMs * 2 ** Math.min(attempt, 16), 10_000);
        lastError = describeS3Error(e, config);
        log(attempt === 0 ? 'error' : 'warn', `S3 sink ${config.name}: ${lastError}; retry ${attempt + 1} in ${backoff} ms, position kept`);
        const until = Date.now() + backoff;
        while (Date.now() < until) {
          if (stopping) throw new Stopped();
          await sleep(Math.min(200, until - Date.now()));
          if (heartbeat) await heartbeat().catch(() => undefined);
        }
      }
    }
  }

  async function commit(w: TopicPartitionWriter): Promise<void> {
    const off = w.committableOffset();
    if (off === null) return;
    const k = `${w.topic}\u0000${w.partition}`;
    if (committed.get(k) === off) return;
    await consumer.commitOffsets([{ topic: w.topic, partition: w.partition, offset: off.toString() }]);
    committed.set(k, off);
    m.offset_commits++;
  }

  function fail(e: Error): void {
    failure = e;
    state = 'FAILED';
    log('error', `S3 sink ${config.name}: task failed: ${e.message}`);
    void consumer.stop().catch(() => undefined);
  }

  async function eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    await serial(async () => {
      if (state === 'FAILED') return;
      const w = writerFor(batch.topic, batch.partition);
      try {
        for (const message of batch.messages) {
          if (!isRunning() || isStale() || stopping) return;
          m.records_read++;
          const original = decoders.key || decoders.value
            ? await recordFromKafkaWith(decoders, batch.topic, batch.partition, message)
            : recordFromKafka(batch.topic, batch.partition, message);
          const transformed = transform(original);
          if (transformed === null) m.records_dropped++;
          const done = w.write(original, transformed, Date.now());
          for (const obj of done) await put(obj, heartbeat);
          if (done.length > 0) await commit(w);
          resolveOffset(message.offset);
        }
        for (const obj of w.tick(Date.now())) await put(obj, heartbeat);
        await commit(w);
        await heartbeat();
      } catch (e) {
        if (e instanceof Stopped) return;
        fail(e as Error);
      }
    });
  }

  // a rebalance re-reads from the committed offsets: forget what was buffered
  consumer.on(consumer.events.GROUP_JOIN, () => {
    writers.clear();
    committed.clear();
  });

  if (config.rotateIntervalMs > 0 && config.partitioner.kind !== 'time') {
    log('warn', `S3 sink ${config.name}: rotate.interval.ms is set to ${config.rotateIntervalMs} ms but partitioner.class is not a time-based partitioner; it is ignored (as in Confluent's S3 sink)`);
  }
  // commitOnTimeIfNoData: Connect calls put() even when no records come; a timer stands in for that
  let tickTimer: NodeJS.Timeout | null = null;
  if (config.rotateIntervalMs > 0 || config.rotateScheduleIntervalMs > 0) {
    const every = Math.max(100, Math.min(1000, ...[config.rotateIntervalMs, config.rotateScheduleIntervalMs].filter((x) => x > 0)));
    tickTimer = setInterval(() => {
      if (stopping || state === 'FAILED') return;
      void serial(async () => {
        try {
          for (const w of writers.values()) {
            const done = w.tick(Date.now());
            for (const obj of done) await put(obj);
            if (done.length > 0) await commit(w);
          }
        } catch (e) {
          if (!(e instanceof Stopped)) fail(e as Error);
        }
      });
    }, every);
  }

  // a first look at the bucket, so a wrong name or credentials shows at once (writes retry anyway)
  void s3.send(new HeadBucketCommand({ Bucket: config.bucket })).then(
    () => undefined,
    (e) => {
      lastError = describeS3Error(e, config);
      log('error', `S3 sink ${config.name}: ${lastError}`);
    },
  );

  await consumer.connect();
  if (config.topicsRegex) await consumer.subscribe({ topics: [config.topicsRegex], fromBeginning: true });
  else await consumer.subscribe({ topics: config.topics, fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
  log('info', `S3 sink ${config.name}: consuming ${config.topicsRegex ? String(config.topicsRegex) : config.topics.join(',')} into s3://${config.bucket}/${config.topicsDir}`);

  return {
    config,
    async stop() {
      if (stopping) return;
      stopping = true;
      if (tickTimer) clearInterval(tickTimer);
      await consumer.disconnect().catch(() => undefined);
      await chain.catch(() => undefined);
      s3.destroy();
      state = state === 'FAILED' ? 'FAILED' : 'UNASSIGNED';
    },
    status() {
      return sinkConnectorStatus(config.name, workerId, state, failure);
    },
    metrics() {
      return { ...m, open_partitions: writers.size };
    },
    lastError: () => lastError,
  };
}
