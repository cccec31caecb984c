// Fault test (issue #20): PostgreSQL is killed mid-stream (SIGKILL to the postmaster and its
// backends, as a crash would end it) and started again on the same data folder and port (crash
// recovery). The engine's lost replication connection is a retriable error, so it restarts its
// session from the slot; the writer reconnects too. Its own PostgreSQL and broker: the shared stack
// stays untouched. Afterwards every change is in Kafka at least once, without gap, in order per
// key, and the slot never confirmed an LSN Kafka did not hold (asserted below on what fault-kit.test-helper.ts found).
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnBroker, OwnPostgres, progress, streamThroughFault } from './fault-kit.test-helper.ts';

let broker: OwnBroker;
let postgres: OwnPostgres;

beforeAll(async () => {
  [broker, postgres] = await Promise.all([OwnBroker.start(), OwnPostgres.start()]);
  progress(`own broker at ${broker.bootstrapServers.join(',')}, own PostgreSQL on port ${postgres.info.port}`);
});
afterAll(async () => {
  await broker?.stop();
  await postgres?.stop();
});

describe('fault: PostgreSQL restart', () => {
  it('PostgreSQL killed (SIGKILL) mid-stream and started again: the engine recovers by its retriable restarts; every change in Kafka, in order, slot never ahead', async () => {
    const connect = async (): Promise<pg.Client> => {
      const c = new pg.Client({ connectionString: postgres.info.url });
      await c.connect();
      return c;
    };
    const run = await streamThroughFault({
      label: 'fk_pg',
      broker,
      pgInfo: postgres.info,
      database: 'postgres',
      connect,
      keys: 8,
      faultAfterSent: 300,
      serverLog: () => postgres.logTail(),
      fault: async ({ engine, writer }) => {
        progress(`SIGKILL to PostgreSQL at round ${writer.rounds}, engine sent=${engine.sent()}`);
        await postgres.kill();
        await sleep(1000);
        progress(`starting PostgreSQL again (same data folder and port) at round ${writer.rounds}`);
        await postgres.restart();
        progress(`PostgreSQL back; engine running=${engine.running}, internal restarts ${engine.internalRestarts()}`);
      },
    });
    // every change in Kafka at least once, no gap, order per key kept (duplicates only as contiguous replays)
    expect(run.sequenceProblems, 'per-key sequences in the topic').toEqual([]);
    expect(run.records).toBeGreaterThanOrEqual(run.changes);
    // the slot never confirmed an LSN whose change Kafka did not hold, sampled throughout and at the end
    expect(run.slotSamples).toBeGreaterThan(0);
    expect(run.slotAhead, 'slot confirmed ahead of Kafka').toEqual([]);
    expect(run.stored.lsnProc, 'an offset is stored in Kafka').toBeDefined();
    expect(run.stored.confirmed! <= run.stored.lsnProc!, `slot confirmed ${run.stored.confirmed} ≤ stored lsn_proc ${run.stored.lsnProc}`).toBe(true);
  });
});
