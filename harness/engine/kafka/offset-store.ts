// The connector's source offset in a compacted Kafka topic, as Kafka Connect's offset storage topic
// holds it (key ["<connector name>",{"server":"<topic.prefix>"}], as Connect's OffsetStorageWriter
// keys source offsets; value in PostgresOffsetContext#getOffset's shape). Written when a snapshot
// starts (snapshot "INITIAL", not completed), when it finishes (snapshot_completed, last_snapshot_record)
// and, while streaming, with the confirmed position (lsn, lsn_commit, lsn_proc). A restart reads it
// to tell a finished snapshot from one killed halfway (PostgresOffsetContext#isSnapshotRunning) and to
// know where streaming stood; snapshot-mode.ts decides what to do with it.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { retryRetriable } from './kafka-retry.ts';
import { patchKafkajsRequestQueue } from './kafkajs-timeout-fix.ts';
import { parseLsn } from '../postgres/lsn.ts';
import type { StoredOffset } from '../source/snapshot-mode.ts';

export type { StoredOffset } from '../source/snapshot-mode.ts';

/** Reads a stored value; records of the earlier format ({lsn:"0/..",snapshot_completed:true}) are finished snapshots. */
export function decodeOffset(raw: Record<string, unknown>): StoredOffset {
  if (typeof raw.lsn === 'string') {
    return {
      lsn: Number(parseLsn(raw.lsn)),
      txId: (raw.txId as number | null) ?? null,
      ts_usec: Number(raw.ts_usec ?? 0),
      snapshot: 'INITIAL',
      snapshot_completed: raw.snapshot_completed === true,
      last_snapshot_record: raw.snapshot_completed === true,
    };
  }
  return raw as unknown as StoredOffset;
}

export const DEFAULT_OFFSETS_TOPIC = 'cdc-labs-engine-offsets';

export function offsetKey(connectorName: string, topicPrefix: string): string {
  return JSON.stringify([connectorName, { server: topicPrefix }]);
}

export class OffsetStore {
  private readonly kafka: Kafka;
  /**
   * One idempotent producer for every write (the engine writes up to 5 offsets a second); connected
   * on the first write, dropped after a failed one so that the next write starts afresh, and
   * disconnected by close(). Connect's OffsetStorageWriter likewise keeps one producer per worker.
   */
  private producer: Promise<Producer> | null = null;
  private topicReady = false;
  /** producers connected so far (a test checks that writes reuse one) */
  producersOpened = 0;

  private readonly topic: string;
  private readonly key: string;
  constructor(
    bootstrapServers: string[],
    topic: string,
    key: string,
  ) {
    this.topic = topic;
    this.key = key;
    patchKafkajsRequestQueue();
    this.kafka = new Kafka({ clientId: 'cdc-labs-engine-offsets', brokers: bootstrapServers, logLevel: logLevel.NOTHING });
  }

  /** Creates the compacted topic when missing. */
  async ensureTopic(): Promise<void> {
    if (this.topicReady) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      if (!topics.includes(this.topic)) {
        await retryRetriable(
          () =>
            admin.createTopics({
              waitForLeaders: true,
              topics: [{ topic: this.topic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
            }),
          30_000,
        );
      }
      this.topicReady = true;
    } finally {
      await admin.disconnect();
    }
  }

  /** The topic and the producer ready before the first write, as a Connect worker has them from its boot. */
  async prepare(): Promise<void> {
    await this.ensureTopic();
    await this.connected();
  }

  private connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      this.producersOpened++;
      this.producer = producer.connect().then(() => producer);
      this.producer.catch(() => undefined);
    }
    return this.producer;
  }

  private async send(value: string | null): Promise<void> {
    await this.ensureTopic();
    const pending = this.connected();
    try {
      const producer = await pending;
      await producer.send({ topic: this.topic, acks: -1, messages: [{ key: this.key, value }] });
    } catch (err) {
      // a producer that failed (broker gone, fenced) is not reused
      if (this.producer === pending) this.producer = null;
      void pending.then((p) => p.disconnect()).catch(() => undefined);
      throw err;
    }
  }

  async write(value: StoredOffset): Promise<void> {
    await this.send(JSON.stringify(value));
  }

  /** Forgets this connector's offset (a tombstone, as the compacted topic expects). */
  async clear(): Promise<void> {
    await this.send(null);
  }

  /** Disconnects the producer, if one was opened. */
  async close(): Promise<void> {
    const pending = this.producer;
    this.producer = null;
    if (pending) await pending.then((p) => p.disconnect()).catch(() => undefined);
  }

  /** The newest value stored for this connector, or null. */
  async read(): Promise<StoredOffset | null> {
    const admin = this.kafka.admin();
    await admin.connect();
    let end: number;
    try {
      const topics = await admin.listTopics();
      if (!topics.includes(this.topic)) return null;
      const offsets = await admin.fetchTopicOffsets(this.topic);
      end = Math.max(...offsets.map((o) => Number(o.high)));
    } finally {
      await admin.disconnect();
    }
    if (end <= 0) return null;
    const consumer = this.kafka.consumer({ groupId: `cdc-labs-engine-offsets-${randomBytes(6).toString('hex')}` });
    await consumer.connect();
    let latest: StoredOffset | null = null;
    try {
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out reading ${this.topic}`)), 30_000);
        consumer
          .run({
            eachMessage: async ({ message }) => {
              if (message.key?.toString() === this.key) {
                latest = message.value ? decodeOffset(JSON.parse(message.value.toString()) as Record<string, unknown>) : null;
              }
              if (Number(message.offset) >= end - 1) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return latest;
  }
}

/**
 * Forgets the stored source offset of a connector name and topic.prefix (a lab that starts from
 * an empty database must not meet the offset of an earlier run, which would read as a lost slot).
 */
export async function clearStoredOffset(bootstrapServers: string[], name: string, topicPrefix: string, topic = DEFAULT_OFFSETS_TOPIC): Promise<void> {
  const store = new OffsetStore(bootstrapServers, topic, offsetKey(name, topicPrefix));
  try {
    await store.clear();
  } finally {
    await store.close();
  }
}
