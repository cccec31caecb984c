// Poison records in a PostgreSQL → Kafka → PostgreSQL pipeline and what Kafka Connect's error
// handling does with each: a malformed message, a row the target's constraint rejects and a value
// the target's column cannot take, under errors.tolerance=none and =all.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { claim, curl, defineLab, shell, sql, step, waitForSinkCommit, waitForTarget, waitUntil, type StepContext } from '../../harness/kit/index.ts';

const TOPIC = 'shop.public.payments';
const DLQ = 'dlq_payments';
const SINK = 'payments-sink';
const ROWS = 'SELECT id, customer, amount::text AS amount FROM payments ORDER BY id';

async function onTarget<T>(ctx: StepContext, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(ctx.stack.postgres.url);
  url.pathname = `/${ctx.sinkDatabase()}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

interface TaskView {
  connector: string;
  task: string | undefined;
  /** the first line of the failed task's trace: the exception Connect stopped the task with */
  trace?: string;
}

/** The status, as the page shows it: states and the first line of a failed task's trace. */
async function statusView(ctx: StepContext): Promise<TaskView & { fullTrace?: string }> {
  const s = await ctx.connector(SINK).status();
  const task = s.tasks[0];
  return {
    connector: s.connector.state,
    task: task?.state,
    ...(task?.trace === undefined ? {} : { trace: task.trace.split('\n')[0], fullTrace: task.trace }),
  };
}

async function waitForTask(ctx: StepContext, state: 'RUNNING' | 'FAILED'): Promise<void> {
  await waitUntil(async () => (await statusView(ctx)).task === state, 60_000, `task 0 of ${SINK} to be ${state}`, 250);
}

/** Records the status (without the volatile stack frames) and returns it with the full trace. */
async function recordStatus(ctx: StepContext): Promise<TaskView & { fullTrace?: string }> {
  const view = await statusView(ctx);
  const { fullTrace, ...shown } = view;
  // the causes, top to bottom, as the "Caused by" lines name them — Connect's and PostgreSQL's own;
  // the wrappers of the libraries in between (Hibernate, JDBC batches, Jackson) and the frames
  // differ between the real sink and the native one, and are left out
  const causes = (fullTrace ?? '')
    .split('\n')
    .filter((l) => l.startsWith('Caused by: org.apache.kafka.connect.') || l.startsWith('Caused by: org.postgresql.'))
    .map((l) => l.slice(11));
  ctx.record('status', causes.length > 0 ? { ...shown, causes } : shown);
  return view;
}

interface DlqRecord {
  offset: string;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Every record of the dead letter queue, read from the beginning with its headers (as the console
 * consumer with print.headers=true shows them). Read here rather than through the lab's event log,
 * whose transcript would keep the whole stack-trace header: its frames differ between runtimes.
 */
async function dlqRecords(ctx: StepContext): Promise<DlqRecord[]> {
  if (!(await ctx.kafka.listTopics()).includes(DLQ)) return [];
  const total = (await ctx.kafka.fetchTopicOffsets(DLQ)).reduce((n, p) => n + Number(p.high), 0);
  if (total === 0) return [];
  const { Kafka, logLevel } = (await import('kafkajs')).default;
  const consumer = new Kafka({ brokers: ctx.stack.kafka.bootstrapServers, logLevel: logLevel.NOTHING }).consumer({ groupId: `dlq-reader-${Date.now()}-${Math.random()}` });
  const out: DlqRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: DLQ, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        out.push({ offset: message.offset, value: message.value === null ? null : message.value.toString('utf8'), headers });
      },
    });
    await waitUntil(() => out.length >= total, 30_000, `${total} records on ${DLQ}`);
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** A DLQ record as the transcript keeps it: the stack trace header cut to its exception class. */
function shownRecord(r: DlqRecord): Record<string, unknown> {
  return {
    value: r.value,
    headers: Object.fromEntries(
      Object.entries(r.headers)
        .filter(([k]) => k.startsWith('__connect.errors.'))
        .map(([k, v]) => [k, k.endsWith('stacktrace') ? `${v.split(':')[0]}: …` : v]),
    ),
  };
}

/**
 * Waits until the sink's consumer group (connect-<name>) has committed `offset` on the topic's
 * partition 0: the position a restarted task reads from. Connect commits a sink's offsets every
 * offset.flush.interval.ms, not at each record, so a task that fails before the next commit reads
 * the records since the last one again (at-least-once).
 */
async function waitForCommitted(ctx: StepContext, offset: number): Promise<void> {
  await waitForSinkCommit(ctx, SINK, TOPIC, offset, { atLeast: true });
  ctx.record('committed offset', offset);
}

async function runOnTarget(ctx: StepContext, file: string): Promise<void> {
  const text = fs.readFileSync(path.join(ctx.lab.dir, file), 'utf8');
  await onTarget(ctx, (c) => c.query(text));
}

/** Full stack-trace headers by lab run, for the claims (the transcript keeps only their first words). */
const stackTraces = new Map<string, string[]>();

const sourceRows = async (ctx: StepContext) => (await ctx.pg.query(ROWS)).rows;

export default defineLab({
  id: 'dead-letter-queue',
  title: 'Dead letter queue: what happens to poison records',
  summary:
    'Three kinds of bad record reach a JDBC sink: a malformed message, a row the target\'s constraint rejects and a value too long for the target\'s column. See which ones Kafka Connect puts in the dead letter queue, which ones stop the task, how to recover, and that nothing is lost.',
  minutes: 20,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'] },
  steps: [
    step({
      title: 'Create the source table',
      prose: 'Two payments exist at the source.',
      show: sql('01-source.sql'),
    }),
    step({
      title: 'Create the target table',
      prose:
        'The target table exists before the sink starts, and its owner gave it stricter rules than the source has: names of at most 20 characters and only positive amounts. (This runs on the target database.)',
      show: sql('02-target.sql'),
      run: (ctx) => runOnTarget(ctx, '02-target.sql'),
    }),
    step({
      title: 'Register the source connector',
      prose: 'The two existing payments reach `shop.public.payments` through the snapshot.',
      show: curl('POST', '/connectors', 'payments-source.json'),
      expect: { topic: TOPIC, events: 2 },
    }),
    step({
      title: 'Register the sink with errors.tolerance=none',
      prose: "Kafka Connect's default: the first error stops the task.",
      show: curl('POST', '/connectors', 'sink-tolerance-none.json'),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTarget(ctx, ROWS, (rows) => rows.length === 2, 'the two payments in the target');
      },
      claims: [
        claim('the two payments are in the target', async (ctx) => {
          assert.deepEqual(await ctx.targetQuery(ROWS), await sourceRows(ctx));
        }),
      ],
    }),
    step({
      title: 'Produce a malformed message by hand',
      prose: 'Someone writes a line of plain text onto the topic. It is not the JSON the sink\'s converter expects.',
      show: shell(`echo 'this is not JSON' | kafka-console-producer.sh --bootstrap-server localhost:9092 --topic ${TOPIC}`),
      // hands-on: the run sends the message itself, so the learner must not send a second one
      handsOn: 'runner',
      run: async (ctx) => {
        const producer = new (await import('kafkajs')).Kafka({ brokers: ctx.stack.kafka.bootstrapServers, logLevel: 0 }).producer();
        await producer.connect();
        await producer.send({ topic: TOPIC, messages: [{ value: 'this is not JSON' }] });
        await producer.disconnect();
        await waitForTask(ctx, 'FAILED');
      },
    }),
    step({
      title: 'The task stopped: check the status',
      prose:
        'With `errors.tolerance=none` the converter failure fails the task. The connector itself stays `RUNNING`; the task\'s `trace` says why.',
      show: curl('GET', `/connectors/${SINK}/status`),
      run: async (ctx) => {
        await recordStatus(ctx);
      },
      claims: [
        claim('the task is FAILED while the connector stays RUNNING', (ctx) => {
          const s = ctx.output.status as TaskView;
          assert.equal(s.connector, 'RUNNING');
          assert.equal(s.task, 'FAILED');
        }),
        claim('the trace says the error tolerance was exceeded, caused by the JsonConverter\'s DataException', (ctx) => {
          const s = ctx.output.status as TaskView & { causes: string[] };
          assert.match(s.trace ?? '', /ConnectException: Tolerance exceeded in error handler/);
          assert.ok(s.causes.some((c) => c.startsWith('org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed')), s.causes.join('\n'));
        }),
        claim('nothing went to a dead letter queue', async (ctx) => {
          assert.equal((await ctx.kafka.listTopics()).includes(DLQ), false);
        }),
      ],
    }),
    step({
      title: 'Delete the sink',
      prose: 'Remove the connector. Its consumer group keeps its committed offsets, so a connector with the same name continues where this one stopped: at the malformed message.',
      show: curl('DELETE', `/connectors/${SINK}`),
    }),
    step({
      title: 'Register the sink with errors.tolerance=all and a dead letter queue',
      prose:
        'The same sink, now with `errors.tolerance=all`, a dead letter queue topic and `errors.deadletterqueue.context.headers.enable=true`, which adds `__connect.errors.*` headers describing the failure to each record it sends there.',
      show: curl('POST', '/connectors', 'sink-tolerance-all.json'),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTask(ctx, 'RUNNING');
        await waitUntil(async () => (await dlqRecords(ctx)).length > 0, 60_000, `a record on ${DLQ}`, 250);
        const records = await dlqRecords(ctx);
        ctx.record('dead letter queue', records.map(shownRecord));
        stackTraces.set(ctx.lab.id, records.map((r) => r.headers['__connect.errors.exception.stacktrace'] ?? ''));
      },
      claims: [
        claim('the malformed message is in the dead letter queue, byte for byte', (ctx) => {
          const records = ctx.output['dead letter queue'] as Array<{ value: string }>;
          assert.equal(records.length, 1);
          assert.equal(records[0].value, 'this is not JSON');
        }),
        claim('its headers name the topic, partition and offset it came from, the connector, task and stage', (ctx) => {
          const h = (ctx.output['dead letter queue'] as Array<{ headers: Record<string, string> }>)[0].headers;
          assert.equal(h['__connect.errors.topic'], TOPIC);
          assert.equal(h['__connect.errors.partition'], '0');
          assert.equal(h['__connect.errors.offset'], '2');
          assert.equal(h['__connect.errors.connector.name'], SINK);
          assert.equal(h['__connect.errors.task.id'], '0');
          assert.equal(h['__connect.errors.stage'], 'VALUE_CONVERTER');
          assert.equal(h['__connect.errors.class.name'], 'org.apache.kafka.connect.json.JsonConverter');
        }),
        claim('and the exception: class, message and stack trace', (ctx) => {
          const h = (ctx.output['dead letter queue'] as Array<{ headers: Record<string, string> }>)[0].headers;
          assert.equal(h['__connect.errors.exception.class.name'], 'org.apache.kafka.connect.errors.DataException');
          assert.match(h['__connect.errors.exception.message'], /^Converting byte\[\] to Kafka Connect data failed due to serialization error/);
          const trace = stackTraces.get(ctx.lab.id)?.[0] ?? '';
          assert.match(trace, /^org\.apache\.kafka\.connect\.errors\.DataException: Converting byte\[\] to Kafka Connect data failed/);
          assert.match(trace, /\n\s+at /); // frames follow
        }),
      ],
    }),
    step({
      title: 'The rest flows',
      prose:
        'A new payment at the source passes the malformed message and reaches the target. The sink then commits its position in the topic (its consumer group `connect-payments-sink`): offset 4, past the malformed message at offset 2. Connect commits a sink\'s offsets periodically (`offset.flush.interval.ms`), and a restarted task reads from the last commit, so a record handled before that commit would be read, and sent to the dead letter queue, again.',
      show: sql('06-more.sql'),
      expect: { topic: TOPIC, events: 1 },
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTarget(ctx, ROWS, (rows) => rows.length === 3, 'payment 3 in the target');
        await waitForCommitted(ctx, 4);
      },
      claims: [
        claim('payment 3 is in the target and the task is RUNNING', async (ctx) => {
          assert.deepEqual(await ctx.targetQuery(ROWS), await sourceRows(ctx));
          assert.equal((await statusView(ctx)).task, 'RUNNING');
        }),
      ],
    }),
    step({
      title: 'A row the target rejects',
      prose:
        "A refund with a negative amount, then a normal payment. The target's CHECK constraint refuses the refund. This failure happens inside the sink's `put()`, where `errors.tolerance=all` does not apply: the task fails, even with a dead letter queue configured.",
      show: sql('07-refund.sql'),
      expect: { topic: TOPIC, events: 2 },
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTask(ctx, 'FAILED');
        await recordStatus(ctx);
      },
      claims: [
        claim('the task FAILED with the PostgreSQL error naming the check constraint', (ctx) => {
          const s = ctx.output.status as TaskView & { causes?: string[] };
          assert.equal(s.task, 'FAILED');
          assert.match(s.trace ?? '', /ConnectException: Exiting WorkerSinkTask due to unrecoverable exception/);
          assert.ok((s.causes ?? []).some((c) => /violates check constraint "payments_amount_check"/.test(c)), (s.causes ?? []).join('\n'));
        }),
        claim('the dead letter queue still holds only the malformed message', async (ctx) => {
          assert.equal((await dlqRecords(ctx)).length, 1);
        }),
        claim('neither the refund nor the payment after it is in the target: they wait in Kafka', async (ctx) => {
          const rows = await ctx.targetQuery('SELECT id FROM payments WHERE id >= 4 ORDER BY id');
          assert.deepEqual(rows, []);
        }),
      ],
    }),
    step({
      title: 'Fix the target',
      prose: 'The target\'s owner decides refunds are valid and drops the constraint. (This runs on the target database.)',
      show: sql('09-allow-refunds.sql'),
      run: (ctx) => runOnTarget(ctx, '09-allow-refunds.sql'),
    }),
    step({
      title: 'Restart the failed task',
      prose: 'Restarting the failed task makes it read again from the last committed offset: the refund first.',
      show: curl('POST', `/connectors/${SINK}/restart?includeTasks=true&onlyFailed=true`),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTarget(ctx, ROWS, (rows) => rows.length === 5, 'payments 4 and 5 in the target');
        await waitForCommitted(ctx, 6);
      },
      claims: [
        claim('the refund and the payment after it are now in the target, and the task is RUNNING', async (ctx) => {
          assert.deepEqual(await ctx.targetQuery(ROWS), await sourceRows(ctx));
          await waitForTask(ctx, 'RUNNING');
        }),
      ],
    }),
    step({
      title: 'A value the target column cannot take',
      prose: "A customer name of 26 characters; the target's column holds 20. Again a failure in `put()`: the task fails.",
      show: sql('11-long-name.sql'),
      expect: { topic: TOPIC, events: 1 },
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTask(ctx, 'FAILED');
        await recordStatus(ctx);
      },
      claims: [
        claim('the task FAILED with "value too long for type character varying(20)"', (ctx) => {
          const s = ctx.output.status as TaskView & { causes?: string[] };
          assert.equal(s.task, 'FAILED');
          assert.ok((s.causes ?? []).some((c) => /value too long for type character varying\(20\)/.test(c)), (s.causes ?? []).join('\n'));
        }),
        claim('the dead letter queue still holds only the malformed message', async (ctx) => {
          assert.equal((await dlqRecords(ctx)).length, 1);
        }),
      ],
    }),
    step({
      title: 'Widen the column and restart',
      prose: 'The fix is on the target again: a column as wide as the source\'s. Then the same restart.',
      show: sql('13-widen.sql'),
      run: async (ctx) => {
        await runOnTarget(ctx, '13-widen.sql');
        await ctx.connector(SINK).restart!();
        await waitForTarget(ctx, ROWS, (rows) => rows.length === 6, 'payment 6 in the target');
        await waitForCommitted(ctx, 7);
      },
      claims: [
        claim('payment 6 is in the target with its full name', async (ctx) => {
          const rows = await ctx.targetQuery('SELECT customer FROM payments WHERE id = 6');
          assert.deepEqual(rows, [{ customer: 'Margaret Hamilton-Smithson' }]);
        }),
      ],
    }),
    step({
      title: 'Read the dead letter queue with its headers',
      prose: 'What an operator runs to see why records were set aside: the console consumer with `print.headers=true`.',
      show: shell(`kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic ${DLQ} --property print.headers=true --from-beginning`),
      run: async (ctx) => {
        ctx.record('records', (await dlqRecords(ctx)).map(shownRecord));
      },
      claims: [
        claim('it holds exactly one record, with all ten __connect.errors.* headers', (ctx) => {
          const records = ctx.output.records as Array<{ headers: Record<string, string> }>;
          assert.equal(records.length, 1);
          assert.deepEqual(Object.keys(records[0].headers).sort(), [
            '__connect.errors.class.name', '__connect.errors.connector.name', '__connect.errors.exception.class.name',
            '__connect.errors.exception.message', '__connect.errors.exception.stacktrace', '__connect.errors.offset',
            '__connect.errors.partition', '__connect.errors.stage', '__connect.errors.task.id', '__connect.errors.topic',
          ]);
        }),
      ],
    }),
    step({
      title: 'Count: nothing lost, nothing doubled',
      prose:
        'Every record on the topic is accounted for: each source change is a row in the target, and the one record that was not a change is in the dead letter queue.',
      show: shell(`kafka-get-offsets.sh --bootstrap-server localhost:9092 --topic ${TOPIC}`),
      run: async (ctx) => {
        const offsets = await ctx.kafka.fetchTopicOffsets(TOPIC);
        const onTopic = offsets.reduce((n, p) => n + Number(p.high), 0);
        const changes = ctx.topicEvents(TOPIC).filter((e) => e.value !== null && typeof e.value === 'object').length;
        const applied = (await ctx.targetQuery('SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM payments'))[0];
        const dlq = await dlqRecords(ctx);
        ctx.record('accounting', {
          'records on the topic': onTopic,
          'source changes': changes,
          'rows in the target': applied.n,
          'records in the DLQ': dlq.length,
        });
      },
      claims: [
        claim('source changes = rows applied + nothing else: 6 changes, 6 rows, each id once', async (ctx) => {
          const a = ctx.output.accounting as Record<string, number>;
          assert.equal(a['source changes'], 6);
          assert.equal(a['rows in the target'], 6);
          assert.deepEqual(await ctx.targetQuery(ROWS), await sourceRows(ctx));
        }),
        claim('records on the topic = rows applied + DLQ records (7 = 6 + 1); with the position committed past it before each restart, the DLQ holds the malformed record once', async (ctx) => {
          const a = ctx.output.accounting as Record<string, number>;
          assert.equal(a['records on the topic'], a['rows in the target'] + a['records in the DLQ']);
          const dlq = await dlqRecords(ctx);
          const origins = new Set(dlq.map((r) => `${r.headers['__connect.errors.partition']}/${r.headers['__connect.errors.offset']}`));
          assert.equal(origins.size, dlq.length);
        }),
      ],
    }),
  ],
});
