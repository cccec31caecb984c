// Fault test (issue #20): the broker is killed with SIGKILL mid-stream and restarted on the same data
// folder and port. The engine recovers by itself: the producer's failure is retriable, so the engine
// restarts its session (retriable.restart.connector.wait.ms) until the broker is back. Should its task
// fail instead, the CLI exits and the test restarts it as Kafka Connect restarts a failed task.
// Afterwards every change is in Kafka at least once, without gap, in order per key, and the slot
// never confirmed an LSN Kafka did not hold (asserted below on what fault-kit.test-helper.ts found).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, stackInfo, type TestDb } from '../source/it-helpers.test-helper.ts';
import { OwnBroker, progress, streamThroughFault } from './fault-kit.test-helper.ts';

let broker: OwnBroker;
let db: TestDb;

beforeAll(async () => {
  [broker, db] = await Promise.all([OwnBroker.start(), createTestDb('fault_broker_kill')]);
  progress(`own broker at ${broker.bootstrapServers.join(',')}`);
});
afterAll(async () => {
  await db?.drop();
  await broker?.stop();
});

describe('fault: broker SIGKILL', () => {
  it('broker killed with SIGKILL mid-stream and restarted: the engine recovers by its retriable restarts; every change in Kafka, in order, slot never ahead', async () => {
    const run = await streamThroughFault({
      label: 'fk_kill',
      broker,
      pgInfo: stackInfo().postgres,
      database: db.name,
      connect: db.connect,
      keys: 8,
      faultAfterSent: 300,
      serverLog: () => broker.logTail(),
      fault: async ({ engine, writer }) => {
        progress(`SIGKILL to the broker (pid ${broker.pid}) at round ${writer.rounds}, engine sent=${engine.sent()} buffered=${engine.buffered()}`);
        await broker.kill();
        await sleep(1500);
        progress(`restarting the broker (same data folder and port) at round ${writer.rounds}; engine running=${engine.running}`);
        await broker.restart();
        progress(`broker back at round ${writer.rounds}; engine running=${engine.running}, internal restarts ${engine.internalRestarts()}`);
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
