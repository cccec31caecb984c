// An audit trigger and logical decoding capturing the same table: what each costs the writer,
// and what each loses or gets wrong (transaction order, TRUNCATE, triggers switched off, COPY).
import assert from 'node:assert/strict';
import pg from 'pg';
import { claim, defineLab, envelope, json, opOf, sql, step, type StepContext } from '../../harness/kit/index.ts';
import { labUrl } from '../../harness/kit/lab-resources.ts';
import { sessionScript } from './sessions.ts';

const TOPIC = 'tvl.shop.orders';
const BENCH_MS = 2000;
/** WAL bytes per audited insert at least this many times those of a plain insert */
const WAL_FACTOR = 1.3;

interface BenchRun {
  inserts: number;
  walBytes: number;
  ms: number;
}

async function walLsn(client: pg.Client): Promise<string> {
  return ((await client.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0] as { lsn: string }).lsn;
}

/** One-row transactions for BENCH_MS on one connection, as `pgbench -f` would run them. */
async function bench(ctx: StepContext, insert: string): Promise<BenchRun> {
  const start = await walLsn(ctx.pg);
  const t0 = Date.now();
  let inserts = 0;
  while (Date.now() - t0 < BENCH_MS) {
    await ctx.pg.query(insert);
    inserts++;
  }
  const ms = Date.now() - t0;
  const { rows } = await ctx.pg.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::bigint::text AS bytes', [start]);
  return { inserts, walBytes: Number((rows[0] as { bytes: string }).bytes), ms };
}

const measured = (ctx: StepContext) => ctx.output.measured as { without: BenchRun; with: BenchRun };

async function changesFor(ctx: StepContext, orderId: number): Promise<number> {
  const { rows } = await ctx.pg.query('SELECT count(*)::int AS n FROM shop.order_changes WHERE order_id = $1', [orderId]);
  return (rows[0] as { n: number }).n;
}

async function changeCount(ctx: StepContext): Promise<number> {
  return ((await ctx.pg.query('SELECT count(*)::int AS n FROM shop.order_changes')).rows[0] as { n: number }).n;
}

