// numeric columns under decimal.handling.mode precise, string and double: what the events carry,
// how a consumer decodes precise's base64 with the scale from the schema, a value double rounds, a
// NaN, the columns the JDBC sink creates for each, and the Parquet types our S3 sink writes for each.
import assert from 'node:assert/strict';
import { claim, curl, defineLab, envelope, json, shell, sql, step, waitForSinkCommit, waitForTarget, type StepContext } from '../../harness/kit/index.ts';
import { startS3Sink } from '../../harness/engine/index.ts';
import { decodeDecimal } from './decode-decimal.ts';
import { afterFieldSchemas, type FieldSchema } from './field-schemas.ts';
import { BUCKET, duckdb, resetBucket } from './lake.ts';

type Mode = 'precise' | 'string' | 'double';
const topic = (mode: Mode): string => `dec_${mode}.public.prices`;
const DECIMAL = 'org.apache.kafka.connect.data.Decimal';
const VARIABLE = 'io.debezium.data.VariableScaleDecimal';

/** The `after` of the step's event for row `id`. */
function afterOf(ctx: StepContext, id: number): Record<string, unknown> {
  const e = ctx.events.find((x) => (x.key as { id?: number } | null)?.id === id);
  const after = envelope(e).after;
  if (after === null) throw new Error(`row ${id} has no after`);
  return after;
}

const schemas = new Map<string, Record<string, FieldSchema>>();

/** Reads and records the value schema of price, big and ratio on the mode's topic. */
async function recordSchemas(ctx: StepContext, mode: Mode): Promise<void> {
  const all = await afterFieldSchemas(ctx, topic(mode));
  const shown = { price: all.price, big: all.big, ratio: all.ratio };
  schemas.set(`${ctx.lab.id}/${ctx.engineName}/${mode}`, shown);
  ctx.record('after field schemas', shown);
}
const schemaOf = (ctx: StepContext, mode: Mode, column: string): FieldSchema => {
  const s = schemas.get(`${ctx.lab.id}/${ctx.engineName}/${mode}`)?.[column];
  if (s === undefined) throw new Error(`no schema recorded for ${column} under ${mode}`);
  return s;
};

const MODES: Mode[] = ['precise', 'string', 'double'];
const parquetKey = (mode: Mode): string => `lake/${topic(mode)}/partition=0/${topic(mode)}+0+0000000000.snappy.parquet`;

const TARGET_COLUMNS = (table: string): string =>
  `SELECT attname AS column_name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
   WHERE attrelid = '${table}'::regclass AND attname IN ('price', 'big', 'ratio') ORDER BY attnum`;
const TARGET_ROWS = (table: string): string => `SELECT id, price::text, big::text, ratio::text FROM ${table} ORDER BY id`;

/** The target's column types of one sink's table, as a name → type map. */
async function targetTypes(ctx: StepContext, table: string): Promise<Record<string, string>> {
  const rows = await ctx.targetQuery(TARGET_COLUMNS(table));
  return Object.fromEntries(rows.map((r) => [r.column_name, r.type]));
}

function sinkStep(mode: Mode, prose: string, claims: ReturnType<typeof claim>[]) {
  return step({
    title: `Write the ${mode} events with the JDBC sink`,
    prose,
    show: curl('POST', '/connectors', `sink-${mode}.json`),
    run: async (ctx) => {
      await ctx.runShown();
      await waitForTarget(ctx, `SELECT 1 FROM prices_${mode}`, (rows) => rows.length === 2, `both rows in prices_${mode}`);
    },
    claims,
  });
}

function deleteStep(mode: Mode) {
  return step({
    title: `Remove the ${mode} source connector`,
    prose: 'The lab runs one source connector at a time, so this one goes before the next starts.',
    show: curl('DELETE', `/connectors/prices-${mode}`),
  });
}

