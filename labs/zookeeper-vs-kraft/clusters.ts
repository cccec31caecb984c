// Starts the lab's own Kafka clusters and measures them: time from start to a first acknowledged
// produce, topic creation latency. Figures go to the transcript as measured, never into claims.
import os from 'node:os';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { startOwnKafka, type OwnKafka } from '../../harness/kit/own-kafka.ts';
import type { StepContext } from '../../harness/kit/index.ts';
import type { KafkaMode } from '../../harness/runtime/types.ts';

export const MODES: KafkaMode[] = ['zookeeper', 'kraft'];

/** The clusters of one lab run, shared by its steps (a lab run is sequential). */
export const clusters = new Map<string, OwnKafka>();

export function cluster(name: string): OwnKafka {
  const c = clusters.get(name);
  if (c === undefined) throw new Error(`cluster ${name} is not running: an earlier step starts it`);
  return c;
}

/** The machine the figures were measured on, named next to them. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}; JVMs with -XX:+UseSerialGC -XX:TieredStopAtLevel=1; the machine was shared with other jobs`;
}

export function kafkaClient(c: OwnKafka): Kafka {
  // default retries: a consumer's first JoinGroup meets a coordinator still loading __consumer_offsets
  return new Kafka({ clientId: 'zvk-lab', brokers: c.info.bootstrapServers, logLevel: logLevel.NOTHING });
}

/** Sends one record with acks=all until the cluster acknowledges it; resolves with the time it took. */
export async function produceUntilAcked(brokers: string[], topic: string, timeoutMs = 60_000): Promise<number> {
  const t0 = Date.now();
  const kafka = new Kafka({ clientId: 'zvk-probe', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 1000, requestTimeout: 3000, retry: { retries: 0 } });
  let lastError: unknown;
  while (Date.now() - t0 < timeoutMs) {
    const producer: Producer = kafka.producer({ allowAutoTopicCreation: true });
    try {
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ key: 'probe', value: String(Date.now()) }] });
      return Date.now() - t0;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }
  throw new Error(`no produce to ${topic} was acknowledged within ${timeoutMs / 1000} s: ${(lastError as Error)?.message}`);
}

/** Starts a cluster and measures the time from the start to a first acknowledged produce. */
export async function startMeasured(ctx: StepContext, name: string, mode: KafkaMode, nodes = 1): Promise<{ cluster: OwnKafka; readyMs: number; firstProduceMs: number }> {
  const t0 = Date.now();
  const c = await startOwnKafka({ mode, nodes });
  clusters.set(name, c);
  ctx.onCleanup(async () => {
    clusters.delete(name);
    await c.stop();
  });
  const readyMs = Date.now() - t0;
  await produceUntilAcked(c.info.bootstrapServers, 'zvk.first-produce');
  return { cluster: c, readyMs, firstProduceMs: Date.now() - t0 };
}

/** Median time of `count` CreateTopics requests that wait for every partition to have a leader. */
export async function topicCreationMs(admin: Admin, prefix: string, count = 5): Promise<{ medianMs: number; allMs: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = Date.now();
    const created = await admin.createTopics({ topics: [{ topic: `${prefix}-${i}`, numPartitions: 3 }], waitForLeaders: true, timeout: 30_000 });
    if (!created) throw new Error(`topic ${prefix}-${i} already existed`);
    all.push(Date.now() - t0);
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, allMs: all };
}

/** Stops a cluster early (to free the machine for the next one); its cleanup then has nothing left to do. */
export async function stopCluster(name: string): Promise<void> {
  await clusters.get(name)?.stop();
  clusters.delete(name);
}
