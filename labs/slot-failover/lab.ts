// The most cited way to lose change events: the replication slot is lost in a failover and created
// again under the same name before the connector restarts. The new slot does not hold the changes
// in between; what the connector does about it depends on the snapshot mode. How to see the gap,
// how to refill it, and PostgreSQL 17's failover slots.
import assert from 'node:assert/strict';
import { formatLsn } from '../../harness/engine/index.ts';
import { claim, curl, defineLab, envelope, opOf, readSlot, sql, step, waitForSlotReleased, waitUntil, type StepContext } from '../../harness/kit/index.ts';

const CONNECTOR = 'sf-connector';
const TOPIC = 'sf.shop.orders';
const SLOT = 'sf_slot';

/** The slot as the server sees it, read without recording (LSNs change every run). */
const slotState = (ctx: StepContext) => readSlot(ctx.pg, SLOT);

/** The highest source.lsn among the change events Kafka has: how far the connector got. */
function lastEventLsn(ctx: StepContext): bigint {
  const lsns = ctx.topicEvents(TOPIC).filter((e) => e.value !== null).map((e) => BigInt(envelope(e).source.lsn as number));
  return lsns.reduce((a, b) => (b > a ? b : a), 0n);
}

/** Whether the slot's pending changes mention `item`, read without consuming them. */
async function slotHolds(ctx: StepContext, item: string): Promise<boolean> {
  const { rows } = await ctx.pg.query(
    "SELECT coalesce(bool_or(position(convert_to($2, 'UTF8') IN data) > 0), false) AS held FROM pg_logical_slot_peek_binary_changes($1, NULL, NULL, 'proto_version', '1', 'publication_names', 'sf_pub')",
    [SLOT, item],
  );
  return (rows[0] as { held: boolean }).held;
}

/** Order ids that reached the topic, as events with a row in after. */
function idsInKafka(ctx: StepContext): number[] {
  const ids = ctx.topicEvents(TOPIC).map((e) => envelope(e)?.after?.id).filter((id): id is number => typeof id === 'number');
  return [...new Set(ids)].sort((a, b) => a - b);
}

