// Fault test (issue #20): the engine's CLI process is killed with SIGKILL mid-batch, while records
// are handed to the Kafka writer and not yet acknowledged, and the test starts it again as Kafka
// Connect would restart the task: from the offset stored in Kafka. Larger transactions (50 rows)
// than the other fault tests keep batches in flight. Afterwards every change is in Kafka at least
// once, without gap, in order per key, and the slot never confirmed an LSN Kafka did not hold
// (checks in fault-kit.test-helper.ts; a slot sample is taken right after the kill).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, stackInfo, type TestDb } from '../source/it-helpers.test-helper.ts';
import { OwnBroker, progress, streamThroughFault } from './fault-kit.test-helper.ts';

let broker: OwnBroker;
let db: TestDb;

beforeAll(async () => {
  [broker, db] = await Promise.all([OwnBroker.start(), createTestDb('fault_engine_kill')]);
  progress(`own broker at ${broker.bootstrapServers.join(',')}`);
});
afterAll(async () => {
  await db?.drop();
  await broker?.stop();
});

describe('fault: engine SIGKILL', () => {
  it('engine CLI killed with SIGKILL mid-batch with records in flight, restarted from its stored offset: every change in Kafka, in order, slot never ahead', async () => {
    const run = await streamThroughFault({
      label: 'fk_engine',
      broker,
      pgInfo: stackInfo().postgres,
      database: db.name,
      connect: db.connect,
      keys: 200,
      rowsPerTx: 50,
      pauseMs: 0,
      faultAfterSent: 3000,
      serverLog: () => broker.logTail(),
      fault: async ({ engine, writer, watch }) => {
        await engine.until('records buffered in the writer (a batch in flight)', () => engine.buffered() > 0);
        progress(`SIGKILL to the engine (pid ${engine.pid}) at round ${writer.rounds}, sent=${engine.sent()} buffered=${engine.buffered()}`);
        await engine.kill();
        // the slot as the kill left it, before the restarted engine confirms anything
        const client = await db.connect();
        try {
          await watch.sample(client);
        } finally {
          await client.end();
        }
        progress(`restarting the engine from its stored offset at round ${writer.rounds}`);
        engine.start();
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
    expect(run.engineStarts, 'the engine was started again after the SIGKILL').toBeGreaterThanOrEqual(2);
  });
});
