// DDL while a connector streams: ADD COLUMN (nullable; NOT NULL with a default), DROP COLUMN,
// RENAME COLUMN and a type change. What the change events' schemas show and when, what the JDBC
// sink's schema.evolution=basic applies downstream and what it leaves behind, and how it fails.
import assert from 'node:assert/strict';
import { claim, curl, defineLab, envelope, sql, step, waitForTarget, waitUntil, type Row, type StepContext } from '../../harness/kit/index.ts';
// the JsonConverter's schema half, which the kit's event log strips (shared with the decimal lab)
import { afterFieldSchemas } from '../decimal-handling/field-schemas.ts';

const TOPIC = 'sc.public.customers';
const MARKERS = 'sc.public.markers';
const SINK = 'customers-sink';
const COLUMNS = `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
  WHERE table_name = 'customers' ORDER BY ordinal_position`;
const ROWS = 'SELECT * FROM customers ORDER BY id';

/** The `after` fields of the topic's last event, as `name: type` (`?` when optional, `= default`). */
async function recordFields(ctx: StepContext): Promise<string[]> {
  const fields = Object.entries(await afterFieldSchemas(ctx, TOPIC)).map(
    ([name, s]) => `${name}: ${s.type}${s.optional ? '?' : ''}${'default' in s ? ` = ${JSON.stringify((s as { default: unknown }).default)}` : ''}`,
  );
  ctx.record('after fields', fields);
  return fields;
}
const fieldsOf = (ctx: StepContext): string[] => ctx.output['after fields'] as string[];

async function targetColumns(ctx: StepContext): Promise<Record<string, string>> {
  const rows = await ctx.targetQuery(COLUMNS);
  return Object.fromEntries(rows.map((r) => [r.column_name, `${r.data_type}${r.is_nullable === 'NO' ? ' not null' : ''}${r.column_default === null ? '' : ` default ${r.column_default}`}`]));
}

async function targetRow(ctx: StepContext, id: number): Promise<Row | undefined> {
  return (await ctx.targetQuery(`${ROWS.replace(' ORDER BY id', '')} WHERE id = $1`, [id]))[0];
}

/** The failed sink task's trace, by run (the transcript keeps only whether it names the cause). */
const failTrace = new Map<string, string>();

const afterOf = (ctx: StepContext, i = 0) => envelope(ctx.events.filter((e) => e.topic === TOPIC)[i]).after ?? {};

