// The same CDC pipeline on each cluster: the connector JSON the page shows, started on the native
// engine against that cluster's bootstrap servers, and a reader on the table's topic.
import type { Admin } from 'kafkajs';
import { engineDriver, type EngineHandle } from '../../harness/kit/engine-driver.ts';
import { TopicReader } from '../../harness/kit/readers/topic-reader.ts';
import { Masker } from '../../harness/kit/transcript/mask.ts';
import type { ChangeEvent, StepContext } from '../../harness/kit/index.ts';
import type { KafkaMode } from '../../harness/runtime/types.ts';
import { cluster, kafkaClient } from './clusters.ts';

export const TOPIC = 'zvk.public.orders';

interface Pipeline {
  engine: EngineHandle;
  reader: TopicReader;
  taken: number;
  stop(): Promise<void>;
  /** The engine's log lines, shown when events do not arrive. */
  log: string[];
  admin: Admin;
}

const pipelines = new Map<KafkaMode, Pipeline>();

/** Starts the shown connector on one cluster; only the slot and publication names get the mode as suffix. */
export async function startPipeline(ctx: StepContext, mode: KafkaMode): Promise<void> {
  const c = cluster(mode);
  const config = { ...ctx.connectorConfig() };
  config['slot.name'] = `${String(config['slot.name'])}_${mode}`;
  config['publication.name'] = `${String(config['publication.name'])}_${mode}`;
  const log: string[] = [];
  const engine = await engineDriver(ctx.engineName).start({ name: `orders-${mode}`, config, bootstrapServers: c.info.bootstrapServers, log: (line) => log.push(line) });
  const kafka = kafkaClient(c);
  const admin = kafka.admin();
  await admin.connect();
  const reader = new TopicReader(kafka, admin, TOPIC, `zvk-lab-${mode}-${Date.now()}`);
  const stop = async (): Promise<void> => {
    if (pipelines.get(mode)?.engine !== engine) return;
    pipelines.delete(mode);
    await engine.stop().catch(() => undefined);
    await reader.close();
    await admin.disconnect();
  };
  pipelines.set(mode, { engine, reader, taken: 0, stop, log, admin });
  ctx.onCleanup(stop);
}

export async function stopPipeline(mode: KafkaMode): Promise<void> {
  await pipelines.get(mode)?.stop();
}

export function pipeline(mode: KafkaMode): Pipeline {
  const p = pipelines.get(mode);
  if (p === undefined) throw new Error(`no pipeline runs on the ${mode} cluster: an earlier step starts it`);
  return p;
}

/** Waits for `count` new events on the cluster's topic and returns them. */
export async function takeEvents(mode: KafkaMode, count: number): Promise<ChangeEvent[]> {
  const p = pipeline(mode);
  // fail fast, with the engine's own words, when the connector has failed
  const failFast = async (): Promise<void> => {
    const status = await p.engine.status();
    const failed = [status.connector, ...status.tasks].find((s) => s.state === 'FAILED');
    if (failed !== undefined) throw new Error(`the connector on the ${mode} cluster FAILED: ${failed.trace ?? ''}\n${p.log.slice(-10).join('\n')}`);
  };
  const events = await p.reader.waitForTotal(p.taken + count, 30_000, failFast).catch(async (err: Error) => {
    const offsets = await p.admin.fetchTopicOffsets(TOPIC).catch((e: Error) => e.message);
    throw new Error(`${err.message} (on the ${mode} cluster; topic offsets ${JSON.stringify(offsets)}); engine log:\n${p.log.slice(-10).join('\n')}`);
  });
  const got = events.slice(p.taken, p.taken + count);
  p.taken += count;
  return got;
}

/** An event as the transcript keeps it (key and Debezium payload), volatile values masked. */
export function comparable(events: ChangeEvent[]): unknown[] {
  const masker = new Masker();
  return events.map((e) => masker.mask({ key: e.key, value: e.value }));
}
