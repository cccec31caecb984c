// Operating a CDC connector: status, the slot's view on the server, WAL that piles up while the
// connector is down (and drains after), the idle-table trap and heartbeats, a failed task and its
// recovery, and the engine's Prometheus metrics.
import assert from 'node:assert/strict';
import { readSample } from '../../harness/engine/index.ts';
import { claim, currentWalLsn, curl, defineLab, envelope, requireSlot, sql, step, waitForSlotReleased, waitUntil, type SlotState, type StepContext } from '../../harness/kit/index.ts';

const CONNECTOR = 'monitoring-connector';
const ORDERS = 'monitoring.shop.orders';
const SLOT = 'monitoring_slot';
const MiB = 1024 * 1024;
/** "near zero": under 1 MiB of WAL (other databases on the server write too) */
const NEAR_ZERO = MiB;

/** The slot as the server sees it; read without recording (the numbers change every run). */
const slot = (ctx: StepContext): Promise<SlotState> => requireSlot(ctx.pg, SLOT);
const currentLsn = (ctx: StepContext): Promise<bigint> => currentWalLsn(ctx.pg);
/** One sample value from Prometheus text, e.g. metric(text, 'cdc_connector_state', { state: 'PAUSED' }). */
const metric = readSample;

/** Keeps the volatile scrape under `measured` and a stable part (states, counts) in the transcript. */
async function scrape(ctx: StepContext, stable: string[]): Promise<void> {
  await ctx.runShown();
  const text = String(ctx.output.response);
  ctx.record('measured', { ...(ctx.output.measured as object), metrics: text });
  // one line per sample, so the page shows them in full (long strings are shortened in transcripts)
  // The heartbeat table's counts follow the heartbeat clock, not the lab's steps: whether its update
  // lands before the scrape varies from run to run, so they stay under `measured` only.
  const timed = (l: string) => l.includes('table="shop.cdc_heartbeat"');
  ctx.record('response', text.split('\n').filter((l) => !timed(l) && (stable.some((s) => l.startsWith(s)) && !l.endsWith(' 0') || /^cdc_(engine_up|errors_total|dlq_records_total)/.test(l))));
}

const scraped = (ctx: StepContext) => (ctx.output.measured as { metrics: string }).metrics;

/** Runs the shown SQL one statement at a time (ALTER SYSTEM refuses to run inside the implicit
 * transaction of a multi-statement query). Statements end with ";" at the end of a line. */
async function runStatements(ctx: StepContext): Promise<void> {
  const text = (ctx.shown ?? '').replace(/^\s*--.*$/gm, '');
  for (const statement of text.split(/;\s*$/m).map((t) => t.trim()).filter((t) => t !== '')) {
    await ctx.pg.query(statement);
  }
}

/** pg_reload_conf() only signals: wait until this session sees the setting. */
async function waitForSetting(ctx: StepContext, value: string): Promise<void> {
  await waitUntil(
    async () => ((await ctx.pg.query('SHOW max_slot_wal_keep_size')).rows[0] as { max_slot_wal_keep_size: string }).max_slot_wal_keep_size === value,
    30_000,
    `max_slot_wal_keep_size = ${value}`,
  );
}

async function slotStatus(ctx: StepContext): Promise<{ wal_status: string | null; active: boolean } | undefined> {
  const { rows } = await ctx.pg.query('SELECT wal_status, active FROM pg_replication_slots WHERE slot_name = $1', [SLOT]);
  return rows[0] as { wal_status: string | null; active: boolean } | undefined;
}

const state = (ctx: StepContext) => ctx.output.measured as Record<string, unknown>;

