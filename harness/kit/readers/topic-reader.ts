// Reads a Kafka topic from the beginning with kafkajs and keeps every record, parsed as Debezium JSON.
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { parseJsonBuffer, type ChangeEvent, type DebeziumEnvelope } from '../debezium-event.ts';
import { waitUntil } from '../wait.ts';

export class TopicReader {
  readonly events: ChangeEvent[] = [];
  private consumer: Consumer | undefined;
  private starting: Promise<void> | undefined;

  private readonly kafka: Kafka;
  private readonly admin: Admin;
  readonly topic: string;
  private readonly groupId: string;
  constructor(
    kafka: Kafka,
    admin: Admin,
    topic: string,
    groupId: string,
  ) {
    this.kafka = kafka;
    this.admin = admin;
    this.topic = topic;
    this.groupId = groupId;
  }

  /** Subscribes once the topic exists (subscribing earlier would auto-create it). */
  private start(deadline: number): Promise<void> {
    this.starting ??= (async () => {
      await waitUntil(
        async () => (await this.admin.listTopics()).includes(this.topic),
        deadline - Date.now(),
        `topic ${this.topic} to exist`,
      );
      const consumer = this.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false });
      this.consumer = consumer;
      await consumer.connect();
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) {
            if (v !== undefined) headers[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
          }
          this.events.push({
            topic,
            partition,
            offset: message.offset,
            key: parseJsonBuffer(message.key),
            value: parseJsonBuffer(message.value) as DebeziumEnvelope | null,
            headers,
          });
        },
      });
    })();
    // A failed start may be retried by a later wait.
    this.starting.catch(() => (this.starting = undefined));
    return this.starting;
  }

  /**
   * Waits until at least `count` events have been read in total; returns all of them.
   * `failFast` runs on every poll and may throw (e.g. when the connector has failed).
   */
  async waitForTotal(count: number, timeoutMs: number, failFast?: () => Promise<void>): Promise<ChangeEvent[]> {
    const deadline = Date.now() + timeoutMs;
    const ready = async (): Promise<boolean> => {
      await failFast?.();
      return this.events.length >= count;
    };
    try {
      await this.start(deadline);
      await waitUntil(ready, deadline - Date.now(), `${count} events on ${this.topic}`);
    } catch (err) {
      if (err instanceof Error && err.name === 'WaitTimeoutError') err.message += ` (got ${this.events.length})`;
      throw err;
    }
    return this.events;
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
