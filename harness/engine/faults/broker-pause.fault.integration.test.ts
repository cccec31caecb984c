// Fault test (issue #20): the broker is paused with SIGSTOP for longer than the producer's request
// timeout (kafkajs' requestTimeout, 30 s by default; the engine's writer keeps the default), then
// resumed with SIGCONT. The connections stay open and silent, so only the request timeout notices.
// Afterwards every change is in Kafka at least once, without gap, in order per key, and the slot
// never confirmed an LSN Kafka did not hold (asserted below on what fault-kit.test-helper.ts found).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, stackInfo, type TestDb } from '../source/it-helpers.test-helper.ts';
import { OwnBroker, progress, streamThroughFault } from './fault-kit.test-helper.ts';

const PRODUCER_REQUEST_TIMEOUT_MS = 30_000; // kafkajs' default requestTimeout
const PAUSE_MS = PRODUCER_REQUEST_TIMEOUT_MS + 3_000;

let broker: OwnBroker;
let db: TestDb;

beforeAll(async () => {
  [broker, db] = await Promise.all([OwnBroker.start(), createTestDb('fault_broker_pause')]);
  progress(`own broker at ${broker.bootstrapServers.join(',')}`);
});
afterAll(async () => {
  await db?.drop();
  await broker?.stop();
});

describe('fault: broker SIGSTOP', () => {
  it('broker paused with SIGSTOP longer than the request timeout, then SIGCONT: the engine rides it out (retries or a retriable restart); every change in Kafka, in order, slot never ahead', async () => {
    const run = await streamThroughFault({
      label: 'fk_pause',
      broker,
      pgInfo: stackInfo().postgres,
      database: db.name,
      connect: db.connect,
      keys: 8,
      pauseMs: 50,
      faultAfterSent: 300,
      serverLog: () => broker.logTail(),
      fault: async ({ engine, writer }) => {
        progress(`SIGSTOP to the broker (pid ${broker.pid}) for ${PAUSE_MS} ms at round ${writer.rounds}, engine sent=${engine.sent()}`);
        broker.pause();
        await sleep(PAUSE_MS);
        broker.resume();
        progress(`SIGCONT at round ${writer.rounds}; engine running=${engine.running}, sent=${engine.sent()}, internal restarts ${engine.internalRestarts()}`);
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