export default defineLab({
  id: 'slot-failover',
  title: 'Slot failover: a slot created again, and the gap in it',
  summary:
    'A replication slot lost in a failover and created again under the same name no longer holds the changes in between: how to see the gap, how the connector notices it at start, how a snapshot refills it, and PostgreSQL 17 failover slots.',
  minutes: 15,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'] },
  steps: [
    step({
      title: 'Create the orders table',
      prose: 'Two orders, and a signal table the connector will read requests from.',
      show: sql('01-tables.sql'),
      claims: [
        claim('the table starts with two orders', async (ctx) => {
          assert.deepEqual(await ctx.query('SELECT id, item FROM shop.orders ORDER BY id'), [{ id: 1, item: 'saddle' }, { id: 2, item: 'chain' }]);
        }),
      ],
    }),
    step({
      title: 'Start capturing',
      prose:
        '`snapshot.mode` is `when_needed`: snapshot when there is no stored offset, or when the stored position is no longer on the server. The signal table is captured too, so that the connector sees signals written to it.',
      show: curl('POST', '/connectors/', 'connector.json'),
      expect: { topic: TOPIC, events: 2 },
      claims: [
        claim('the snapshot reads both orders as op "r"', (ctx) => {
          assert.deepEqual(ctx.events.map((e) => [opOf(e), e.key]), [['r', { id: 1 }], ['r', { id: 2 }]]);
        }),
      ],
    }),
    step({
      title: 'An order while streaming',
      prose: 'Order 3 streams as usual.',
      show: sql('03-order-3.sql'),
      expect: { topic: TOPIC, events: 1 },
      claims: [
        claim('order 3 arrives as op "c"', (ctx) => {
          assert.deepEqual([opOf(ctx.events[0]), ctx.events[0].key], ['c', { id: 3 }]);
        }),
      ],
    }),
    step({
      title: 'Stop the connector',
      prose: 'The connector goes away (a deployment, a crash, the failover itself). Its offset stays stored under its name, and so far the slot stays on the server.',
      show: curl('DELETE', `/connectors/${CONNECTOR}`),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForSlotReleased(ctx.pg, SLOT);
      },
      claims: [
        claim('the slot is still there, inactive', async (ctx) => {
          assert.equal((await slotState(ctx))?.active, false);
        }),
      ],
    }),
    step({
      title: 'An order nobody reads',
      prose: 'Order 4 is written while no connector runs. The slot keeps its WAL, waiting for the connector.',
      show: sql('05-order-4.sql'),
      claims: [
        claim('the old slot holds order 4 for the connector', async (ctx) => {
          assert.equal(await slotHolds(ctx, 'pump'), true);
        }),
      ],
    }),
    step({
      title: 'Fail over, and create the slot again',
      prose:
        'The database fails over to a standby that has no copy of the slot. Someone creates the slot again under the same name so that the connector can start. A new slot begins at the current end of the WAL, after order 4, and PostgreSQL will not move a slot back to an older position.',
      show: sql('06-recreate-slot.sql'),
      claims: [
        claim("the new slot's restart_lsn lies beyond the last change Kafka has: that difference is the gap to look for", async (ctx) => {
          const slot = await slotState(ctx);
          assert.ok(slot !== undefined, `slot ${SLOT} exists`);
          assert.ok(slot.restart > lastEventLsn(ctx), `slot ${slot.restart} vs last event ${lastEventLsn(ctx)}`);
        }),
        claim('PostgreSQL refuses to move the slot back to the last change Kafka has', async (ctx) => {
          await assert.rejects(
            ctx.pg.query('SELECT pg_replication_slot_advance($1, $2::pg_lsn)', [SLOT, formatLsn(lastEventLsn(ctx))]),
            /cannot advance replication slot to .*, minimum is /,
          );
        }),
      ],
    }),
    step({
      title: 'An order after the failover',
      prose: 'Order 5 is written on the new primary, after the slot was created.',
      show: sql('07-order-5.sql'),
    }),
    step({
      title: 'Look into the new slot',
      prose:
        'A slot can be read without being consumed. The new one holds order 5 and not order 4: a connector that streams from it alone never sees order 4, and nothing in the stream says that anything is missing.',
      show: sql('08-peek.sql'),
      claims: [
        claim('the new slot holds order 5 but not order 4', (ctx) => {
          assert.deepEqual(ctx.resultRows, [{ holds_order_4: false, holds_order_5: true }]);
        }),
      ],
    }),
    step({
      title: 'Start the connector again',
      prose:
        "Same name, same configuration. Before streaming, the connector checks that the slot can replay its stored position: the slot must exist and its `restart_lsn` must not lie beyond the offset's last processed LSN. This slot begins later, so the position counts as lost. Under `when_needed` the connector forgets the offset and snapshots the tables again, which brings order 4; under `initial` it stops with an error instead, as a later step shows. Orders 1 to 3 arrive a second time: consumers must apply events by key.",
      show: curl('POST', '/connectors/', 'connector.json'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(TOPIC, 5);
        const { rows } = await ctx.pg.query('SELECT id, item FROM shop.orders WHERE id <> ALL ($1::int[]) ORDER BY id', [idsInKafka(ctx)]);
        ctx.record('orders in the table but in no event', rows);
      },
      claims: [
        claim('the connector snapshots again: all five orders arrive as op "r", order 4 among them', (ctx) => {
          assert.deepEqual(ctx.events.map((e) => [opOf(e), e.key]), [1, 2, 3, 4, 5].map((id) => ['r', { id }]));
          assert.deepEqual(ctx.events.map((e) => envelope(e).source.snapshot), ['first', 'true', 'true', 'true', 'last']);
        }),
        claim('no order is missing from the topic any more', (ctx) => {
          assert.deepEqual(ctx.output['orders in the table but in no event'], []);
        }),
        claim('the connector and its task report RUNNING', async (ctx) => {
          const status = await ctx.engine().status();
          assert.equal(status.connector.state, 'RUNNING');
          assert.deepEqual(status.tasks.map((t) => t.state), ['RUNNING']);
        }),
      ],
    }),
    step({
      title: 'Refill without a restart: an incremental snapshot',
      prose:
        "The other way to refill a gap, for a connector that keeps running: a signal asks it to read `shop.orders` again, in chunks, while it streams. Every current row arrives as op `r` with `source.snapshot` `incremental`. Neither kind of snapshot can bring back a row deleted during the gap: a snapshot reads the rows that exist.",
      show: sql('10-resnapshot.sql'),
      run: async (ctx) => {
        const before = ctx.topicEvents(TOPIC).length;
        await ctx.runShown();
        await waitUntil(async () => ctx.topicEvents(TOPIC).length >= before + 5, 60_000, '5 incremental snapshot events', 250);
        // a summary instead of the raw events: after a re-snapshot, Debezium 3.2.7 sends these with
        // source.lsn and txId null, where the native engine names the signal's position
        ctx.record('events', ctx.topicEvents(TOPIC).slice(before).map((e) => ({ op: opOf(e), key: e.key, snapshot: envelope(e).source.snapshot, after: envelope(e).after })));
      },
      claims: [
        claim('all five orders arrive again as op "r" with source.snapshot "incremental"', (ctx) => {
          const events = ctx.output.events as Array<{ op: string; key: unknown; snapshot: string }>;
          assert.deepEqual(events.map((e) => [e.op, e.key, e.snapshot]), [1, 2, 3, 4, 5].map((id) => ['r', { id }, 'incremental']));
        }),
      ],
    }),
    step({
      title: 'Stop it again',
      prose: 'Now the same failover once more, for a connector configured with `snapshot.mode` `initial`, the default.',
      show: curl('DELETE', `/connectors/${CONNECTOR}`),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForSlotReleased(ctx.pg, SLOT);
      },
    }),
    step({
      title: 'Another order nobody reads',
      prose: 'Order 6 is written while the connector is stopped.',
      show: sql('12-order-6.sql'),
    }),
    step({
      title: 'Lose the slot again',
      prose: 'The slot is dropped and created again under the same name, as before: order 6 is not in the new one.',
      show: sql('06-recreate-slot.sql'),
      claims: [
        claim('the new slot does not hold order 6', async (ctx) => {
          assert.equal(await slotHolds(ctx, 'horn'), false);
        }),
      ],
    }),
    step({
      title: 'Start it again under initial',
      prose:
        "`initial` snapshots only when there is no stored offset. The offset is there, the position in it is lost, and `initial` does not fill a gap with a snapshot: the connector stops with an error that says what to do. A loud failure, and the right one: the gap is not hidden.",
      show: curl('POST', '/connectors/', 'connector-initial.json'),
      run: async (ctx) => {
        let reason = '';
        try {
          await ctx.runShown();
          await waitUntil(async () => (await ctx.engine().status()).tasks[0]?.state === 'FAILED', 60_000, 'the task to fail', 250);
          reason = (await ctx.engine().status()).tasks[0]?.trace ?? '';
        } catch (err) {
          // the native engine refuses at start, Kafka Connect accepts the POST and fails the task
          reason = (err as Error).message;
        }
        delete ctx.output.response;
        ctx.record('failure', /no longer available on the server\. Reconfigure the connector to use a snapshot mode when needed\./.exec(reason)?.[0] ?? '(other)');
        ctx.record('measured', { reason: reason.split('\n')[0] });
      },
      claims: [
        claim('the connector fails: the position is "no longer available on the server", use a snapshot mode when needed', (ctx) => {
          assert.equal(ctx.output.failure, 'no longer available on the server. Reconfigure the connector to use a snapshot mode when needed.');
        }),
      ],
    }),
    step({
      title: 'PostgreSQL 17 failover slots',
      prose:
        'Since PostgreSQL 17 a logical slot can be a failover slot. A physical standby with `sync_replication_slots = on` (and `hot_standby_feedback = on`, a `primary_slot_name`, and a `dbname` in its `primary_conninfo`) copies such slots from the primary, so after a promotion the connector finds its slot at the position it had. Listing the standby\'s physical slot in the primary\'s `synchronized_standby_slots` makes sure no change reaches the connector before it reached the standby. Debezium creates its slot this way with `slot.failover`. This lab runs no standby: the native runtime has only the `postgres`, `initdb` and `pg_ctl` binaries of the embedded PostgreSQL package, no `pg_basebackup`. What runs here is the primary\'s side: the slot and its flags.',
      show: sql('11-failover-slot.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.pg.query("SELECT pg_drop_replication_slot('sf_failover_demo')");
      },
      claims: [
        claim('the slot is marked failover = true, and synced = false: it was created here, not copied from a primary', (ctx) => {
          assert.deepEqual(ctx.resultRows, [{ slot_name: 'sf_failover_demo', failover: true, synced: false }]);
        }),
      ],
    }),
  ],
});
