// The events a lab run has read: one topic reader per topic, and a per-topic cursor so each step
// sees only the events that are new to it.
import type { Admin, Kafka } from 'kafkajs';
import type { ChangeEvent } from './debezium-event.ts';
import { TopicReader } from './readers/topic-reader.ts';

/** Per lab run: topic readers with a per-topic cursor, so each step sees its own new events. */
export class EventLog {
  private readonly readers = new Map<string, TopicReader>();
  private readonly cursors = new Map<string, number>();
  private nextGroup = 0;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly groupPrefix: string;
  constructor(
    kafka: Kafka,
    admin: Admin,
    groupPrefix: string,
  ) {
    this.kafka = kafka;
    this.admin = admin;
    this.groupPrefix = groupPrefix;
  }

  reader(topic: string): TopicReader {
    let r = this.readers.get(topic);
    if (r === undefined) {
      r = new TopicReader(this.kafka, this.admin, topic, `${this.groupPrefix}-${this.nextGroup++}`);
      this.readers.set(topic, r);
    }
    return r;
  }

  all(topic: string): ChangeEvent[] {
    return this.readers.get(topic)?.events ?? [];
  }

  /** Waits for `count` events past the topic's cursor and moves the cursor over them. */
  async take(topic: string, count: number, timeoutMs: number, failFast?: () => Promise<void>): Promise<ChangeEvent[]> {
    const from = this.cursors.get(topic) ?? 0;
    const events = await this.reader(topic).waitForTotal(from + count, timeoutMs, failFast);
    this.cursors.set(topic, from + count);
    return events.slice(from, from + count);
  }

  async close(): Promise<void> {
    await Promise.all([...this.readers.values()].map((r) => r.close()));
  }
}
