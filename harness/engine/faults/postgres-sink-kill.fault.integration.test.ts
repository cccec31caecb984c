// Fault test (issue #20), sink side: the Postgres sink (Debezium JDBC sink keys) as a child process is
// killed with SIGKILL at the seam between committing a target transaction and committing its Kafka
// offsets (and once before a target COMMIT, where a sink that committed offsets first would lose the
// batch), restarted each time, while a numbered sequence per key is produced to a 3-partition topic.
// The sink claims at least once with upserts on the primary key, so afterwards: every key's row holds
// the last seq (last value wins); a trigger's log of every row the sink wrote shows each key's seqs
// 1..N in order, repeats only as contiguous replays after a restart; and the committed offsets were
// never ahead of the table (every record below a committed offset has its seq, or a later one, in
// the table; checked every 300 ms and at each fault point).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, stackInfo, uniqueId, type TestDb } from '../source/it-helpers.test-helper.ts';
import { keySequenceProblems, progress } from './fault-kit.test-helper.ts';
import { SeqProducer, sinkThroughFaults } from './sink-fault-kit.test-helper.ts';

const PARTITIONS = 3;
const KEYS = 12;
const ROUNDS = 300;

let target: TestDb;
beforeAll(async () => {
  target = await createTestDb('fault_pg_sink');
});
afterAll(async () => {
  await target?.drop();
});

describe('fault: Postgres sink SIGKILL', () => {
  it('Postgres sink killed between a target commit and its offset commit (twice) and before a target commit, restarted: last value per key, order per key kept, commits never ahead', async () => {
    const name = uniqueId('fpg');
    const topic = `${name}.public.seq`;
    const table = `t_${name}`;
    const info = stackInfo();
    // the table the sink upserts into, and a log of every row written to it, in write order
    await target.client.query(`CREATE TABLE ${table} (id int PRIMARY KEY, seq int NOT NULL)`);
    await target.client.query(`CREATE TABLE ${table}_log (n bigserial PRIMARY KEY, id int NOT NULL, seq int NOT NULL)`);
    await target.client.query(`CREATE FUNCTION ${table}_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO ${table}_log (id, seq) VALUES (NEW.id, NEW.seq); RETURN NEW; END $$`);
    await target.client.query(`CREATE TRIGGER ${table}_log AFTER INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_log()`);
    const producer = new SeqProducer({ bootstrapServers: info.kafka.bootstrapServers, topic, partitions: PARTITIONS, keys: KEYS, rounds: ROUNDS, pauseMs: 15 });
    const config = {
      name, 'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector', topics: topic,
      'connection.url': `jdbc:postgresql://${info.postgres.host}:${info.postgres.port}/${target.name}`,
      'connection.username': info.postgres.user, 'connection.password': info.postgres.password,
      'insert.mode': 'upsert', 'primary.key.mode': 'record_key', 'collection.name.format': table, 'batch.size': '40',
    };
    const check = await target.connect();
    try {
      const run = await sinkThroughFaults({
        kind: 'postgres',
        config,
        bootstrapServers: info.kafka.bootstrapServers,
        producer,
        faults: ['after:6', 'before:5', 'after:12'],
        check: async (committed) => {
          const { rows } = await check.query<{ id: number; seq: number }>(`SELECT id, seq FROM ${table}`);
          const seq = new Map(rows.map((r) => [r.id, r.seq]));
          for (const [p, c] of committed) {
            for (let o = 0; o < c; o++) {
              const r = producer.byPartition[p][o];
              if ((seq.get(r.id) ?? 0) < r.seq) {
                expect.fail(`partition ${p}: offset ${c} committed, but the record at offset ${o} (id ${r.id} seq ${r.seq}) is not in the table (it holds seq ${seq.get(r.id) ?? 'none'})`);
              }
            }
          }
        },
      });
      const { rows } = await check.query<{ id: number; seq: number }>(`SELECT id, seq FROM ${table} ORDER BY id`);
      expect(rows, 'every key holds its last seq').toEqual(Array.from({ length: KEYS }, (_, i) => ({ id: i + 1, seq: ROUNDS })));
      const log = await check.query<{ id: number; seq: number }>(`SELECT id, seq FROM ${table}_log ORDER BY n`);
      const { problems, duplicates, replays } = keySequenceProblems(log.rows, KEYS, ROUNDS);
      expect(problems, 'per-key sequences').toEqual([]);
      // the batches committed at an "after" fault were applied again by the restarted sink
      expect(replays, 'replays after the kills between target commit and offset commit').toBeGreaterThan(0);
      progress(
        `postgres sink: ${log.rows.length} row writes for ${KEYS * ROUNDS} records (${duplicates} repeated in ${replays} replays) in ${run.writes.length} target transactions after ${run.starts} starts ` +
          `(${run.faultLines.join('; ')}), ${run.samples} commit samples`,
      );
    } finally {
      await check.end();
    }
  }, 240_000);
});