export default defineLab({
  id: 'decimal-handling',
  title: 'Decimals: precise, string and double',
  summary:
    'The same numeric columns captured under each decimal.handling.mode: base64 bytes that need the schema\'s scale to decode, exact strings, and doubles that round a large value; a NaN in each; the column types the JDBC sink creates from each, and the Parquet types the S3 sink writes.',
  minutes: 20,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'], services: ['s3'] },
  steps: [
    step({
      title: 'Create the prices table',
      prose:
        '`price` has a fixed precision and scale, `big` the same scale with 20 digits (more than a double holds exactly), and `ratio` is a bare `numeric`: every value has its own scale, and it can hold `NaN`.',
      show: sql('01-prices.sql'),
      claims: [
        claim('PostgreSQL stores both rows exactly, NaN included', (ctx) => {
          assert.deepEqual(ctx.resultRows, [
            { id: 1, price: '19.99', big: '12345678901234567.89', ratio: '0.125' },
            { id: 2, price: '0.10', big: '0.30', ratio: 'NaN' },
          ]);
        }),
      ],
    }),
    step({
      title: 'Capture with decimal.handling.mode=precise',
      prose:
        'The default mode. A `numeric(p,s)` value becomes Kafka Connect\'s `Decimal`: in JSON, the base64 of the unscaled integer\'s bytes, with the scale only in the schema. A bare `numeric` has no fixed scale, so each value carries its own: Debezium\'s `VariableScaleDecimal`, a struct of `scale` and `value`.',
      show: curl('POST', '/connectors', 'source-precise.json'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(topic('precise'), 2);
        await recordSchemas(ctx, 'precise');
      },
      claims: [
        claim('19.99 arrives as the string "B88=", the bytes of 1999; the schema says Decimal with scale 2', (ctx) => {
          assert.equal(afterOf(ctx, 1).price, 'B88=');
          const s = schemaOf(ctx, 'precise', 'price');
          assert.equal(s.name, DECIMAL);
          assert.deepEqual(s.parameters, { scale: '2', 'connect.decimal.precision': '10' });
        }),
        claim('the 20-digit value arrives as 8 bytes, "ESIQ9H3pgRU="', (ctx) => {
          assert.equal(afterOf(ctx, 1).big, 'ESIQ9H3pgRU=');
          assert.equal(schemaOf(ctx, 'precise', 'big').parameters?.scale, '2');
        }),
        claim('the bare numeric 0.125 arrives as a VariableScaleDecimal struct: scale 3, value "fQ==" (125)', (ctx) => {
          assert.deepEqual(afterOf(ctx, 1).ratio, { scale: 3, value: 'fQ==' });
          assert.equal(schemaOf(ctx, 'precise', 'ratio').name, VARIABLE);
        }),
        claim('NaN has no Decimal form: ratio arrives as null', (ctx) => {
          assert.equal(afterOf(ctx, 2).ratio, null);
        }),
      ],
    }),
    step({
      title: 'Decode a precise value',
      prose:
        'A consumer that reads these events must decode the bytes as a big-endian two\'s-complement integer and place the point by the scale from the schema. Nothing in the payload says 2; a consumer that guesses gets a wrong number, silently. The decoder in the lab folder does it with big integers, no floating point.',
      show: shell('node labs/decimal-handling/decode-decimal.ts ESIQ9H3pgRU= 2'),
      run: async (ctx) => {
        const decoded = (mode: Mode, id: number, column: string) => decodeDecimal(String(afterOf({ ...ctx, events: ctx.topicEvents(topic(mode)) }, id)[column]), Number(schemaOf(ctx, mode, column).parameters?.scale));
        ctx.record('decoded', { price: [decoded('precise', 1, 'price'), decoded('precise', 2, 'price')], big: [decoded('precise', 1, 'big'), decoded('precise', 2, 'big')] });
      },
      claims: [
        claim('decoded with the schema\'s scale, every price and big value is exactly the source\'s', (ctx) => {
          assert.deepEqual(ctx.output.decoded, { price: ['19.99', '0.10'], big: ['12345678901234567.89', '0.30'] });
        }),
        claim('decoded with a wrong scale, the same bytes are a different number and nothing fails', () => {
          assert.equal(decodeDecimal('ESIQ9H3pgRU=', 0), '1234567890123456789');
        }),
      ],
    }),
    sinkStep('precise', 'The JDBC sink creates its table from the schema (`schema.evolution=basic`): the Decimal\'s precision and scale become the column\'s. A `VariableScaleDecimal` has no precision to give, and the sink makes it a `double precision` column.', [
      claim('the sink creates price numeric(10,2) and big numeric(20,2), and writes the values exactly', async (ctx) => {
        const types = await targetTypes(ctx, 'prices_precise');
        assert.equal(types.price, 'numeric(10,2)');
        assert.equal(types.big, 'numeric(20,2)');
        const rows = await ctx.targetQuery(TARGET_ROWS('prices_precise'));
        assert.deepEqual(rows.map((r) => [r.price, r.big]), [['19.99', '12345678901234567.89'], ['0.10', '0.30']]);
      }),
      claim('the bare numeric becomes a double precision column; the NaN row holds NULL', async (ctx) => {
        assert.equal((await targetTypes(ctx, 'prices_precise')).ratio, 'double precision');
        const rows = await ctx.targetQuery(TARGET_ROWS('prices_precise'));
        assert.deepEqual(rows.map((r) => r.ratio), ['0.125', null]);
      }),
    ]),
    deleteStep('precise'),
    step({
      title: 'Capture with decimal.handling.mode=string',
      prose: 'The same rows through a second connector with its own slot and topic prefix. Each value is its text, with the scale written out; no schema is needed to read it.',
      show: curl('POST', '/connectors', 'source-string.json'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(topic('string'), 2);
        await recordSchemas(ctx, 'string');
      },
      claims: [
        claim('every value is its exact text: "19.99", "12345678901234567.89", "0.125"', (ctx) => {
          const a = afterOf(ctx, 1);
          assert.deepEqual([a.price, a.big, a.ratio], ['19.99', '12345678901234567.89', '0.125']);
          assert.equal(afterOf(ctx, 2).price, '0.10');
        }),
        claim('the schema is a plain string, with no name and no scale', (ctx) => {
          for (const c of ['price', 'big', 'ratio']) {
            assert.equal(schemaOf(ctx, 'string', c).type, 'string');
            assert.equal(schemaOf(ctx, 'string', c).name, undefined);
          }
        }),
        claim('NaN arrives as the string "NAN", not "NaN"', (ctx) => {
          assert.equal(afterOf(ctx, 2).ratio, 'NAN');
        }),
      ],
    }),
    sinkStep('string', 'From a string schema the sink can only create text columns.', [
      claim('the sink creates text columns; the values are the exact text, NaN as "NAN"', async (ctx) => {
        assert.deepEqual(await targetTypes(ctx, 'prices_string'), { price: 'text', big: 'text', ratio: 'text' });
        const rows = await ctx.targetQuery(TARGET_ROWS('prices_string'));
        assert.deepEqual(rows.map((r) => [r.big, r.ratio]), [['12345678901234567.89', '0.125'], ['0.30', 'NAN']]);
      }),
    ]),
    deleteStep('string'),
    step({
      title: 'Capture with decimal.handling.mode=double',
      prose: 'A third connector sends each value as a 64-bit float. A double has about 16 significant digits; `big` has 19.',
      show: curl('POST', '/connectors', 'source-double.json'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.waitForEvents(topic('double'), 2);
        await recordSchemas(ctx, 'double');
      },
      claims: [
        claim('the schema is double; 19.99 and 0.125 arrive as those numbers', (ctx) => {
          assert.equal(schemaOf(ctx, 'double', 'price').type, 'double');
          assert.equal(afterOf(ctx, 1).price, 19.99);
          assert.equal(afterOf(ctx, 1).ratio, 0.125);
        }),
        claim('12345678901234567.89 arrives rounded to 12345678901234568: the cents are gone', (ctx) => {
          assert.equal(afterOf(ctx, 1).big, 12345678901234568);
          assert.notEqual(String(afterOf(ctx, 1).big), '12345678901234567.89');
        }),
        claim('NaN arrives as the JSON string "NaN"', (ctx) => {
          assert.equal(afterOf(ctx, 2).ratio, 'NaN');
        }),
      ],
    }),
    sinkStep('double', 'The sink creates `double precision` columns. The NaN is another matter: Kafka\'s `JsonConverter` in the sink reads a double field with Jackson\'s `doubleValue()`, which is 0 for the text `"NaN"`.', [
      claim('the sink creates double precision columns, and big holds the rounded value', async (ctx) => {
        assert.deepEqual(await targetTypes(ctx, 'prices_double'), { price: 'double precision', big: 'double precision', ratio: 'double precision' });
        const rows = await ctx.targetQuery(TARGET_ROWS('prices_double'));
        assert.equal(rows[0].big, '1.2345678901234568e+16');
      }),
      claim('the NaN is written as 0, and the sink task stays RUNNING: nothing fails', async (ctx) => {
        const rows = await ctx.targetQuery(TARGET_ROWS('prices_double'));
        assert.equal(rows[1].ratio, '0');
        assert.deepEqual((await ctx.connector('sink-double').status()).tasks.map((t) => t.state), ['RUNNING']);
      }),
    ]),
    deleteStep('double'),
    step({
      title: 'Compare the three targets',
      prose: 'The same source value, as each pipeline delivered it. Only `double` changed it; only `precise` kept a numeric type with its scale.',
      show: sql('compare.sql'),
      run: async (ctx) => {
        ctx.resultRows = await ctx.targetQuery(ctx.shown ?? '');
      },
      claims: [
        claim('precise and string hold 12345678901234567.89; double holds 12345678901234568', (ctx) => {
          const [row] = ctx.resultRows;
          assert.deepEqual(row, { precise: '12345678901234567.89', string: '12345678901234567.89', double: '1.2345678901234568e+16' });
        }),
      ],
    }),
    step({
      title: 'Write the three topics to Parquet with the S3 sink',
      prose:
        'One S3 sink reads the three topics, flattens each event to its row (`ExtractNewRecordState`) and writes Parquet, two records per object. Confluent\'s S3 sink is not on Maven Central, so on both engines this step runs the engine\'s S3 sink, which writes Parquet as Confluent\'s does (the Connect schema through `AvroData`, then `parquet-avro`); on the debezium engine it reads the topics Debezium wrote. The runner points it at the stack\'s S3 store and empties the bucket first.',
      show: json('sink-s3.json'),
      handsOn: 'runner', // the runner starts the engine's sink / runs DuckDB over a copy of the bucket
      run: async (ctx) => {
        await resetBucket(ctx);
        const sink = await startS3Sink({ config: ctx.connectorConfig(), bootstrapServers: ctx.stack.kafka.bootstrapServers });
        try {
          for (const mode of MODES) await waitForSinkCommit(ctx, 's3-decimals', topic(mode), 2);
          const { tasks } = sink.status();
          const { records_read, records_written, records_dropped } = sink.metrics();
          ctx.record('sink', { tasks: tasks.map((t) => t.state), records_read, records_written, records_dropped });
          ctx.record('objects', await ctx.s3!.list(BUCKET));
        } finally {
          await sink.stop();
        }
      },
      claims: [
        claim('one Parquet object per mode, named after offset 0, holding both rows (flush.size = 2; the sink committed offset 2 on each topic)', (ctx) => {
          assert.deepEqual(ctx.output.objects, MODES.map(parquetKey).sort());
          assert.equal((ctx.output.sink as { records_written: number }).records_written / (ctx.output.objects as string[]).length, 2);
        }),
        claim('the sink refuses nothing: 6 records read, 6 written, none dropped, the task RUNNING (no dead letter queue is involved)', (ctx) => {
          assert.deepEqual(ctx.output.sink, { tasks: ['RUNNING'], records_read: 6, records_written: 6, records_dropped: 0 });
        }),
      ],
    }),
    step({
      title: 'What type each mode is in Parquet',
      prose:
        'DuckDB reads each object\'s Parquet schema (the runner copies the bucket\'s objects to a local folder and runs the SQL there). A `Decimal` becomes a `BYTE_ARRAY` annotated `DECIMAL(precision, scale)`, the precision and scale from the Connect schema, so a Parquet reader gets an exact number without looking anywhere else. A `VariableScaleDecimal` stays what it was in Kafka, a group of `scale` and `value` bytes. Before this lab the engine\'s sink wrote a `Decimal` as bare bytes with no annotation, and the `VariableScaleDecimal` struct stopped the task; both are fixed.',
      show: sql('parquet-types.sql'),
      handsOn: 'runner', // the runner starts the engine's sink / runs DuckDB over a copy of the bucket
      run: async (ctx) => {
        ctx.resultRows = await duckdb(ctx, ctx.shown ?? '');
        ctx.record('parquet schema', ctx.resultRows);
      },
      claims: [
        claim('precise: price is BYTE_ARRAY DECIMAL(10,2), big BYTE_ARRAY DECIMAL(20,2)', (ctx) => {
          const of = (name: string) => ctx.resultRows.find((r) => r.mode === 'precise' && r.name === name);
          assert.deepEqual(of('price'), { mode: 'precise', name: 'price', type: 'BYTE_ARRAY', converted_type: 'DECIMAL', precision: 10, scale: 2, num_children: null });
          assert.deepEqual(of('big'), { mode: 'precise', name: 'big', type: 'BYTE_ARRAY', converted_type: 'DECIMAL', precision: 20, scale: 2, num_children: null });
        }),
        claim('precise: the bare numeric is a group ratio of an INT32 scale and BYTE_ARRAY value bytes, with no DECIMAL annotation', (ctx) => {
          const rows = ctx.resultRows.filter((r) => r.mode === 'precise' && ['ratio', 'scale', 'value'].includes(String(r.name)));
          assert.deepEqual(rows.map((r) => [r.name, r.type, r.converted_type, r.num_children]), [['ratio', null, null, 2], ['scale', 'INT32', null, null], ['value', 'BYTE_ARRAY', null, null]]);
        }),
        claim('string: every column is BYTE_ARRAY UTF8 (a Parquet string); double: every column is DOUBLE', (ctx) => {
          const of = (mode: Mode) => ctx.resultRows.filter((r) => r.mode === mode).map((r) => [r.name, r.type, r.converted_type]);
          assert.deepEqual(of('string'), ['price', 'big', 'ratio'].map((n) => [n, 'BYTE_ARRAY', 'UTF8']));
          assert.deepEqual(of('double'), ['price', 'big', 'ratio'].map((n) => [n, 'DOUBLE', null]));
        }),
      ],
    }),
    step({
      title: 'Read the values back from Parquet',
      prose:
        'The same rows from each object, cast to text. What each mode lost on the way to Kafka stays lost in Parquet: the sink writes what the events hold. The double NaN is 0 here too: the sink reads events with Kafka\'s `JsonConverter`, as the JDBC sink does, and the sink has nothing left to refuse.',
      show: sql('parquet-values.sql'),
      handsOn: 'runner', // the runner starts the engine's sink / runs DuckDB over a copy of the bucket
      run: async (ctx) => {
        ctx.resultRows = await duckdb(ctx, ctx.shown ?? '');
        ctx.record('parquet values', ctx.resultRows);
      },
      claims: [
        claim('precise reads back exactly: 19.99 and 12345678901234567.89 as DECIMAL values', (ctx) => {
          const rows = ctx.resultRows.filter((r) => r.mode === 'precise');
          assert.deepEqual(rows.map((r) => [r.price, r.big]), [['19.99', '12345678901234567.89'], ['0.10', '0.30']]);
        }),
        claim('precise keeps the bare numeric as scale 3 and the bytes 0x7D: 0.125 once decoded; the NaN row\'s ratio is null', (ctx) => {
          const rows = ctx.resultRows.filter((r) => r.mode === 'precise');
          assert.deepEqual(rows.map((r) => r.ratio), ['3 / 0x7D', null]);
          assert.equal(decodeDecimal(Buffer.from([0x7d]).toString('base64'), 3), '0.125');
        }),
        claim('string reads back the exact text, NaN as "NAN"', (ctx) => {
          const rows = ctx.resultRows.filter((r) => r.mode === 'string');
          assert.deepEqual(rows.map((r) => [r.price, r.big, r.ratio]), [['19.99', '12345678901234567.89', '0.125'], ['0.10', '0.30', 'NAN']]);
        }),
        claim('double reads back 12345678901234568 for big, and 0 for the NaN', (ctx) => {
          const rows = ctx.resultRows.filter((r) => r.mode === 'double');
          assert.equal(Number(rows[0].big), 12345678901234568);
          assert.equal(rows[0].big, '1.2345678901234568e+16');
          assert.equal(rows[1].ratio, '0.0');
        }),
      ],
    }),
  ],
});
