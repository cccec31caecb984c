import type { Kafka } from 'kafkajs';

/**
 * Commit-to-Kafka latency of every record on a topic, sorted: the broker's append timestamp
 * (LogAppendTime) minus the source commit time Debezium's envelope carries (source.ts_ms).
 */
export async function commitToKafkaLatencies(kafka: Kafka, topic: string, groupId: string, total: number): Promise<number[]> {
  const latencies: number[] = [];
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        const v = JSON.parse(message.value!.toString()) as { payload: { source: { ts_ms: number } } };
        latencies.push(Number(message.timestamp) - v.payload.source.ts_ms);
        if (latencies.length >= total) resolve();
      },
    });
  });
  await consumer.disconnect();
  return latencies.sort((a, b) => a - b);
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
