// The sink side of the fault tests (issue #20): a topic of numbered sequences per key produced by
// the test itself (Debezium envelopes in Kafka Connect JSON), a sink (S3 or Postgres) run as a child
// process (sink-process.test-helper.ts) that the test SIGKILLs between a write to the target and its
// offset commit, restarts, and a watch that checks, again and again, that the committed offsets are
// never ahead of what the target holds. The target-specific checks are the tests' own.
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ChildCli, progress } from './fault-kit.test-helper.ts';

/** One produced record: the key and the seq its `after` carries. */
export interface Produced {
  id: number;
  seq: number;
}

const rowSchema = (topic: string) => ({
  type: 'struct', optional: true, name: `${topic}.Value`,
  fields: [{ field: 'id', type: 'int32', optional: false }, { field: 'seq', type: 'int32', optional: false }],
});

/**
 * Produces rounds 1..rounds: round r sets seq = r on every key 1..keys (op c in round 1, u after),
 * key k always to partition (k - 1) % partitions, one request per round (idempotent, acks=all).
 * `byPartition[p][o]` is what the record at offset o of partition p carries.
 */
export class SeqProducer {
  readonly byPartition: Produced[][];
  rounds = 0;
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private done: Promise<void> | null = null;
  private readonly opts: { bootstrapServers: string[]; topic: string; partitions: number; keys: number; rounds: number; pauseMs: number };

  constructor(opts: { bootstrapServers: string[]; topic: string; partitions: number; keys: number; rounds: number; pauseMs: number }) {
    this.opts = opts;
    this.kafka = new Kafka({ brokers: opts.bootstrapServers, logLevel: logLevel.NOTHING });
    this.byPartition = Array.from({ length: opts.partitions }, () => []);
  }

  async createTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: this.opts.topic, numPartitions: this.opts.partitions, replicationFactor: 1 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
  }

  start(): void {
    this.done = this.run();
  }

  finish(): Promise<void> {
    return this.done!;
  }

  private async run(): Promise<void> {
    const { topic, keys, partitions } = this.opts;
    const schema = rowSchema(topic);
    const valueSchema = {
      type: 'struct', optional: false, name: `${topic}.Envelope`,
      fields: [{ ...schema, field: 'before' }, { ...schema, field: 'after' }, { type: 'string', optional: false, field: 'op' }],
    };
    const keySchema = { type: 'struct', optional: false, name: `${topic}.Key`, fields: [{ field: 'id', type: 'int32', optional: false }] };
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    try {
      for (let r = 1; r <= this.opts.rounds; r++) {
        const messages = Array.from({ length: keys }, (_, i) => ({
          partition: i % partitions,
          key: JSON.stringify({ schema: keySchema, payload: { id: i + 1 } }),
          value: JSON.stringify({ schema: valueSchema, payload: { before: null, after: { id: i + 1, seq: r }, op: r === 1 ? 'c' : 'u' } }),
        }));
        const meta = await this.producer.send({ topic, acks: -1, messages });
        // one request: each partition's records in order from its base offset
        for (const m of meta) {
          const p = m.partition;
          const base = Number(m.baseOffset);
          const mine = messages.map((_, i) => i).filter((i) => i % partitions === p);
          mine.forEach((i, j) => (this.byPartition[p][base + j] = { id: i + 1, seq: r }));
        }
        this.rounds = r;
        if (this.opts.pauseMs) await sleep(this.opts.pauseMs);
      }
    } finally {
      await this.producer.disconnect();
    }
  }

  /** records produced per partition so far (each partition's end offset) */
  ends(): number[] {
    return this.byPartition.map((a) => a.length);
  }
}

