// The seeds' first walk-through: capture inventory.products, watch snapshot, insert, update and
// delete events, then turn on REPLICA IDENTITY FULL and see `before` filled in.
import assert from 'node:assert/strict';
import { claim, curl, defineLab, envelope, opOf, shell, sql, step } from '../../harness/kit/index.ts';

const TOPIC = 'quickstart.inventory.products';

export default defineLab({
  id: 'quickstart',
  title: 'Quickstart: your first change events',
  summary:
    'Capture a PostgreSQL table into Kafka: a snapshot of the existing rows, then an insert, an update and a delete as they happen, and what REPLICA IDENTITY FULL changes.',
  minutes: 10,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'] },
  steps: [
    step({
      title: 'Create the products table',
      prose:
        'A small `inventory.products` table with four rows. The rows exist before capture starts, so they will reach Kafka through the snapshot.',
      show: sql('01-create-table.sql'),
      claims: [
        claim('the table starts with four products', async (ctx) => {
          const rows = await ctx.query('SELECT name, weight FROM inventory.products ORDER BY name');
          assert.equal(rows.length, 4);
        }),
      ],
    }),
    step({
      title: 'Register the connector',
      prose:
        'Post the connector configuration to the Kafka Connect REST API. `plugin.name` must be `pgoutput` (the built-in decoder); topics are named `<topic.prefix>.<schema>.<table>`. The runner points the `database.*` settings at the lab\'s own database. The connector first snapshots the table: one event per existing row.',
      show: curl('POST', '/connectors/', 'register.json'),
      expect: { topic: TOPIC, events: 4 },
      claims: [
        claim('the snapshot sends one event per existing row, each with op = "r"', (ctx) => {
          assert.deepEqual(ctx.events.map(opOf), ['r', 'r', 'r', 'r']);
        }),
        claim('snapshot events have before = null and the row in after', (ctx) => {
          for (const e of ctx.events) {
            assert.equal(envelope(e).before, null);
            assert.equal(typeof envelope(e).after?.name, 'string');
          }
        }),
        claim('source.snapshot is a string, and the last snapshot event says "last"', (ctx) => {
          const marks = ctx.events.map((e) => envelope(e).source.snapshot);
          for (const m of marks) assert.equal(typeof m, 'string');
          assert.equal(marks.at(-1), 'last');
        }),
        claim('each event is keyed by the primary key', (ctx) => {
          for (const e of ctx.events) assert.deepEqual(e.key, { id: envelope(e).after?.id });
        }),
      ],
    }),
    step({
      title: 'Insert a row',
      prose: 'From now on the connector streams changes as they commit.',
      show: sql('03-insert.sql'),
      expect: { topic: TOPIC, events: 1 },
      claims: [
        claim('an INSERT arrives as op = "c" with the new row in after and before = null', (ctx) => {
          const v = envelope(ctx.events[0]);
          assert.equal(v.op, 'c');
          assert.equal(v.before, null);
          assert.equal(v.after?.name, 'rocks');
          assert.equal(v.after?.weight, 5.3);
        }),
        claim('streamed events have source.snapshot = "false"', (ctx) => {
          assert.equal(envelope(ctx.events[0]).source.snapshot, 'false');
        }),
      ],
    }),
    step({
      title: 'Update a row',
      prose: 'The hammer gets lighter. Look at `before`.',
      show: sql('04-update.sql'),
      expect: { topic: TOPIC, events: 1 },
      claims: [
        claim('an UPDATE arrives as op = "u" with the new values in after', (ctx) => {
          const v = envelope(ctx.events[0]);
          assert.equal(v.op, 'u');
          assert.equal(v.after?.name, 'hammer');
          assert.equal(v.after?.weight, 0.5);
        }),
        claim('under REPLICA IDENTITY DEFAULT an UPDATE has before = null', (ctx) => {
          assert.equal(envelope(ctx.events[0]).before, null);
        }),
      ],
    }),
    step({
      title: 'Delete a row',
      prose: 'A delete produces two records: the delete event, then a tombstone that lets Kafka log compaction forget the key.',
      show: sql('05-delete.sql'),
      expect: { topic: TOPIC, events: 2 },
      claims: [
        claim('a DELETE arrives as op = "d" with after = null', (ctx) => {
          const v = envelope(ctx.events[0]);
          assert.equal(v.op, 'd');
          assert.equal(v.after, null);
        }),
        claim("under REPLICA IDENTITY DEFAULT the delete's before holds the primary key", (ctx) => {
          const v = envelope(ctx.events[0]);
          assert.deepEqual(ctx.events[0].key, { id: v.before?.id });
          assert.equal(typeof v.before?.id, 'string');
        }),
        claim('a tombstone with the same key and a null value follows the delete', (ctx) => {
          assert.equal(opOf(ctx.events[1]), 'tombstone');
          assert.deepEqual(ctx.events[1].key, ctx.events[0].key);
        }),
      ],
    }),
    step({
      title: 'Turn on REPLICA IDENTITY FULL',
      prose:
        'With `REPLICA IDENTITY FULL` PostgreSQL writes the whole old row to the log, so update and delete events carry it in `before`.',
      show: sql('06-replica-identity-full.sql'),
      expect: { topic: TOPIC, events: 1 },
      claims: [
        claim('after REPLICA IDENTITY FULL an UPDATE has the previous row in before', (ctx) => {
          const v = envelope(ctx.events[0]);
          assert.equal(v.op, 'u');
          assert.equal(v.before?.name, 'hammer');
          assert.equal(v.before?.weight, 0.5);
          assert.equal(v.after?.weight, 0.25);
        }),
      ],
    }),
    step({
      title: 'List the topics',
      prose: 'One topic per captured table, named `<topic.prefix>.<schema>.<table>`.',
      show: shell('kafka-topics.sh --bootstrap-server localhost:9092 --list'),
      run: async (ctx) => {
        const topics = (await ctx.kafka.listTopics()).filter((t) => t.startsWith('quickstart.')).sort();
        ctx.record('topics', topics);
      },
      claims: [
        claim('the connector created the topic quickstart.inventory.products', (ctx) => {
          assert.deepEqual(ctx.output.topics, [TOPIC]);
        }),
      ],
    }),
    step({
      title: 'Check the connector status',
      prose: 'The status endpoint reports the connector and each of its tasks.',
      show: curl('GET', '/connectors/quickstart-connector/status'),
      claims: [
        claim('the connector and its task are RUNNING', (ctx) => {
          const status = ctx.output.response as { connector: { state: string }; tasks: Array<{ state: string }> };
          assert.equal(status.connector.state, 'RUNNING');
          assert.ok(status.tasks.length > 0);
          for (const t of status.tasks) assert.equal(t.state, 'RUNNING');
        }),
      ],
    }),
  ],
});
