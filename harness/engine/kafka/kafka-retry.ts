// Retry for Kafka admin steps that kafkajs does not retry itself.

/**
 * Runs `fn` again while it fails with a retriable Kafka error. Right after CreateTopics a KRaft
 * broker can answer UNKNOWN_TOPIC_OR_PARTITION for a moment; kafkajs' admin only retries
 * LEADER_NOT_AVAILABLE there.
 */
const TRANSIENT = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION', 'NOT_CONTROLLER']);

export async function retryRetriable<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    try {
      return await fn();
    } catch (err) {
      const e = err as { retriable?: boolean; type?: string; originalError?: { retriable?: boolean; type?: string } };
      // kafkajs wraps exhausted retries in KafkaJSNumberOfRetriesExceeded (retriable: false)
      const retriable =
        e.retriable === true ||
        e.originalError?.retriable === true ||
        TRANSIENT.has(e.type ?? '') ||
        TRANSIENT.has(e.originalError?.type ?? '');
      if (!retriable || Date.now() + delay > end) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
