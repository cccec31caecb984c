// A small Kafka-backed record of whether this connector's snapshot finished, in the spirit of Kafka
// Connect's offset storage topic (key ["<connector name>",{"server":"<topic.prefix>"}], as
// Connect's OffsetStorageWriter keys source offsets). The slot stays the source of truth for the
// stream position; this record exists so a restart can tell a finished snapshot from one that was
// killed halfway — Debezium re-snapshots in that case (PostgresOffsetContext#isSnapshotRunning), and
// so does this engine.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { retryRetriable } from './kafka-retry.js';

export interface SnapshotOffset {
  /** the slot's consistent point the snapshot was read at */
  lsn: string;
  txId: number | null;
  ts_usec: number;
  snapshot_completed: boolean;
}

export const DEFAULT_OFFSETS_TOPIC = 'cdc-labs-engine-offsets';

export function offsetKey(connectorName: string, topicPrefix: string): string {
  return JSON.stringify([connectorName, { server: topicPrefix }]);
}

export class OffsetStore {
  private readonly kafka: Kafka;

  constructor(
    bootstrapServers: string[],
    private readonly topic: string,
    private readonly key: string,
  ) {
    this.kafka = new Kafka({ clientId: 'cdc-labs-engine-offsets', brokers: bootstrapServers, logLevel: logLevel.NOTHING });
  }

  /** Creates the compacted topic when missing. */
  async ensureTopic(): Promise<void> {
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
    } finally {
      await admin.disconnect();
    }
  }

  async write(value: SnapshotOffset): Promise<void> {
    await this.ensureTopic();
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({ topic: this.topic, acks: -1, messages: [{ key: this.key, value: JSON.stringify(value) }] });
    } finally {
      await producer.disconnect();
    }
  }

  /** The newest value stored for this connector, or null. */
  async read(): Promise<SnapshotOffset | null> {
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
    let latest: SnapshotOffset | null = null;
    try {
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out reading ${this.topic}`)), 30_000);
        consumer
          .run({
            eachMessage: async ({ message }) => {
              if (message.key?.toString() === this.key) {
                latest = message.value ? (JSON.parse(message.value.toString()) as SnapshotOffset) : null;
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
