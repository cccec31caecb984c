// Fault test (issue #20): the broker is killed with SIGKILL mid-stream and restarted on the same data
// folder and port. The engine recovers by itself: the producer's failure is retriable, so the engine
// restarts its session (retriable.restart.connector.wait.ms) until the broker is back. Should its task
// fail instead, the CLI exits and the test restarts it as Kafka Connect restarts a failed task.
// Afterwards every change is in Kafka at least once, without gap, in order per key, and the slot
// never confirmed an LSN Kafka did not hold (checks in fault-kit.test-helper.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestDb, stackInfo, uniqueId, type TestDb } from '../source/it-helpers.test-helper.ts';
import { checkSequences, checkStoredOffset, EngineCli, faultConnector, OwnBroker, progress, readEveryRecord, SeqWriter, SlotWatch, waitForAll } from './fault-kit.test-helper.ts';

const KEYS = 8;
let broker: OwnBroker;
let db: TestDb;
let engine: EngineCli | undefined;

beforeAll(async () => {
  [broker, db] = await Promise.all([OwnBroker.start(), createTestDb('fault_broker_kill')]);
  progress(`own broker at ${broker.bootstrapServers.join(',')}`);
});
afterAll(async () => {
  await engine?.kill();
  await db?.drop();
  await broker?.stop();
});

describe('fault: broker SIGKILL', () => {
  it('broker killed with SIGKILL mid-stream and restarted: the engine recovers by its retriable restarts; every change in Kafka, in order, slot never ahead', async () => {
    const id = uniqueId('fk_kill');
    await db.client.query(`CREATE TABLE ${id} (id int PRIMARY KEY, seq int NOT NULL)`);
    const connector = faultConnector(stackInfo().postgres, db.name, id);
    const topic = `${id}.public.${id}`;
    engine = new EngineCli(connector, broker.bootstrapServers);
    try {
      engine.start();
      await engine.until('the snapshot', () => engine!.output().includes('SNAPSHOT DONE'));
      const writer = new SeqWriter({ connect: db.connect, table: id, keys: KEYS, pauseMs: 20 });
      const watch = new SlotWatch({ connect: db.connect, slot: String(connector.config['slot.name']), bootstrapServers: broker.bootstrapServers, topic });
      writer.start();
      watch.start();
      await engine.until('300 records in Kafka', () => engine!.sent() >= 300);
      progress(`SIGKILL to the broker (pid ${broker.pid}) at round ${writer.rounds}, engine sent=${engine.sent()} buffered=${engine.buffered()}`);
      await broker.kill();
      await sleep(1500);
      progress(`restarting the broker (same data folder and port) at round ${writer.rounds}; engine running=${engine.running}`);
      await broker.restart();
      progress(`broker back at round ${writer.rounds}; engine running=${engine.running}`);
      await sleep(2000);
      const rounds = await writer.finish();
      progress(`writer done: ${rounds} rounds x ${KEYS} keys, ${writer.errors} writer errors`);
      await waitForAll(broker.bootstrapServers, topic, KEYS, rounds, engine);
      await watch.sample(db.client);
      await watch.stop();
      await checkStoredOffset(db.client, broker.bootstrapServers, connector);
      await engine.stop();
      const records = await readEveryRecord(broker.bootstrapServers, topic);
      const { duplicates, replays } = checkSequences(records, KEYS, rounds, watch.samples);
      progress(`broker kill: ${records.length} records for ${rounds * KEYS} changes (${duplicates} duplicates in ${replays} replays), engine starts ${engine.starts}, internal restarts ${engine.internalRestarts()}, ${watch.samples.length} slot samples`);
    } catch (err) {
      console.log(`broker log tail:\n${broker.logTail()}\nengine output tail:\n${engine.tail()}`);
      throw err;
    }
  });
});
