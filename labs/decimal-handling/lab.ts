// numeric columns under decimal.handling.mode precise, string and double: what the events carry,
// how a consumer decodes precise's base64 with the scale from the schema, a value double rounds, a
// NaN, and the columns the JDBC sink creates for each.
import assert from 'node:assert/strict';
import { claim, curl, defineLab, envelope, shell, sql, step, waitForTarget, type StepContext } from '../../harness/kit/index.ts';
import { decodeDecimal } from './decode-decimal.ts';
import { afterFieldSchemas, type FieldSchema } from './field-schemas.ts';

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
    'The same numeric columns captured under each decimal.handling.mode: base64 bytes that need the schema\'s scale to decode, exact strings, and doubles that round a large value; a NaN in each; and the column types the JDBC sink creates from each.',
  minutes: 15,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'] },
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
  ],
});