export default defineLab({
  id: 'triggers-vs-log',
  title: 'Audit triggers or the log: two ways to capture changes',
  summary:
    'The same table captured by an audit trigger into a changes table and by logical decoding: the cost to the writer, transaction order, TRUNCATE, triggers switched off and COPY.',
  minutes: 15,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'] },
  steps: [
    step({
      title: 'Create the orders table and its audit trigger',
      prose:
        'The trigger way: an `AFTER … FOR EACH ROW` trigger copies every inserted, updated or deleted row into `shop.order_changes`, with the old and new row as JSON and the transaction id. It writes inside the transaction that made the change, so the copy commits or rolls back with it.',
      show: sql('01-tables.sql'),
      claims: [
        claim('the two inserted orders left two INSERT rows in the changes table', (ctx) => {
          assert.deepEqual(ctx.resultRows.map((r) => [r.op, r.order_id]), [['INSERT', 1], ['INSERT', 2]]);
        }),
      ],
    }),
    step({
      title: 'Measure what the trigger costs the writer',
      prose:
        'A second table with the same kind of trigger takes one-row transactions for two seconds with the trigger disabled, then two seconds with it enabled. Without the trigger, the writer pays only for `wal_level = logical`, which logical decoding needs; reading the log happens later, in another process. The insert rates below are measured on this machine and vary from run to run; the WAL each insert writes varies much less.',
      show: sql('02-bench.sql'),
      handsOn: 'runner',
      run: async (ctx) => {
        const text = ctx.shown ?? '';
        const at = text.lastIndexOf('INSERT INTO shop.bench ');
        await ctx.pg.query(text.slice(0, at));
        const insert = text.slice(at).trim().replace(/;$/, '');
        await ctx.pg.query('ALTER TABLE shop.bench DISABLE TRIGGER bench_audit');
        const without = await bench(ctx, insert);
        await ctx.pg.query('ALTER TABLE shop.bench ENABLE TRIGGER bench_audit');
        const withTrigger = await bench(ctx, insert);
        const rate = (b: BenchRun) => Math.round((b.inserts * 1000) / b.ms);
        ctx.record('measured', {
          without,
          with: withTrigger,
          'inserts per second without → with the trigger': `${rate(without)} → ${rate(withTrigger)}`,
          'WAL bytes per insert without → with the trigger': `${Math.round(without.walBytes / without.inserts)} → ${Math.round(withTrigger.walBytes / withTrigger.inserts)}`,
        });
      },
      claims: [
        claim('with the trigger enabled, each insert wrote exactly one changes row, in its own transaction', async (ctx) => {
          const { rows } = await ctx.pg.query('SELECT count(*)::int AS n, count(DISTINCT txid)::int AS txids FROM shop.bench_changes');
          const { n, txids } = rows[0] as { n: number; txids: number };
          assert.equal(n, measured(ctx).with.inserts);
          assert.equal(txids, n);
        }),
        claim(`with the trigger each insert writes more WAL, since the changes row is logged too: at least ${WAL_FACTOR} times as many bytes`, (ctx) => {
          const m = measured(ctx);
          const perInsert = (b: BenchRun) => b.walBytes / b.inserts;
          assert.ok(perInsert(m.with) >= WAL_FACTOR * perInsert(m.without), `${perInsert(m.with).toFixed(0)} vs ${perInsert(m.without).toFixed(0)} bytes per insert`);
        }),
      ],
    }),
    step({
      title: 'Start capturing from the log',
      prose:
        'The log way: the connector reads `shop.orders` through a replication slot. It begins with a snapshot, so it starts from the current rows; the changes table starts from whatever history the trigger has recorded. `skipped.operations` is `none` so that TRUNCATE events are sent too (the default skips them).',
      show: json('connector.json'),
      expect: { topic: TOPIC, events: 2 },
      claims: [
        claim('the snapshot reads the two orders as op "r"', (ctx) => {
          assert.deepEqual(ctx.events.map(opOf), ['r', 'r']);
          assert.deepEqual(ctx.events.map((e) => e.key), [{ id: 1 }, { id: 2 }]);
        }),
      ],
    }),
    step({
      title: 'One transaction, three changes',
      prose:
        'An insert, an update and a delete in one transaction. Both ways see all three, in order, and name the same transaction. They differ on the update: the trigger has `OLD` at hand and stores the whole old row, while the log carries only what the replica identity asks for (the key, under `DEFAULT`, and only when it changes).',
      show: sql('04-transaction.sql'),
      expect: { topic: TOPIC, events: 4 },
      claims: [
        claim('both see the insert, the update and the delete, in that order', (ctx) => {
          assert.deepEqual(ctx.resultRows.map((r) => r.op), ['INSERT', 'UPDATE', 'DELETE']);
          assert.deepEqual(ctx.events.map(opOf), ['c', 'u', 'd', 'tombstone']);
        }),
        claim("the three changes rows carry one transaction id, the same as the log events' source.txId", async (ctx) => {
          const { rows } = await ctx.pg.query('SELECT DISTINCT txid::text AS txid FROM shop.order_changes WHERE change_id > 2');
          assert.equal(rows.length, 1);
          const txIds = new Set(ctx.events.filter((e) => e.value !== null).map((e) => String(envelope(e).source.txId)));
          assert.deepEqual([...txIds], [(rows[0] as { txid: string }).txid]);
        }),
        claim('the trigger kept the old row of the update; the log event has before = null under REPLICA IDENTITY DEFAULT', (ctx) => {
          assert.deepEqual(ctx.resultRows[1].old_row, { id: 1, customer: 'ada', amount_cents: 1200 });
          assert.equal(envelope(ctx.events[1]).before, null);
        }),
      ],
    }),
    step({
      title: 'Two transactions that commit out of order',
      prose:
        'Session A starts first and commits last. The changes table numbers rows when the statement runs, so A\'s row gets the lower `change_id` but becomes visible after B\'s. A consumer that polls for rows above the highest `change_id` it has seen moves past A\'s row before A commits, and never reads it. The log has no such hole: PostgreSQL decodes a transaction when it commits, so the events arrive in commit order.',
      show: sql('05-interleaved.sql'),
      handsOn: 'runner',
      run: async (ctx) => {
        const a = new pg.Client({ connectionString: labUrl(ctx.stack, ctx.database) });
        await a.connect();
        try {
          let poll = 0;
          for (const turn of sessionScript(ctx.shown ?? '')) {
            if (turn.speaker === 'consumer') ctx.record(`poll ${++poll}`, (await ctx.pg.query(turn.statement)).rows);
            else await (turn.speaker === 'A' ? a : ctx.pg).query(turn.statement);
          }
        } finally {
          await a.end();
        }
        await ctx.waitForEvents(TOPIC, 2);
      },
      claims: [
        claim("the changes table numbers A's row before B's: change_id follows when the statement ran, not when it committed", async (ctx) => {
          const { rows } = await ctx.pg.query('SELECT change_id::int, order_id FROM shop.order_changes WHERE order_id IN (10, 11) ORDER BY change_id');
          assert.deepEqual(rows, [{ change_id: 6, order_id: 10 }, { change_id: 7, order_id: 11 }]);
        }),
        claim("a consumer polling past the highest change_id it has seen never reads A's row", (ctx) => {
          assert.deepEqual(ctx.output['poll 1'], [{ change_id: '7', order_id: 11 }]);
          assert.deepEqual(ctx.output['poll 2'], []);
        }),
        claim("the log delivers B's insert first and A's second, in commit order, each once", (ctx) => {
          assert.deepEqual(ctx.events.map((e) => [opOf(e), e.key]), [['c', { id: 11 }], ['c', { id: 10 }]]);
        }),
      ],
    }),
    step({
      title: 'TRUNCATE',
      prose:
        'TRUNCATE removes every row without deleting them one by one, so no row trigger fires: the changes table learns nothing. The log carries a truncate event (op `t`, no key), which a consumer can act on.',
      show: sql('06-truncate.sql'),
      expect: { topic: TOPIC, events: 1 },
      claims: [
        claim('no changes row is written: row triggers do not fire on TRUNCATE', async (ctx) => {
          assert.equal(await changeCount(ctx), 7);
          assert.equal(((await ctx.pg.query('SELECT count(*)::int AS n FROM shop.orders')).rows[0] as { n: number }).n, 0);
        }),
        claim('the log carries one op "t" event with no key', (ctx) => {
          assert.equal(opOf(ctx.events[0]), 't');
          assert.equal(ctx.events[0].key, null);
        }),
      ],
    }),
    step({
      title: 'A change with triggers switched off',
      prose:
        '`session_replication_role = replica` turns ordinary triggers off for a session; `pg_restore --disable-triggers` and some replication tools use it, and so does anyone who wants a fast bulk fix. The trigger misses the row. Logical decoding reads the log, which every change goes through.',
      show: sql('07-triggers-off.sql'),
      expect: { topic: TOPIC, events: 1 },
      claims: [
        claim('the trigger did not fire: no changes row for order 20', async (ctx) => {
          assert.equal(await changesFor(ctx, 20), 0);
        }),
        claim('the log carries the insert as op "c"', (ctx) => {
          assert.equal(opOf(ctx.events[0]), 'c');
          assert.deepEqual(envelope(ctx.events[0]).after, { id: 20, customer: 'restored', amount_cents: 700 });
        }),
      ],
    }),
    step({
      title: 'A bulk load with COPY',
      prose:
        'COPY fires row triggers like INSERT does, so both ways see the two rows. A bulk load only escapes the trigger when it turns triggers off, as in the step before.',
      show: sql('08-copy.sql'),
      expect: { topic: TOPIC, events: 2 },
      claims: [
        claim('the trigger fired for both copied rows', async (ctx) => {
          assert.equal(await changesFor(ctx, 30), 1);
          assert.equal(await changesFor(ctx, 31), 1);
        }),
        claim('the log carries both as op "c"', (ctx) => {
          assert.deepEqual(ctx.events.map((e) => [opOf(e), e.key]), [['c', { id: 30 }], ['c', { id: 31 }]]);
        }),
      ],
    }),
  ],
});
