// Waits the sink labs share: until the target database holds what a step wrote at the source, and
// until a sink's consumer group (`connect-<name>`, as Kafka Connect names a sink's group) has
// committed an offset. Polling, because a sink applies and commits on its own schedule.
import pg from 'pg';
import type { Row, StepContext } from './types.ts';
import { waitUntil } from './wait.ts';

/**
 * Polls the lab's target database until `ready` holds for the rows `query` returns (a missing
 * table counts as no rows). Its own connection: `ctx.targetQuery` would put every poll into the
 * transcript.
 */
export async function waitForTarget(ctx: StepContext, query: string, ready: (rows: Row[]) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const url = new URL(ctx.stack.postgres.url);
  url.pathname = `/${ctx.sinkDatabase()}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await waitUntil(async () => ready((await client.query(query).catch(() => ({ rows: [] }))).rows as Row[]), timeoutMs, what, 250);
  } finally {
    await client.end();
  }
}

/** The offset the sink `connector` has committed on partition `partition` of `topic`, or -1. */
export async function sinkCommittedOffset(ctx: StepContext, connector: string, topic: string, partition = 0): Promise<number> {
  const [t] = await ctx.kafka.fetchOffsets({ groupId: `connect-${connector}`, topics: [topic] });
  return Number(t?.partitions.find((p) => p.partition === partition)?.offset ?? -1);
}

/** Waits until the sink `connector` has committed `offset` on partition 0 of `topic` (`atLeast`: or more). */
export async function waitForSinkCommit(
  ctx: StepContext,
  connector: string,
  topic: string,
  offset: number,
  { atLeast = false, timeoutMs = 60_000 }: { atLeast?: boolean; timeoutMs?: number } = {},
): Promise<void> {
  await waitUntil(
    async () => {
      const committed = await sinkCommittedOffset(ctx, connector, topic);
      return atLeast ? committed >= offset : committed === offset;
    },
    timeoutMs,
    `connect-${connector} to commit offset ${offset} on ${topic}`,
    250,
  );
}