/** The consumer group's committed offsets by partition (0 when none yet). */
export async function committedOffsets(bootstrapServers: string[], groupId: string, topic: string): Promise<Map<number, number>> {
  const admin = new Kafka({ brokers: bootstrapServers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(t.partitions.map((p) => [p.partition, Math.max(0, Number(p.offset))]));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The sink as a child process (sink-process.test-helper.ts), restarted with a new SINK_FAULT each time. */
export class SinkProcess extends ChildCli {
  private readonly opts: { kind: 's3' | 'postgres'; bootstrapServers: string[] };

  constructor(opts: { kind: 's3' | 'postgres'; config: Record<string, unknown>; bootstrapServers: string[] }) {
    super('cdc-labs-fault-sink-', 'sink.json', opts.config);
    this.opts = opts;
  }

  start(fault?: string): void {
    this.all += `--- start ${this.starts + 1}${fault ? ` SINK_FAULT=${fault}` : ''}\n`;
    this.spawnNode(
      ['harness/engine/faults/sink-process.test-helper.ts', '--kind', this.opts.kind, '--config', this.configPath, '--bootstrap-servers', this.opts.bootstrapServers.join(',')],
      { ...process.env, SINK_FAULT: fault ?? '' },
    );
  }

  /** the `FAULT …` line of this start, once the sink reached its fault point */
  fault(): string | undefined {
    return /^FAULT .*$/m.exec(this.out)?.[0];
  }

  /** every `WROTE …` line of every start, in order (what the target received) */
  writes(): string[] {
    return [...this.all.matchAll(/^WROTE (.*)$/gm)].map((m) => m[1]);
  }
}

/**
 * Samples the group's committed offsets and then the target every `intervalMs`, and hands both to
 * `check`, which fails when a record below a committed offset is not in the target. Committed offsets
 * are read first: the target only gains records afterwards, so a sample never blames a sink for a
 * write that came after its commit was read.
 */
export class CommitWatch {
  samples = 0;
  private running = true;
  private loop: Promise<void> | null = null;
  private failure: unknown = null;
  private readonly opts: { bootstrapServers: string[]; groupId: string; topic: string; check: (committed: Map<number, number>) => Promise<void>; intervalMs?: number };

  constructor(opts: { bootstrapServers: string[]; groupId: string; topic: string; check: (committed: Map<number, number>) => Promise<void>; intervalMs?: number }) {
    this.opts = opts;
  }

  start(): void {
    this.loop = (async () => {
      while (this.running && !this.failure) {
        await this.sample().catch((e: unknown) => (this.failure ??= e));
        await sleep(this.opts.intervalMs ?? 300);
      }
    })();
  }

  async sample(): Promise<void> {
    const committed = await committedOffsets(this.opts.bootstrapServers, this.opts.groupId, this.opts.topic);
    await this.opts.check(committed);
    this.samples++;
  }

  /** stops the loop and throws what a sample found */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    if (this.failure) throw this.failure;
  }
}

/**
 * One sink fault run: the topic is produced in the background while the sink runs; each entry of
 * `faults` starts the sink with that SINK_FAULT, waits until it holds at its fault point, samples
 * the committed offsets against the target there and SIGKILLs it; then a last start without a fault
 * runs until the group has committed every record. `check` is the committed-vs-target check, run
 * by the watch all along and at every fault point.
 */
export async function sinkThroughFaults(opts: {
  kind: 's3' | 'postgres';
  config: Record<string, unknown>;
  bootstrapServers: string[];
  producer: SeqProducer;
  faults: string[];
  check: (committed: Map<number, number>) => Promise<void>;
  timeoutMs?: number;
}): Promise<{ starts: number; samples: number; faultLines: string[]; writes: string[] }> {
  const { producer, bootstrapServers } = opts;
  const groupId = `connect-${String(opts.config.name)}`;
  const topic = String(opts.config.topics);
  const sink = new SinkProcess({ kind: opts.kind, config: opts.config, bootstrapServers });
  const watch = new CommitWatch({ bootstrapServers, groupId, topic, check: opts.check });
  const faultLines: string[] = [];
  try {
    await producer.createTopic();
    producer.start();
    watch.start();
    for (const fault of opts.faults) {
      sink.start(fault);
      await sink.until(`the fault point ${fault}`, () => sink.fault() !== undefined, 60_000);
      const line = sink.fault()!;
      faultLines.push(line);
      // the sink holds at the fault: what is committed must be in the target now
      await watch.sample();
      progress(`${opts.kind} sink holds at "${line}" (round ${producer.rounds}); SIGKILL`);
      await sink.kill();
      await watch.sample();
    }
    sink.start();
    await producer.finish();
    const ends = producer.ends();
    progress(`producer done: ${ends.reduce((a, b) => a + b, 0)} records (${ends.join('/')} per partition); waiting for the sink to commit them all`);
    const end = Date.now() + (opts.timeoutMs ?? 90_000);
    for (;;) {
      const committed = await committedOffsets(bootstrapServers, groupId, topic);
      if (ends.every((n, p) => committed.get(p) === n)) break;
      if (!sink.running) throw new Error(`the sink exited; its output:\n${sink.tail()}`);
      if (Date.now() > end) throw new Error(`the sink did not commit every record (committed ${JSON.stringify([...committed])}, ends ${ends.join('/')}); sink output:\n${sink.tail()}`);
      await sleep(250);
    }
    await watch.sample();
    await watch.stop();
    return { starts: sink.starts, samples: watch.samples, faultLines, writes: sink.writes() };
  } catch (err) {
    console.log(`sink output tail:\n${sink.tail()}`);
    throw err;
  } finally {
    await watch.stop().catch(() => undefined);
    await sink.kill();
  }
}
