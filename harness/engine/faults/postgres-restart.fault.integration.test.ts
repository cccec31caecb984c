// Fault test (issue #20): PostgreSQL is killed mid-stream (SIGKILL to the postmaster and its
// backends, as a crash would end it) and started again on the same data folder and port (crash
// recovery). The engine's lost replication connection is a retriable error, so it restarts its
// session from the slot; the writer reconnects too. Its own PostgreSQL and broker: the shared stack
// stays untouched. Afterwards every change is in Kafka at least once, without gap, in order per
// key, and the slot never confirmed an LSN Kafka did not hold (checks in fault-kit.test-helper.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
    await streamThroughFault({
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
  });
});