export default defineLab({
  id: 'schema-changes',
  title: 'Schema changes while streaming',
  summary:
    'ADD COLUMN, DROP COLUMN, RENAME and a type change on a captured table: when the change events show them, what the JDBC sink\'s schema evolution applies downstream, what it leaves behind, and the change that stops it.',
  minutes: 20,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'] },
  steps: [
    step({
      title: 'Create the tables',
      prose: 'One customer to start with, and a `markers` table whose changes show how far the stream has got.',
      show: sql('01-tables.sql'),
    }),
    step({
      title: 'Start capturing',
      prose: 'The connector captures both tables. Each event carries its schema: the JSON converter writes it next to the payload.',
      show: curl('POST', '/connectors', 'source.json'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(TOPIC, 1);
        await ctx.waitForEvents(MARKERS, 1);
        await recordFields(ctx);
      },
      claims: [
        claim('the snapshot event\'s schema has id, name, email and points; points is required with default 0', (ctx) => {
          assert.deepEqual(fieldsOf(ctx), ['id: int32', 'name: string?', 'email: string?', 'points: int32 = 0']);
        }),
      ],
    }),
    step({
      title: 'Start the JDBC sink',
      prose: 'The sink writes the topic to a `customers` table in the target database. With `schema.evolution=basic` it creates the table, and later adds the columns it finds missing (the Confluent JDBC sink calls this `auto.create` and `auto.evolve`).',
      show: curl('POST', '/connectors', 'sink.json'),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForTarget(ctx, ROWS, (rows) => rows.length === 1, 'customer 1 in the target');
      },
      claims: [
        claim('the target table has the four columns, points NOT NULL with default 0', async (ctx) => {
          assert.deepEqual(await targetColumns(ctx), {
            id: 'integer not null',
            name: 'text',
            email: 'text',
            points: 'integer not null default 0',
          });
        }),
      ],
    }),
    step({
      title: 'Add a nullable column',
      prose:
        'Logical decoding (`pgoutput`) sends row changes, not DDL: the connector learns of the new column only with the next change to a row of this table. The change to `markers`, committed after the `ALTER`, arrives; nothing arrives for `customers`.',
      show: sql('03-add-phone.sql'),
      expect: { topic: MARKERS, events: 1 },
      claims: [
        claim('the ALTER TABLE sends nothing: the marker after it arrives, and customers\' topic still holds one record', async (ctx) => {
          assert.equal(ctx.events.length, 1);
          const offsets = await ctx.kafka.fetchTopicOffsets(TOPIC);
          assert.equal(offsets.reduce((n, p) => n + Number(p.high), 0), 1);
        }),
        claim('Debezium\'s PostgreSQL connector has no schema change topic: no topic is named after the prefix alone', async (ctx) => {
          assert.equal((await ctx.kafka.listTopics()).includes('sc'), false);
        }),
      ],
    }),
    step({
      title: 'Insert a row with a phone',
      prose: 'The first row change after the `ALTER`. Its event has the new field; the sink adds the column before writing the row. Customer 1 was written before and has NULL there.',
      show: sql('04-insert-with-phone.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(TOPIC, 1);
        await recordFields(ctx);
        await waitForTarget(ctx, ROWS, (rows) => rows.length === 2, 'customer 2 in the target');
      },
      claims: [
        claim('the event\'s schema now ends with phone: string?', (ctx) => {
          assert.deepEqual(fieldsOf(ctx), ['id: int32', 'name: string?', 'email: string?', 'points: int32 = 0', 'phone: string?']);
          assert.equal(afterOf(ctx).phone, '555-0102');
        }),
        claim('the sink added a nullable phone column; customer 1 has NULL in it', async (ctx) => {
          assert.equal((await targetColumns(ctx)).phone, 'text');
          assert.equal((await targetRow(ctx, 1))?.phone, null);
          assert.equal((await targetRow(ctx, 2))?.phone, '555-0102');
        }),
      ],
    }),
    step({
      title: 'Add a NOT NULL column with a default',
      prose:
        'Existing rows read the default at once. The next update of customer 1 carries `tier = "basic"`, and the schema says the field is required with a default.',
      show: sql('05-add-tier.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(TOPIC, 1);
        await recordFields(ctx);
        await waitForTarget(ctx, 'SELECT 1 FROM customers WHERE id = 1 AND points = 20', (rows) => rows.length === 1, 'the update in the target');
      },
      claims: [
        claim('the event has tier = "basic", and its schema says tier: string = "basic"', (ctx) => {
          assert.equal(afterOf(ctx).tier, 'basic');
          assert.equal(fieldsOf(ctx).at(-1), 'tier: string = "basic"');
        }),
        claim('the sink added tier to the target; customer 1 has "basic" there', async (ctx) => {
          assert.ok('tier' in (await targetColumns(ctx)));
          assert.equal((await targetRow(ctx, 1))?.tier, 'basic');
        }),
      ],
    }),
    step({
      title: 'Drop a column',
      prose:
        'After the `DROP COLUMN` the events have no `email`. Schema evolution only adds: the target keeps its `email` column. The upsert sets the columns the event has, so customer 1 keeps the email the source no longer has, and customer 3 gets NULL.',
      show: sql('06-drop-email.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(TOPIC, 2);
        await recordFields(ctx);
        await waitForTarget(ctx, ROWS, (rows) => rows.length === 3, 'customer 3 in the target');
      },
      claims: [
        claim('the events have no email field', (ctx) => {
          assert.equal(fieldsOf(ctx).some((f) => f.startsWith('email')), false);
          assert.equal('email' in afterOf(ctx, 0), false);
        }),
        claim('the target still has the email column, and customer 1 keeps ada@example.com there', async (ctx) => {
          assert.ok('email' in (await targetColumns(ctx)));
          const ada = await targetRow(ctx, 1);
          assert.equal(ada?.email, 'ada@example.com');
          assert.equal(ada?.points, 30);
          assert.equal((await targetRow(ctx, 3))?.email, null);
        }),
      ],
    }),
    step({
      title: 'Rename a column',
      prose:
        'To a consumer a rename is a field that went away and a new one. The sink adds `full_name`; `name` stays in the target with the old values, and new rows leave it NULL. Nothing in the event says the two are the same column.',
      show: sql('07-rename.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(TOPIC, 1);
        await recordFields(ctx);
        await waitForTarget(ctx, ROWS, (rows) => rows.length === 4, 'customer 4 in the target');
      },
      claims: [
        claim('the event has full_name and no name', (ctx) => {
          assert.deepEqual(fieldsOf(ctx).map((f) => f.split(':')[0]), ['id', 'full_name', 'points', 'phone', 'tier']);
          assert.equal(afterOf(ctx).full_name, 'Dorothy');
        }),
        claim('the target has both name and full_name: customer 4 only in full_name, customer 1 only in name', async (ctx) => {
          const cols = await targetColumns(ctx);
          assert.ok('name' in cols && 'full_name' in cols);
          const dorothy = await targetRow(ctx, 4);
          assert.deepEqual([dorothy?.name, dorothy?.full_name], [null, 'Dorothy']);
          const ada = await targetRow(ctx, 1);
          assert.deepEqual([ada?.name, ada?.full_name], ['Ada', null]);
        }),
      ],
    }),
    step({
      title: 'Change a column\'s type',
      prose: '`points` becomes `bigint`. The next event says `int64`; the target column stays `integer`, since schema evolution never changes a type. A small value still fits.',
      show: sql('08-widen.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(TOPIC, 1);
        await recordFields(ctx);
        await waitForTarget(ctx, 'SELECT 1 FROM customers WHERE id = 1 AND points = 40', (rows) => rows.length === 1, 'points = 40 in the target');
      },
      claims: [
        claim('the event\'s schema says points: int64', (ctx) => {
          assert.ok(fieldsOf(ctx).some((f) => f.startsWith('points: int64')), fieldsOf(ctx).join(', '));
        }),
        claim('the target column is still integer, and holds 40', async (ctx) => {
          assert.match((await targetColumns(ctx)).points, /^integer/);
          assert.equal((await targetRow(ctx, 1))?.points, 40);
        }),
      ],
    }),
    step({
      title: 'A value only the new type holds',
      prose: 'Three billion fits a `bigint` at the source but not the target\'s `integer`. The event arrives; the sink task fails on the write.',
      show: sql('09-big-points.sql'),
      expect: { topic: TOPIC, events: 1 },
      run: async (ctx) => {
        await ctx.runShown();
        await waitUntil(async () => (await ctx.connector(SINK).status()).tasks[0]?.state === 'FAILED', 60_000, `task 0 of ${SINK} to fail`, 250);
        const task = (await ctx.connector(SINK).status()).tasks[0];
        // the real sink binds a bigint ("integer out of range"), ours the text ("value … is out of range for type integer")
        ctx.record('sink task', { state: task?.state, 'the trace says out of range': /out of range/.test(task?.trace ?? '') });
        failTrace.set(`${ctx.lab.id}/${ctx.engineName}`, task?.trace ?? '');
      },
      claims: [
        claim('the event carries 3000000000', (ctx) => {
          assert.equal(afterOf(ctx).points, 3000000000);
        }),
        claim('the sink task FAILED: PostgreSQL refuses the value as out of range for integer; the target still has 40', async (ctx) => {
          assert.deepEqual(ctx.output['sink task'], { state: 'FAILED', 'the trace says out of range': true });
          assert.match(failTrace.get(`${ctx.lab.id}/${ctx.engineName}`) ?? '', /(integer out of range|out of range for type integer)/);
          assert.equal((await targetRow(ctx, 1))?.points, 40);
        }),
      ],
    }),
  ],
});
