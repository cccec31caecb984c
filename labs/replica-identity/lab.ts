// What `before` holds under each replica identity, why NOTHING makes Postgres refuse updates on a
// published table, how unchanged TOAST values look, and what a primary-key change becomes.
import assert from 'node:assert/strict';
import { claim, defineLab, envelope, json, opOf, sql, step, type StepContext } from '../../harness/kit/index.ts';

const topic = (table: string): string => `ri.public.${table}`;
const PLACEHOLDER = '__debezium_unavailable_value';
const BODY = 'lorem ipsum '.repeat(500);

/** The one event the step read from a table's topic at position `i`. */
function eventOf(ctx: StepContext, table: string, i = 0) {
  const events = ctx.events.filter((e) => e.topic === topic(table));
  const e = events[i];
  if (e === undefined) throw new Error(`no event ${i} on ${topic(table)} in this step`);
  return e;
}

export default defineLab({
  id: 'replica-identity',
  title: 'Replica identity: what "before" holds',
  summary:
    'DEFAULT, FULL, USING INDEX and NOTHING side by side: the old row each one puts in update and delete events, the update PostgreSQL refuses, unchanged TOAST values, and a primary-key change.',
  minutes: 15,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'] },
  steps: [
    step({
      title: 'Create one table per replica identity',
      prose:
        "A table's replica identity decides which old values PostgreSQL writes to the log on UPDATE and DELETE: the primary key (`DEFAULT`), the whole row (`FULL`), the columns of one unique index (`USING INDEX`), or nothing (`NOTHING`). The `documents` tables keep a large `body` out of line, in TOAST storage.",
      show: sql('01-tables.sql'),
      claims: [
        claim('pg_class.relreplident reads d, f, i and n for DEFAULT, FULL, USING INDEX and NOTHING', (ctx) => {
          const byTable = Object.fromEntries(ctx.resultRows.map((r) => [r.table, r.replica_identity]));
          assert.deepEqual(byTable, {
            accounts_default: 'd',
            accounts_full: 'f',
            accounts_index: 'i',
            accounts_nothing: 'n',
            documents_default: 'd',
            documents_full: 'f',
          });
        }),
      ],
    }),
    step({
      title: 'Start capturing',
      prose: 'The connector publishes all tables and snapshots them: one `r` event per row, whatever the replica identity.',
      show: json('connector.json'),
      run: async (ctx) => {
        await ctx.runShown();
        for (const t of ['accounts_default', 'accounts_full', 'accounts_index', 'accounts_nothing']) await ctx.waitForEvents(topic(t), 2);
        for (const t of ['documents_default', 'documents_full']) await ctx.waitForEvents(topic(t), 1);
      },
      claims: [
        claim('the snapshot sends one op = "r" event per row of every table', (ctx) => {
          assert.equal(ctx.events.length, 10);
          for (const e of ctx.events) assert.equal(opOf(e), 'r');
        }),
        claim('snapshot events carry the large body in full', (ctx) => {
          assert.equal(envelope(eventOf(ctx, 'documents_default')).after?.body, BODY);
        }),
      ],
    }),
    step({
      title: 'UPDATE under DEFAULT',
      prose: 'With `DEFAULT`, PostgreSQL logs old values only when the primary key changes.',
      show: sql('03-update-default.sql'),
      expect: { topic: topic('accounts_default'), events: 1 },
      claims: [
        claim('an UPDATE under REPLICA IDENTITY DEFAULT has before = null', (ctx) => {
          const v = envelope(eventOf(ctx, 'accounts_default'));
          assert.equal(v.op, 'u');
          assert.equal(v.before, null);
          assert.deepEqual(v.after, { id: 1, email: 'ada@example.com', balance: 120 });
        }),
      ],
    }),
    step({
      title: 'UPDATE under FULL',
      prose: 'With `FULL`, the whole old row is logged.',
      show: sql('04-update-full.sql'),
      expect: { topic: topic('accounts_full'), events: 1 },
      claims: [
        claim('an UPDATE under REPLICA IDENTITY FULL has the whole old row in before', (ctx) => {
          const v = envelope(eventOf(ctx, 'accounts_full'));
          assert.deepEqual(v.before, { id: 1, email: 'ada@example.com', balance: 100 });
          assert.deepEqual(v.after, { id: 1, email: 'ada@example.com', balance: 120 });
        }),
      ],
    }),
    step({
      title: 'UPDATE under USING INDEX',
      prose:
        'With `USING INDEX`, PostgreSQL logs the old values of the index columns (`id`, `email`), but, as with `DEFAULT`, only when one of them changes. This update changes only the balance.',
      show: sql('05-update-index.sql'),
      expect: { topic: topic('accounts_index'), events: 1 },
      claims: [
        claim('an UPDATE under USING INDEX that leaves the index columns alone has before = null', (ctx) => {
          const v = envelope(eventOf(ctx, 'accounts_index'));
          assert.equal(v.op, 'u');
          assert.equal(v.before, null);
          assert.deepEqual(v.after, { id: 1, email: 'ada@example.com', balance: 120 });
        }),
      ],
    }),
    step({
      title: 'DELETE under DEFAULT, FULL and USING INDEX',
      prose:
        'Each delete is followed by a tombstone for its key. A delete always logs the old identity: the primary key under `DEFAULT`, the index columns under `USING INDEX`, the whole row under `FULL`.',
      show: sql('06-deletes.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        for (const t of ['accounts_default', 'accounts_full', 'accounts_index']) await ctx.waitForEvents(topic(t), 2);
      },
      claims: [
        claim('a DELETE under DEFAULT has only the primary key in before', (ctx) => {
          const v = envelope(eventOf(ctx, 'accounts_default'));
          assert.equal(v.op, 'd');
          assert.deepEqual(v.before, { id: 2, email: null, balance: null });
          assert.equal(v.after, null);
        }),
        claim('a DELETE under FULL has the whole deleted row in before', (ctx) => {
          assert.deepEqual(envelope(eventOf(ctx, 'accounts_full')).before, { id: 2, email: 'bob@example.com', balance: 50 });
        }),
        claim('a DELETE under USING INDEX has the index columns in before', (ctx) => {
          assert.deepEqual(envelope(eventOf(ctx, 'accounts_index')).before, { id: 2, email: 'bob@example.com', balance: null });
        }),
        claim('every delete is followed by a tombstone with the same key', (ctx) => {
          for (const t of ['accounts_default', 'accounts_full', 'accounts_index']) {
            const tombstone = eventOf(ctx, t, 1);
            assert.equal(opOf(tombstone), 'tombstone');
            assert.deepEqual(tombstone.key, { id: 2 });
          }
        }),
      ],
    }),
    step({
      title: 'UPDATE under NOTHING',
      prose:
        'With `NOTHING`, PostgreSQL has no way to identify the old row to a subscriber, so it refuses updates and deletes on a table that a publication publishes them for.',
      show: sql('07-update-nothing.sql'),
      expectError: true,
      claims: [
        claim('PostgreSQL refuses the UPDATE: the table has no replica identity and publishes updates', (ctx) => {
          assert.match(ctx.error?.message ?? '', /cannot update table "accounts_nothing" because it does not have a replica identity and publishes updates/);
        }),
        claim('the refused UPDATE produces no event', (ctx) => {
          assert.equal(ctx.topicEvents(topic('accounts_nothing')).length, 2);
        }),
      ],
    }),
    step({
      title: 'An unchanged TOAST column',
      prose:
        'Only the title changes. PostgreSQL does not log an unchanged out-of-line value, so under `DEFAULT` the connector cannot know it and sends a placeholder. Under `FULL` the old row carries the value, and the connector uses it.',
      show: sql('08-toast.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(topic('documents_default'), 1);
        await ctx.waitForEvents(topic('documents_full'), 1);
      },
      claims: [
        claim(`under DEFAULT the unchanged TOAST column arrives as the placeholder "${PLACEHOLDER}"`, (ctx) => {
          const v = envelope(eventOf(ctx, 'documents_default'));
          assert.equal(v.after?.title, 'final');
          assert.equal(v.after?.body, PLACEHOLDER);
        }),
        claim('under FULL the unchanged TOAST column arrives with its value', (ctx) => {
          const v = envelope(eventOf(ctx, 'documents_full'));
          assert.equal(v.after?.title, 'final');
          assert.equal(v.after?.body, BODY);
        }),
      ],
    }),
    step({
      title: 'Change a primary key',
      prose:
        'A new key is a new Kafka key: the connector emits a delete and a tombstone for the old key, then a create for the new one. Headers link the two: each side names the other key.',
      show: sql('09-primary-key-change.sql'),
      expect: { topic: topic('accounts_default'), events: 3 },
      claims: [
        claim('a primary-key change becomes a delete, a tombstone for the old key, and a create for the new key', (ctx) => {
          assert.deepEqual(ctx.events.map(opOf), ['d', 'tombstone', 'c']);
          assert.deepEqual(ctx.events.map((e) => e.key), [{ id: 1 }, { id: 1 }, { id: 10 }]);
          assert.deepEqual(envelope(ctx.events[2]).after, { id: 10, email: 'ada@example.com', balance: 120 });
        }),
        claim('the delete and its tombstone name the new key in a __debezium.newkey header, the create names the old key in __debezium.oldkey', (ctx) => {
          const [del, tombstone, create] = ctx.events;
          assert.deepEqual(JSON.parse(del.headers['__debezium.newkey'] ?? 'null'), { id: 10 });
          assert.deepEqual(JSON.parse(tombstone.headers['__debezium.newkey'] ?? 'null'), { id: 10 });
          assert.deepEqual(JSON.parse(create.headers['__debezium.oldkey'] ?? 'null'), { id: 1 });
        }),
      ],
    }),
  ],
});
