// The snapshot-modes lab reads thousands of events per topic: it tails topics itself (without
// putting every event into the transcript) and records summaries — counts per op, the markers at
// the edges of each table, and the consistency checks — which are the same on every run.
import { Kafka, logLevel } from 'kafkajs';
import type { ChangeEvent, StepContext } from '../../harness/kit/index.ts';
import { waitUntil } from '../../harness/kit/index.ts';
import { TopicReader } from '../../harness/kit/readers/topic-reader.ts';

const readers = new Map<string, { reader: TopicReader; cursor: number }>();
let kafka: Kafka | undefined;

function tail(ctx: StepContext, topic: string): { reader: TopicReader; cursor: number } {
  let t = readers.get(topic);
  if (t === undefined) {
    if (kafka === undefined) {
      kafka = new Kafka({ clientId: 'cdc-labs-snapshot-modes', brokers: ctx.stack.kafka.bootstrapServers, logLevel: logLevel.NOTHING });
      ctx.onCleanup(async () => {
        await Promise.all([...readers.values()].map((r) => r.reader.close()));
        readers.clear();
        kafka = undefined;
      });
    }
    t = { reader: new TopicReader(kafka, ctx.kafka, topic, `cdc-labs-snapshot-modes-${topic}-${Date.now()}`), cursor: 0 };
    readers.set(topic, t);
  }
  // subscribe in the background once the topic exists (a topic nobody wrote to yet has no events)
  const reader = t.reader;
  void reader.waitForTotal(0, 600_000).catch(() => undefined);
  return t;
}

/** Waits until `count` events (tombstones included) past the topic's cursor arrived; returns them and moves the cursor. */
export async function take(ctx: StepContext, topic: string, count: number, timeoutMs = 120_000): Promise<ChangeEvent[]> {
  const t = tail(ctx, topic);
  const all = await t.reader.waitForTotal(t.cursor + count, timeoutMs, async () => {
    const status = await ctx.engine().status();
    const failed = [status.connector, ...status.tasks].find((s) => s.state === 'FAILED');
    if (failed) throw new Error(`connector ${status.name} FAILED: ${failed.trace?.split('\n')[0]}`);
  });
  const got = all.slice(t.cursor, t.cursor + count);
  t.cursor += count;
  return got;
}

/** Waits `ms` and returns the events that arrived past the cursor meanwhile (for "nothing happens" claims). */
export async function quietFor(ctx: StepContext, topic: string, ms: number): Promise<ChangeEvent[]> {
  const t = tail(ctx, topic);
  await new Promise((r) => setTimeout(r, ms));
  const got = t.reader.events.slice(t.cursor);
  t.cursor = t.reader.events.length;
  return got;
}

/** Events read so far past the cursor, without waiting (the cursor does not move). */
export function pending(ctx: StepContext, topic: string): ChangeEvent[] {
  const t = tail(ctx, topic);
  return t.reader.events.slice(t.cursor);
}

/** Every event of a topic read so far, from its beginning. */
export function allRead(ctx: StepContext, topic: string): ChangeEvent[] {
  return [...tail(ctx, topic).reader.events];
}

/** Starts reading a topic (so a later take() has the events from the start). */
export function watch(ctx: StepContext, topic: string): void {
  void tail(ctx, topic);
}

export { waitUntil };

/** op → count ("tombstone" for null values). */
export function opCounts(events: ChangeEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) {
    const op = e.value === null ? 'tombstone' : e.value.op;
    out[op] = (out[op] ?? 0) + 1;
  }
  return out;
}

/** source.snapshot of the first, second, second-to-last and last snapshot event, and of everything between (as a set). */
export function markerEdges(events: ChangeEvent[]): { first: string[]; middle: string[]; last: string[] } {
  const m = events.filter((e) => e.value?.op === 'r').map((e) => String(e.value!.source.snapshot));
  return { first: m.slice(0, 2), middle: [...new Set(m.slice(2, -2))].sort(), last: m.slice(-2) };
}

export interface Consistency {
  /** keys whose last event differs from the table row (or missing / extra) */
  wrongFinalState: number;
  /** keys with more than one snapshot (op r) event */
  readTwice: number;
  /** keys whose version went down from one event to the next (a stale row after a newer change) */
  staleAfterNewer: number;
  /** keys whose streamed versions skip a number (a change that never arrived) */
  gaps: number;
}

/**
 * Replays events per key (topic order; one partition) against the table's rows: final state,
 * snapshot events per key, and the `version` column (+1 per update) along each key's events.
 */
export function consistency(events: ChangeEvent[], rows: Array<Record<string, unknown>>, keyOf: (r: Record<string, unknown>) => string): Consistency {
  const last = new Map<string, Record<string, unknown> | null>();
  const reads = new Map<string, number>();
  const prevVersion = new Map<string, number>();
  let stale = 0;
  let gaps = 0;
  for (const e of events) {
    if (e.value === null) continue;
    const row = (e.value.after ?? e.value.before)!;
    const k = keyOf(row);
    if (e.value.op === 'd') {
      last.set(k, null);
      continue;
    }
    const v = Number(row.version);
    const before = prevVersion.get(k);
    if (before !== undefined && v < before) stale++;
    if (before !== undefined && e.value.op === 'u' && v > before + 1) gaps++;
    prevVersion.set(k, Math.max(v, before ?? v));
    last.set(k, e.value.after);
    if (e.value.op === 'r') reads.set(k, (reads.get(k) ?? 0) + 1);
  }
  let wrong = 0;
  const seen = new Set<string>();
  for (const r of rows) {
    const k = keyOf(r);
    seen.add(k);
    const got = last.get(k);
    if (!got || Number(got.version) !== Number(r.version)) wrong++;
  }
  for (const [k, v] of last) if (v !== null && !seen.has(k)) wrong++;
  return { wrongFinalState: wrong, readTwice: [...reads.values()].filter((n) => n > 1).length, staleAfterNewer: stale, gaps };
}
