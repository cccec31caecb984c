// Fault test (issue #20): the engine's CLI process is killed with SIGKILL mid-batch, while records
// are handed to the Kafka writer and not yet acknowledged, and the test starts it again as Kafka
// Connect would restart the task: from the offset stored in Kafka. Larger transactions (50 rows)
// than the other fault tests keep batches in flight. Afterwards every change is in Kafka at least
// once, without gap, in order per key, and the slot never confirmed an LSN Kafka did not hold
// (checks in fault-kit.test-helper.ts; a slot sample is taken right after the kill).
import { afterAll, beforeAll, describe, it } from 'vitest';
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
    await streamThroughFault({
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
  });
});
