// The seed's PostgreSQL → Kafka → PostgreSQL pipeline: the employees table captured by the
// Debezium source with tuned topics, applied to a second database by the Debezium JDBC sink
// (upsert on the record key, deletes, schema evolution basic).
import assert from 'node:assert/strict';
import { claim, curl, defineLab, envelope, opOf, shell, sql, step, waitForTarget, type StepContext } from '../../harness/kit/index.ts';

const TOPIC = 'pgsource.public.employees';
const TARGET_ROWS = 'SELECT emp_id, name, email, department, salary, hire_date, created_at FROM employees ORDER BY emp_id';

/** The source's rows, as text, to compare with the target's. */
async function sourceRows(ctx: StepContext): Promise<Array<Record<string, unknown>>> {
  const { rows } = await ctx.pg.query(TARGET_ROWS.replace('salary', 'salary::text AS salary').replace('hire_date', 'hire_date::text AS hire_date').replace('created_at', 'created_at::text AS created_at'));
  return rows;
}

async function targetRows(ctx: StepContext): Promise<Array<Record<string, unknown>>> {
  return ctx.targetQuery(TARGET_ROWS.replace('hire_date', 'hire_date::text AS hire_date').replace('created_at', 'created_at::text AS created_at'));
}

export default defineLab({
  id: 'postgres-to-postgres',
  title: 'PostgreSQL to PostgreSQL through Kafka',
  summary:
    'Replicate a table from one PostgreSQL database to another with a Debezium source and the Debezium JDBC sink: tuned topics, inserts, updates and deletes mirrored, the target table created and evolved by the sink.',
  minutes: 15,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'] },
  steps: [
    step({
      title: 'Create the employees table',
      prose: 'The source database gets the `employees` table of the example, with one row already in it.',
      show: sql('01-employees.sql'),
      claims: [
        claim('the source starts with one employee', async (ctx) => {
          assert.equal((await ctx.query('SELECT count(*)::int AS n FROM employees'))[0].n, 1);
        }),
      ],
    }),
    step({
      title: 'Register the source connector',
      prose:
        'The source connector captures `public.employees` into `pgsource.public.employees`. Decimals are sent as strings (`decimal.handling.mode=string`), times use Kafka Connect\'s logical types (`time.precision.mode=connect`), and a delete produces no tombstone (`tombstones.on.delete=false`). The `topic.creation.default.*` keys tell Kafka Connect how to create the topic.',
      show: curl('POST', '/connectors', 'employees-source.json'),
      expect: { topic: TOPIC, events: 1 },
      claims: [
        claim('the existing row arrives as a snapshot event with the salary as the string "75000.00"', (ctx) => {
          const v = envelope(ctx.events[0]);
          assert.equal(v.op, 'r');
          assert.equal(v.after?.salary, '75000.00');
        }),
        claim('with time.precision.mode=connect, hire_date is days since the epoch and created_at milliseconds (Connect Date and Timestamp), not microseconds', (ctx) => {
          assert.equal(envelope(ctx.events[0]).after?.hire_date, 19737); // 2024-01-15
          assert.equal(envelope(ctx.events[0]).after?.created_at, Date.UTC(2024, 0, 15, 9));
        }),
      ],
    }),
    step({
      title: 'Describe the topic',
      prose:
        'The topic was created before the first record, with the partitions and the configs the connector asked for: compaction and deletion together, a 7-day retention, LZ4 compression.',
      show: shell(`kafka-configs.sh --bootstrap-server localhost:9092 --describe --entity-type topics --entity-name ${TOPIC}`),
      run: async (ctx) => {
        const meta = await ctx.kafka.fetchTopicMetadata({ topics: [TOPIC] });
        const names = ['cleanup.policy', 'min.cleanable.dirty.ratio', 'retention.ms', 'compression.type'];
        const described = await ctx.kafka.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: TOPIC, configNames: names }] });
        const entries = described.resources[0].configEntries;
        ctx.record('partitions', meta.topics[0].partitions.length);
        ctx.record('configs', Object.fromEntries(names.map((n) => {
          const e = entries.find((x) => x.configName === n);
          return [n, { value: e?.configValue, source: e?.isDefault ? 'default' : 'topic' }];
        })));
      },
      claims: [
        claim('the topic has 3 partitions', (ctx) => {
          assert.equal(ctx.output.partitions, 3);
        }),
        claim('cleanup.policy=compact,delete, min.cleanable.dirty.ratio=0.1, retention.ms=604800000 and compression.type=lz4 are set on the topic itself', (ctx) => {
          assert.deepEqual(ctx.output.configs, {
            'cleanup.policy': { value: 'compact,delete', source: 'topic' },
            'min.cleanable.dirty.ratio': { value: '0.1', source: 'topic' },
            'retention.ms': { value: '604800000', source: 'topic' },
            'compression.type': { value: 'lz4', source: 'topic' },
          });
        }),
      ],
    }),
    step({
      title: 'Register the sink connector',
      prose:
        'The JDBC sink reads the topic and writes to the target database (the runner points `connection.url` at a database of its own). `insert.mode=upsert` with `primary.key.mode=record_key` turns every event into an `INSERT … ON CONFLICT` on the key; `schema.evolution=basic` creates the table it does not find.',
      show: curl('POST', '/connectors', 'employees-sink.json'),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTarget(ctx, 'SELECT 1 FROM employees', (rows) => rows.length === 1, 'the first row in the target table');
        await targetRows(ctx);
      },
      claims: [
        claim('the sink created the employees table in the target database, keyed on emp_id', async (ctx) => {
          const pk = await ctx.targetQuery(
            `SELECT a.attname AS column FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
             WHERE i.indrelid = 'employees'::regclass AND i.indisprimary`,
          );
          assert.deepEqual(pk, [{ column: 'emp_id' }]);
        }),
        claim('the snapshot row is in the target, the decimal salary stored as the text it was sent as', async (ctx) => {
          const cols = await ctx.targetQuery(
            `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'employees' AND column_name IN ('salary', 'hire_date', 'created_at') ORDER BY column_name`,
          );
          assert.deepEqual(cols, [
            { column_name: 'created_at', data_type: 'timestamp without time zone' },
            { column_name: 'hire_date', data_type: 'date' },
            { column_name: 'salary', data_type: 'text' },
          ]);
          assert.deepEqual(await targetRows(ctx), await sourceRows(ctx));
        }),
      ],
    }),
    step({
      title: 'Insert a row at the source',
      prose: 'A new employee. The sink upserts it into the target on its key.',
      show: sql('04-insert.sql'),
      expect: { topic: TOPIC, events: 1 },
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTarget(ctx, TARGET_ROWS, (rows) => rows.length === 2, 'the new row in the target');
      },
      claims: [
        claim('the insert arrives as op "c" and the target has the new row', async (ctx) => {
          assert.equal(opOf(ctx.events[0]), 'c');
          assert.deepEqual(await targetRows(ctx), await sourceRows(ctx));
        }),
      ],
    }),
    step({
      title: 'Update a row at the source',
      prose: 'Ada moves to another department with a new salary. The upsert overwrites the row in the target.',
      show: sql('05-update.sql'),
      expect: { topic: TOPIC, events: 1 },
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTarget(ctx, "SELECT 1 FROM employees WHERE department = 'Platform'", (rows) => rows.length === 1, 'the update in the target');
      },
      claims: [
        claim('the update arrives as op "u" and the target row has the new values', async (ctx) => {
          assert.equal(opOf(ctx.events[0]), 'u');
          assert.deepEqual(await targetRows(ctx), await sourceRows(ctx));
        }),
      ],
    }),
    step({
      title: 'Insert and delete a row at the source',
      prose:
        'A row inserted and deleted right away. With `tombstones.on.delete=false` the delete is one event with no tombstone after it; `delete.enabled=true` makes the sink delete the row by its key.',
      show: sql('06-insert-delete.sql'),
      expect: { topic: TOPIC, events: 2 },
      run: async (ctx) => {
        await ctx.runShown();
        // the delete is the last change: wait until the target has run a DELETE (its statistics count it)
        await waitForTarget(
          ctx,
          "SELECT n_tup_del FROM pg_stat_user_tables WHERE relname = 'employees'",
          (rows) => Number(rows[0]?.n_tup_del ?? 0) >= 1,
          'the delete in the target',
        );
      },
      claims: [
        claim('the topic gets "c" then "d" for the row, and no tombstone after the delete', async (ctx) => {
          assert.deepEqual(ctx.events.map(opOf), ['c', 'd']);
          // nothing follows the delete on the topic (a tombstone would be a third record)
          const offsets = await ctx.kafka.fetchTopicOffsets(TOPIC);
          assert.equal(offsets.reduce((n, p) => n + Number(p.high), 0), 5);
        }),
        claim('the target holds exactly the source rows: the deleted row is gone', async (ctx) => {
          assert.deepEqual(await targetRows(ctx), await sourceRows(ctx));
        }),
      ],
    }),
    step({
      title: 'Add a column at the source',
      prose:
        'The source table gets a `title` column. The next event carries it in its schema; with `schema.evolution=basic` the sink adds the missing column to the target table before writing the row.',
      show: sql('07-add-column.sql'),
      expect: { topic: TOPIC, events: 1 },
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTarget(ctx, 'SELECT title FROM employees WHERE title IS NOT NULL', (rows) => rows.length === 1, 'the new column in the target');
      },
      claims: [
        claim('the target table gained the title column and the new row has it', async (ctx) => {
          const rows = await ctx.targetQuery("SELECT name, title FROM employees WHERE name = 'Katherine Johnson'");
          assert.deepEqual(rows, [{ name: 'Katherine Johnson', title: 'Mathematician' }]);
        }),
        claim('the rows written before keep a NULL title', async (ctx) => {
          const rows = await ctx.targetQuery('SELECT count(*)::int AS n FROM employees WHERE title IS NULL');
          assert.equal(rows[0].n, 2);
        }),
      ],
    }),
    step({
      title: 'Check the sink connector',
      prose: 'The sink is a connector like the source: the same status call shows it running, with type `sink`.',
      show: curl('GET', '/connectors/employees-sink/status'),
      claims: [
        claim('the sink connector and its task are RUNNING, type "sink"', (ctx) => {
          const s = ctx.output.response as { connector: { state: string }; tasks: Array<{ state: string }>; type: string };
          assert.equal(s.type, 'sink');
          assert.equal(s.connector.state, 'RUNNING');
          assert.deepEqual(s.tasks.map((t) => t.state), ['RUNNING']);
        }),
        claim('nothing went to the dead letter queue dlq_sink', async (ctx) => {
          const topics = await ctx.kafka.listTopics();
          if (!topics.includes('dlq_sink')) return;
          const offsets = await ctx.kafka.fetchTopicOffsets('dlq_sink');
          assert.equal(offsets.reduce((n, p) => n + Number(p.high), 0), 0);
        }),
      ],
    }),
  ],
});
