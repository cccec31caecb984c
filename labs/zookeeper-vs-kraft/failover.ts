// Kills the active controller of a three-node KRaft quorum (SIGKILL, as a crash) and measures how
// long until another voter leads and a produce with acks=all is acknowledged again.
// KRaft elects a new leader among the remaining voters once they miss the leader's fetch responses
// (https://kafka.apache.org/39/documentation/#kraft_voter).
import { setTimeout as sleep } from 'node:timers/promises';
import type { OwnKafka } from '../../harness/kit/own-kafka.ts';
import { produceUntilAcked } from './clusters.ts';
import { quorumStatus } from './tools.ts';

/** `[2026-11-21 12:31:22,020] INFO [RaftManager id=2] Completed transition to Leader(…` → epoch ms */
const LEADER_LINE = /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})\] INFO \[RaftManager id=\d+\] Completed transition to Leader\(/;

function leaderTransitions(c: OwnKafka, node: number): number[] {
  return leaderTimes(c.servers.get(`kafka-${node}`)?.logTail(2000) ?? '');
}

/** The times (epoch ms, the log's local time) at which a node's log says it became Raft leader. */
export function leaderTimes(log: string): number[] {
  return log.split('\n').flatMap((line) => {
    const m = LEADER_LINE.exec(line);
    if (m === null) return [];
    const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
    return [new Date(y, mo - 1, d, h, mi, s, ms).getTime()];
  });
}

export interface Failover {
  killed: number;
  newLeader: number;
  statusAfter: Record<string, string>;
  /** from the kill to the new leader's "Completed transition to Leader" log line */
  electedMs: number;
  /** from the kill to the first acknowledged produce through the surviving nodes */
  produceAgainMs: number;
}

export async function killActiveController(c: OwnKafka, before: Record<string, string>, topic: string): Promise<Failover> {
  const killed = Number(before.LeaderId);
  const nodes = [...c.servers.keys()].filter((n) => n.startsWith('kafka-')).map((n) => Number(n.slice('kafka-'.length)));
  const survivors = nodes.filter((n) => n !== killed);
  // bootstrap servers are in node id order
  const survivorBrokers = survivors.map((n) => c.info.bootstrapServers[n - 1]!);
  const server = c.servers.get(`kafka-${killed}`);
  if (server === undefined) throw new Error(`LeaderId ${before.LeaderId} is not one of the nodes ${nodes.join(', ')}`);

  const killedAt = Date.now();
  server.killNow();
  const produceAgain = produceUntilAcked(survivorBrokers, topic);
  let electedAt: number | undefined;
  while (electedAt === undefined) {
    if (Date.now() - killedAt > 60_000) throw new Error(`no surviving node (${survivors.join(', ')}) became leader within 60 s`);
    electedAt = survivors.flatMap((n) => leaderTransitions(c, n)).find((t) => t >= killedAt - 5);
    if (electedAt === undefined) await sleep(50);
  }
  const produceAgainMs = await produceAgain;
  // the command a reader would run, against a node that is still up
  let statusAfter = await quorumStatus(c, survivorBrokers[0]);
  for (let i = 0; i < 20 && [String(killed), '-1'].includes(statusAfter.LeaderId ?? ''); i++) {
    await sleep(500);
    statusAfter = await quorumStatus(c, survivorBrokers[0]);
  }
  return { killed, newLeader: Number(statusAfter.LeaderId), statusAfter, electedMs: electedAt - killedAt, produceAgainMs };
}