/** Waits for the task to fail and records its status (the full trace only as a measured, uncompared output). */
async function recordFailedTask(ctx: StepContext): Promise<void> {
  let status: Awaited<ReturnType<ReturnType<StepContext['engine']>['status']>> | undefined;
  await waitUntil(
    async () => {
      status = await ctx.engine().status();
      return status.tasks[0]?.state === 'FAILED';
    },
    30_000,
    'the task to fail',
    250,
  );
  const trace = status!.tasks[0].trace ?? '';
  ctx.record('status', { connector: status!.connector.state, task: status!.tasks[0].state, trace: trace.split('\n')[0] });
  ctx.record('measured', { trace: trace.replaceAll(`${process.cwd()}/`, '') });
}

export default defineLab({
  id: 'monitoring',
  title: 'Monitoring and operations: status, slot lag, heartbeats, recovery',
  summary:
    'Watch a connector from the outside: its REST status, its replication slot on the server, WAL that piles up while it is down and drains after, the idle-table trap that heartbeats fix, a failed task brought back without losing a change, and the engine\'s Prometheus metrics.',
  minutes: 20,
  needs: { kafka: ['kraft'], engines: ['native'] },
  steps: [
    step({
      title: 'Create the tables',
      prose:
        '`shop.orders` will be captured. `shop.audit_log` is a busy table the connector ignores, and `shop.cdc_heartbeat` is where heartbeats will write later.',
      show: sql('01-tables.sql'),
      claims: [
        claim('three orders exist before capture starts', async (ctx) => {
          assert.equal((await ctx.query('SELECT id FROM shop.orders')).length, 3);
        }),
      ],
    }),
    step({
      title: 'Register the connector',
      prose:
        'The publication lists only the captured tables (`publication.autocreate.mode: filtered`), so changes to `shop.audit_log` never leave the server. No heartbeats yet.',
      show: curl('POST', '/connectors/', 'connector.json'),
      expect: { topic: ORDERS, events: 3 },
      claims: [
        claim('the snapshot sends the three existing orders', (ctx) => {
          assert.deepEqual(ctx.events.map((e) => envelope(e).op), ['r', 'r', 'r']);
        }),
      ],
    }),
    step({
      title: 'Read the connector status',
      prose:
        'Kafka Connect reports the connector and each task separately. A task can fail while the connector stays RUNNING, so monitoring must look at the tasks.',
      show: curl('GET', `/connectors/${CONNECTOR}/status`),
      claims: [
        claim('the connector and its one task are RUNNING', (ctx) => {
          const s = ctx.output.response as { connector: { state: string }; tasks: Array<{ state: string }> };
          assert.equal(s.connector.state, 'RUNNING');
          assert.deepEqual(s.tasks.map((t) => t.state), ['RUNNING']);
        }),
      ],
    }),
    step({
      title: "Look at the slot from the server's side",
      prose:
        '`pg_replication_slots` shows the slot, whether a client is reading it and whether the WAL it needs is still there (`wal_status`); `pg_stat_replication` shows the walsender process serving it.',
      show: sql('03-slot.sql'),
      run: async (ctx) => {
        // after the snapshot the connector opens its stream: wait for the walsender to be streaming
        await waitUntil(
          async () => {
            const { rows } = await ctx.pg.query(
              `SELECT r.state FROM pg_replication_slots s JOIN pg_stat_replication r ON r.pid = s.active_pid WHERE s.slot_name = $1`,
              [SLOT],
            );
            return (rows[0] as { state?: string } | undefined)?.state === 'streaming';
          },
          30_000,
          'the walsender to stream from the slot',
        );
        await ctx.runShown();
      },
      claims: [
        claim('the slot uses pgoutput, is active and its WAL is reserved', (ctx) => {
          const [row] = ctx.resultRows;
          assert.equal(row.plugin, 'pgoutput');
          assert.equal(row.active, true);
          assert.equal(row.wal_status, 'reserved');
        }),
        claim('a walsender is streaming from it', (ctx) => {
          assert.equal(ctx.resultRows[0].walsender_state, 'streaming');
        }),
      ],
    }),
    step({
      title: 'The idle-table trap: only an uncaptured table writes',
      prose:
        'Orders are quiet; the audit log writes about 5 MB. The connector receives nothing it must publish, so it never confirms a new position, and the slot keeps every byte of that WAL. On a database where captured tables are rarely written, this is how a disk fills up.',
      show: sql('05-audit-writes.sql'),
      // hands-on: the runner measures around the action, or runs it statement by statement
      handsOn: 'runner',
      run: async (ctx) => {
        const before = await slot(ctx);
        await ctx.runShown();
        const target = await currentLsn(ctx);
        // wait until the engine has seen the server's position past the writes (keepalives carry it)
        let received = 0;
        await waitUntil(
          async () => {
            received = metric(await ctx.engine().metrics!(), 'cdc_last_received_lsn') ?? 0;
            return BigInt(received) >= target;
          },
          30_000,
          'the engine to receive the WAL position past the audit writes',
          250,
        );
        const after = await slot(ctx);
        ctx.record('measured', {
          confirmedBefore: String(before.confirmed),
          confirmedAfter: String(after.confirmed),
          target: String(target),
          received,
          walWritten: Number(target - before.current),
          lagAfter: after.lag,
        });
      },
      claims: [
        claim('the engine has received the position past the writes, yet confirmed_flush_lsn did not move', (ctx) => {
          const m = state(ctx);
          assert.ok(BigInt(m.received as number) >= BigInt(m.target as string));
          assert.equal(m.confirmedAfter, m.confirmedBefore);
        }),
        claim('the slot holds back all of it: the lag is at least the WAL the audit writes produced (over 4 MiB)', (ctx) => {
          const m = state(ctx);
          assert.ok((m.walWritten as number) > 4 * MiB, `wrote ${m.walWritten} bytes`);
          assert.ok((m.lagAfter as number) >= (m.walWritten as number));
        }),
      ],
    }),
    step({
      title: 'Remove the connector',
      prose: 'Deleting a connector stops it but keeps its slot, so a new connector with the same slot name goes on where this one stopped.',
      show: curl('DELETE', `/connectors/${CONNECTOR}`),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForSlotReleased(ctx.pg, SLOT);
      },
      claims: [
        claim('the slot is still there, inactive', async (ctx) => {
          assert.equal((await slot(ctx)).active, false);
        }),
      ],
    }),
    step({
      title: 'Register it again with heartbeats',
      prose:
        'Every `heartbeat.interval.ms` the connector runs `heartbeat.action.query` (a write to a captured table, so a change flows through the slot) and writes a heartbeat record. Once Kafka has it, the connector may confirm the position, and the slot lets go of the audit log\'s WAL.',
      show: curl('POST', '/connectors/', 'connector-heartbeat.json'),
      // hands-on: the runner measures around the action, or runs it statement by statement
      handsOn: 'runner',
      run: async (ctx) => {
        const before = await slot(ctx);
        const target = before.current;
        await ctx.runShown();
        await waitUntil(async () => (await slot(ctx)).confirmed >= target, 60_000, 'the slot to advance past the audit writes', 250);
        const after = await slot(ctx);
        const text = await ctx.engine().metrics!();
        ctx.record('measured', {
          confirmedBefore: String(before.confirmed),
          confirmedAfter: String(after.confirmed),
          target: String(target),
          lagBefore: before.lag,
          lagAfter: after.lag,
          heartbeats: metric(text, 'cdc_heartbeats_total'),
        });
      },
      claims: [
        claim('with heartbeat.interval.ms and heartbeat.action.query the slot moves past the uncaptured writes', (ctx) => {
          const m = state(ctx);
          assert.ok(BigInt(m.confirmedAfter as string) >= BigInt(m.target as string));
          assert.ok(BigInt(m.confirmedAfter as string) > BigInt(m.confirmedBefore as string));
        }),
        claim('the lag fell from over 4 MiB to under 1 MiB, and heartbeats were written', (ctx) => {
          const m = state(ctx);
          assert.ok((m.lagBefore as number) > 4 * MiB);
          assert.ok((m.lagAfter as number) < NEAR_ZERO, `lag ${m.lagAfter}`);
          assert.ok((m.heartbeats as number) > 0);
        }),
      ],
    }),
    step({
      title: 'Pause the connector',
      prose: 'A paused connector reads nothing. Its slot stays, and so does every byte of WAL written from now on.',
      show: curl('PUT', `/connectors/${CONNECTOR}/pause`),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForSlotReleased(ctx.pg, SLOT);
        ctx.record('status', await ctx.engine().status());
      },
      claims: [
        claim('the status says PAUSED for the connector and its task', (ctx) => {
          const s = ctx.output.status as { connector: { state: string }; tasks: Array<{ state: string }> };
          assert.equal(s.connector.state, 'PAUSED');
          assert.deepEqual(s.tasks.map((t) => t.state), ['PAUSED']);
        }),
      ],
    }),
    step({
      title: 'Keep writing while it is paused',
      prose: '200 orders and another 5 MB of audit log. Watch `pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)` grow.',
      show: sql('08-writes-while-paused.sql'),
      // hands-on: the runner measures around the action, or runs it statement by statement
      handsOn: 'runner',
      run: async (ctx) => {
        const before = await slot(ctx);
        await ctx.runShown();
        const after = await slot(ctx);
        ctx.record('measured', { lagBefore: before.lag, lagAfter: after.lag, confirmedBefore: String(before.confirmed), confirmedAfter: String(after.confirmed), active: after.active });
      },
      claims: [
        claim('the retained WAL grows by more than 4 MiB while the slot stands still', (ctx) => {
          const m = state(ctx);
          assert.equal(m.confirmedAfter, m.confirmedBefore);
          assert.equal(m.active, false);
          assert.ok((m.lagAfter as number) - (m.lagBefore as number) > 4 * MiB, `grew ${(m.lagAfter as number) - (m.lagBefore as number)}`);
        }),
      ],
    }),
    step({
      title: 'Scrape the metrics while it is paused',
      prose:
        'The engine serves Prometheus metrics on `GET /metrics`. With the connector paused the scrape still answers: the state gauge says PAUSED, and the lag comes from the slot on the server.',
      show: curl('GET', '/metrics'),
      run: (ctx) => scrape(ctx, ['cdc_connector_state', 'cdc_task_state', 'cdc_engine_up', 'cdc_dlq_records_total']),
      claims: [
        claim('the scrape answers with cdc_connector_state{state="PAUSED"} 1 and cdc_engine_up 0', (ctx) => {
          const text = scraped(ctx);
          assert.equal(metric(text, 'cdc_connector_state', { state: 'PAUSED' }), 1);
          assert.equal(metric(text, 'cdc_connector_state', { state: 'RUNNING' }), 0);
          assert.equal(metric(text, 'cdc_engine_up'), 0);
        }),
        claim('cdc_lag_bytes shows the WAL piled up (over 4 MiB)', (ctx) => {
          assert.ok((metric(scraped(ctx), 'cdc_lag_bytes') ?? 0) > 4 * MiB);
        }),
      ],
    }),
    step({
      title: 'Resume and catch up',
      prose: 'The connector starts from its slot: the 200 orders arrive, heartbeats confirm the position again, and the lag drains back to near zero.',
      show: curl('PUT', `/connectors/${CONNECTOR}/resume`),
      run: async (ctx) => {
        const start = Date.now();
        const samples: Array<{ ms: number; lagBytes: number }> = [{ ms: 0, lagBytes: (await slot(ctx)).lag }];
        await ctx.runShown();
        await ctx.waitForEvents(ORDERS, 200);
        samples.push({ ms: Date.now() - start, lagBytes: (await slot(ctx)).lag });
        await waitUntil(
          async () => {
            const lag = (await slot(ctx)).lag;
            samples.push({ ms: Date.now() - start, lagBytes: lag });
            return lag < NEAR_ZERO;
          },
          60_000,
          'the lag to drain',
          250,
        );
        ctx.record('measured', { lag: samples });
      },
      claims: [
        claim('the 200 orders written while paused arrive as inserts', (ctx) => {
          assert.equal(ctx.events.length, 200);
          for (const e of ctx.events) assert.equal(envelope(e).op, 'c');
        }),
        claim('the lag went from over 4 MiB back under 1 MiB', (ctx) => {
          const lag = (state(ctx).lag as Array<{ lagBytes: number }>).map((s) => s.lagBytes);
          assert.ok(lag[0] > 4 * MiB);
          assert.ok(lag.at(-1)! < NEAR_ZERO);
        }),
      ],
    }),
    step({
      title: 'Scrape the metrics while it runs',
      prose: 'Events per table and operation, positions, lag, time behind the source, snapshot progress, queue size, errors and dead-letter counts.',
      show: curl('GET', '/metrics'),
      run: (ctx) => scrape(ctx, ['cdc_connector_state', 'cdc_engine_up', 'cdc_events_total', 'cdc_errors_total', 'cdc_dlq_records_total']),
      claims: [
        claim('the state gauge says RUNNING', (ctx) => {
          assert.equal(metric(scraped(ctx), 'cdc_connector_state', { state: 'RUNNING' }), 1);
        }),
        claim('cdc_events_total counts the 200 order inserts since the resume', (ctx) => {
          assert.equal(metric(scraped(ctx), 'cdc_events_total', { table: 'shop.orders', op: 'c' }), 200);
        }),
        claim('no errors and no dead-letter records', (ctx) => {
          const text = scraped(ctx);
          assert.equal(metric(text, 'cdc_errors_total'), 0);
          assert.equal(metric(text, 'cdc_dlq_records_total'), 0);
        }),
        claim('positions, lag and time behind the source are exported', (ctx) => {
          const text = scraped(ctx);
          for (const name of ['cdc_last_received_lsn', 'cdc_last_confirmed_lsn', 'cdc_lag_bytes', 'cdc_millis_behind_source', 'cdc_queue_records', 'cdc_snapshot_completed']) {
            assert.ok(metric(text, name) !== undefined, name);
          }
          assert.ok(metric(text, 'cdc_last_confirmed_lsn')! > 0);
        }),
      ],
    }),
    step({
      title: 'Break the task',
      prose:
        'A migration adds a mandatory column to the heartbeat table, and the heartbeat query does not fill it. At the next heartbeat the task fails; the status carries the trace.',
      show: sql('11-break.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await recordFailedTask(ctx);
      },
      claims: [
        claim('the task is FAILED while the connector stays RUNNING', (ctx) => {
          const s = ctx.output.status as { connector: string; task: string };
          assert.equal(s.task, 'FAILED');
          assert.equal(s.connector, 'RUNNING');
        }),
        claim('the trace names heartbeat.action.query and the column', (ctx) => {
          const trace = (ctx.output.status as { trace: string }).trace;
          assert.match(trace, /heartbeat\.action\.query/);
          assert.match(trace, /"source"/);
        }),
      ],
    }),
    step({
      title: 'Orders keep coming while the task is down',
      prose: 'Nothing reads the slot now, and nothing is confirmed.',
      show: sql('12-writes-while-failed.sql'),
      // hands-on: the runner measures around the action, or runs it statement by statement
      handsOn: 'runner',
      run: async (ctx) => {
        await waitForSlotReleased(ctx.pg, SLOT);
        const before = await slot(ctx);
        await ctx.runShown();
        const after = await slot(ctx);
        ctx.record('measured', { confirmedBefore: String(before.confirmed), confirmedAfter: String(after.confirmed), active: after.active });
      },
      claims: [
        claim('the slot is inactive and its confirmed position stands still', (ctx) => {
          const m = state(ctx);
          assert.equal(m.active, false);
          assert.equal(m.confirmedAfter, m.confirmedBefore);
        }),
      ],
    }),
    step({
      title: 'Fix the cause',
      prose: 'Give the new column a default the heartbeat can live with.',
      show: sql('13-fix.sql'),
      claims: [
        claim('the heartbeat query works again', async (ctx) => {
          await ctx.pg.query("BEGIN; INSERT INTO shop.cdc_heartbeat (id, ts) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET ts = EXCLUDED.ts; ROLLBACK");
        }),
      ],
    }),
    step({
      title: 'Restart the failed task',
      prose:
        '`restart?includeTasks=true&onlyFailed=true` restarts the failed task (a plain `restart` restarts only the connector object). The task resumes from the slot, so the orders written while it was down arrive.',
      show: curl('POST', `/connectors/${CONNECTOR}/restart?includeTasks=true&onlyFailed=true`),
      expect: { topic: ORDERS, events: 50 },
      claims: [
        claim('the task is RUNNING again', async (ctx) => {
          const s = await ctx.engine().status();
          assert.deepEqual(s.tasks.map((t) => t.state), ['RUNNING']);
        }),
        claim('nothing was lost: every order in the table has an event in the topic', async (ctx) => {
          const { rows } = await ctx.pg.query('SELECT id FROM shop.orders ORDER BY id');
          const inTopic = new Set(ctx.topicEvents(ORDERS).map((e) => envelope(e).after?.id).filter((id) => id !== undefined));
          assert.equal(rows.length, 253);
          for (const r of rows as Array<{ id: number }>) assert.ok(inTopic.has(r.id), `order ${r.id} has no event`);
        }),
      ],
    }),
    step({
      title: 'Pause it again',
      prose: 'Now the other way out of a growing slot: the server gives up on it.',
      show: curl('PUT', `/connectors/${CONNECTOR}/pause`),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForSlotReleased(ctx.pg, SLOT);
      },
      claims: [
        claim('the slot is inactive', async (ctx) => {
          assert.equal((await slot(ctx)).active, false);
        }),
      ],
    }),
    step({
      title: 'Cap the WAL a slot may keep',
      prose:
        '`max_slot_wal_keep_size` (PostgreSQL 13 and later) is the safety valve: a slot further behind than this loses the WAL it needs instead of filling the disk. 1 MB is absurdly small, to see it happen; production values are tens of GB. It is a server-wide setting, applied without a restart.',
      show: sql('15-keep-size.sql'),
      // hands-on: the runner measures around the action, or runs it statement by statement
      handsOn: 'runner',
      run: async (ctx) => {
        ctx.onCleanup(async () => {
          await ctx.pg.query('ALTER SYSTEM RESET max_slot_wal_keep_size');
          await ctx.pg.query('SELECT pg_reload_conf()');
        });
        await runStatements(ctx);
        await waitForSetting(ctx, '1MB');
      },
      claims: [
        claim('the server now caps slots at 1MB', async (ctx) => {
          const { rows } = await ctx.pg.query('SHOW max_slot_wal_keep_size');
          assert.equal((rows[0] as { max_slot_wal_keep_size: string }).max_slot_wal_keep_size, '1MB');
        }),
      ],
    }),
    step({
      title: 'Fall behind past the cap',
      prose: 'Three more orders and 20 MB of audit log while the connector is paused. The checkpoint removes WAL the slot still needs.',
      show: sql('16-fall-behind.sql'),
      // hands-on: the runner measures around the action, or runs it statement by statement
      handsOn: 'runner',
      run: async (ctx) => {
        await runStatements(ctx);
        // a checkpoint decides; if the WAL was not yet past the cap, write a little, switch and check again
        await waitUntil(
          async () => {
            if ((await slotStatus(ctx))?.wal_status === 'lost') return true;
            await ctx.pg.query(`INSERT INTO shop.audit_log (entry) VALUES ('tick')`);
            await ctx.pg.query('SELECT pg_switch_wal()');
            await ctx.pg.query('CHECKPOINT');
            return (await slotStatus(ctx))?.wal_status === 'lost';
          },
          60_000,
          "the slot's WAL to be removed",
          250,
        );
      },
      claims: [
        claim('the three orders are in the table', async (ctx) => {
          const { rows } = await ctx.pg.query(`SELECT count(*)::int AS n FROM shop.orders WHERE item IN ('ladder', 'paint', 'brush')`);
          assert.equal((rows[0] as { n: number }).n, 3);
        }),
      ],
    }),
    step({
      title: 'The slot is lost',
      prose: '`wal_status` goes from `reserved` through `extended` and `unreserved` to `lost`; `invalidation_reason` says why.',
      show: sql('17-slot-lost.sql'),
      claims: [
        claim("wal_status is 'lost' and invalidation_reason is 'wal_removed'", (ctx) => {
          const [row] = ctx.resultRows;
          assert.equal(row.wal_status, 'lost');
          assert.equal(row.invalidation_reason, 'wal_removed');
        }),
      ],
    }),
    step({
      title: 'Resume on a lost slot',
      prose: 'The connector cannot read from an invalidated slot: its task fails at once.',
      show: curl('PUT', `/connectors/${CONNECTOR}/resume`),
      run: async (ctx) => {
        await ctx.runShown();
        await recordFailedTask(ctx);
      },
      claims: [
        claim('the task is FAILED and the trace says the slot can no longer be read', (ctx) => {
          const s = ctx.output.status as { task: string; trace: string };
          assert.equal(s.task, 'FAILED');
          assert.match(s.trace, /monitoring_slot/);
          assert.match(s.trace, /can no longer|invalidated/);
        }),
      ],
    }),
    step({
      title: 'Start over: drop the lost slot',
      prose:
        'Drop the slot and lift the cap. Whatever happened between the slot\'s last confirmed position and now is gone from the WAL, so only a new snapshot can bring Kafka back in line. That is what `snapshot.mode: when_needed` in the connector file is for: with `initial` and committed offsets the task would refuse to start (its stored position no longer exists on the server), and with no offsets it would stream from the new slot and miss those changes.',
      show: sql('18-drop-slot.sql'),
      // hands-on: the runner measures around the action, or runs it statement by statement
      handsOn: 'runner',
      run: async (ctx) => {
        await runStatements(ctx);
        await waitForSetting(ctx, '-1');
      },
      claims: [
        claim('the slot is gone and the cap is lifted', async (ctx) => {
          assert.equal(await slotStatus(ctx), undefined);
          const { rows } = await ctx.pg.query('SHOW max_slot_wal_keep_size');
          assert.equal((rows[0] as { max_slot_wal_keep_size: string }).max_slot_wal_keep_size, '-1');
        }),
      ],
    }),
    step({
      title: 'Restart: a new slot and a new snapshot',
      prose: 'Under `when_needed` the restarted task sees that its stored position is gone, creates the slot again and snapshots the captured tables, the orders written while the slot was lost included.',
      show: curl('POST', `/connectors/${CONNECTOR}/restart?includeTasks=true&onlyFailed=true`),
      expect: { topic: ORDERS, events: 256 },
      claims: [
        claim('every order arrives again as a snapshot read (op = "r")', (ctx) => {
          assert.equal(ctx.events.length, 256);
          for (const e of ctx.events) assert.equal(envelope(e).op, 'r');
        }),
        claim('the orders written while the slot was lost are in the snapshot', (ctx) => {
          const items = new Set(ctx.events.map((e) => envelope(e).after?.item));
          for (const item of ['ladder', 'paint', 'brush']) assert.ok(items.has(item), item);
        }),
        claim('the new slot is active with its WAL reserved', async (ctx) => {
          await waitUntil(async () => (await slotStatus(ctx))?.active === true, 30_000, 'the new slot to be active');
          assert.equal((await slotStatus(ctx))?.wal_status, 'reserved');
        }),
      ],
    }),
  ],
});
