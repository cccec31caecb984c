// A connector that connects as a role with only what it needs: CONNECT, REPLICATION, SELECT on
// the captured table and a publication created for it. Each missing grant is tried first, with the
// error each engine gives and the grant that fixes it; the password shows up in no error.
import assert from 'node:assert/strict';
import { claim, curl, defineLab, opOf, sql, step, type StepContext } from '../../harness/kit/index.ts';
import { failedAttempt } from './attempt.ts';

const TOPIC = 'lp.public.orders';
const SECRET = 'reader-secret-42';
const errors = new Map<string, string>();
const key = (ctx: StepContext, attempt: string) => `${ctx.lab.id}/${ctx.engineName}/${attempt}`;

/** What each engine's error says, exactly as the page quotes it: checked on the engine that ran. */
interface Said {
  debezium: { quote: string; pattern: RegExp };
  native: { quote: string; pattern: RegExp };
}

function attemptStep(title: string, file: string, prose: string, refusal: string, said: Said) {
  return step({
    title,
    prose,
    show: curl('POST', '/connectors', file),
    // the refused start runs outside the kit's connectors (attempt.ts): in hands-on mode the runner does it
    handsOn: 'runner',
    run: async (ctx) => {
      const text = await failedAttempt(ctx, file);
      errors.set(key(ctx, title), text);
      // the part of PostgreSQL's refusal both engines report; the rest of their messages differ
      ctx.record('refused', text.includes(refusal) ? refusal : `(not found: ${refusal})`);
    },
    claims: [
      claim(`the start fails, and the error says "${refusal}"`, (ctx) => {
        assert.equal(ctx.output.refused, refusal);
      }),
      claim(`Debezium says: ${said.debezium.quote} — the native engine: ${said.native.quote}`, (ctx) => {
        const engine = ctx.engineName === 'debezium' ? said.debezium : said.native;
        assert.match(errors.get(key(ctx, title)) ?? '', engine.pattern);
      }),
      claim('the password appears nowhere in the error', (ctx) => {
        const text = errors.get(key(ctx, title)) ?? '';
        assert.ok(text.length > 0);
        assert.equal(text.includes(SECRET), false);
      }),
    ],
  });
}

export default defineLab({
  id: 'least-privilege',
  title: 'Least privilege: a connector role with only what it needs',
  summary:
    'Connect as a role that can only log in, then add what the connector asks for one error at a time: CONNECT on the database, REPLICATION, a publication created by the tables\' owner, SELECT on the captured table. Nothing more, and the password in no error.',
  minutes: 15,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'] },
  steps: [
    step({
      title: 'Create the tables and the connector\'s role',
      prose: 'As the database admin. `payroll` is not to be captured, and the connector should not be able to read it.',
      show: sql('01-setup.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        ctx.onCleanup(async () => {
          await ctx.pg.query('DROP OWNED BY cdc_reader').catch(() => undefined);
          await ctx.pg.query('DROP ROLE IF EXISTS cdc_reader').catch(() => undefined);
        });
      },
    }),
    attemptStep('Start the connector as cdc_reader', 'source-filtered.json', 'The role may log in, but PUBLIC no longer has CONNECT on this database. On Debezium, Kafka Connect validates the configuration by connecting and refuses the connector (HTTP 400); the native engine refuses to start.', 'permission denied for database "lab_least_privilege"', {
      debezium: { quote: '`Error while validating connector config: FATAL: permission denied for database "lab_least_privilege"` / `Detail: User does not have CONNECT privilege.`', pattern: /HTTP 400[\s\S]*Error while validating connector config: FATAL: permission denied for database "lab_least_privilege"\\n {2}Detail: User does not have CONNECT privilege\./ },
      native: { quote: '`Cannot connect to PostgreSQL at … database "lab_least_privilege" as "cdc_reader": permission denied for database "lab_least_privilege"`', pattern: /Cannot connect to PostgreSQL at .* database "lab_least_privilege" as "cdc_reader": permission denied for database "lab_least_privilege"/ },
    }),
    step({ title: 'Grant CONNECT', prose: 'On this database only.', show: sql('03-grant-connect.sql') }),
    attemptStep('Start it again after CONNECT', 'source-filtered.json', 'Streaming changes needs a replication connection (a WAL sender), which only a role with the REPLICATION attribute may open. On Debezium the connector is accepted and its task fails.', 'REPLICATION attribute', {
      debezium: { quote: '`Creation of replication slot failed`, caused by `FATAL: permission denied to start WAL sender` / `Detail: Only roles with the REPLICATION attribute may start a WAL sender process.`', pattern: /Creation of replication slot failed[\s\S]*FATAL: permission denied to start WAL sender\n {2}Detail: Only roles with the REPLICATION attribute may start a WAL sender process\./ },
      native: { quote: 'its own check before connecting, `… user "cdc_reader" has no REPLICATION attribute. Fix: ALTER ROLE "cdc_reader" WITH REPLICATION;`', pattern: /user "cdc_reader" has no REPLICATION attribute\. Fix: ALTER ROLE "cdc_reader" WITH REPLICATION;/ },
    }),
    step({ title: 'Give the role REPLICATION', prose: 'REPLICATION lets the role open replication connections and create slots; it gives no right to read any table.', show: sql('05-grant-replication.sql') }),
    attemptStep('Start it again after REPLICATION', 'source-filtered.json', 'With `publication.autocreate.mode=filtered` the connector creates the publication for the captured tables itself. `CREATE PUBLICATION` takes the CREATE right on the database, and `FOR TABLE` ownership of each table: rights a reader should not have.', 'permission denied for database lab_least_privilege', {
      debezium: { quote: '`Unable to create filtered publication lp_pub for "public"."orders"`, caused by `ERROR: permission denied for database lab_least_privilege`', pattern: /Unable to create filtered publication lp_pub for "public"\."orders"[\s\S]*ERROR: permission denied for database lab_least_privilege/ },
      native: { quote: '`permission denied for database lab_least_privilege. Creating publication "lp_pub" needs: GRANT CREATE ON DATABASE …; ownership of every captured table …`', pattern: /permission denied for database lab_least_privilege\. Creating publication "lp_pub" needs: GRANT CREATE ON DATABASE "lab_least_privilege" TO "cdc_reader"; ownership of every captured table/ },
    }),
    step({ title: 'Create the publication as the tables\' owner', prose: 'The owner creates the publication once; the connector is told not to create one (`publication.autocreate.mode=disabled`).', show: sql('07-create-publication.sql') }),
    step({
      title: 'Start with the publication, default retries',
      prose:
        'The same connector without `errors.max.retries`. Debezium counts the refused `SELECT` among the errors it retries, and its default is to retry for ever: the task reads RUNNING while nothing is captured. The native engine treats the refusal as final and fails at once. Either way nothing reaches Kafka.',
      show: curl('POST', '/connectors', 'source-default-retries.json'),
      run: async (ctx) => {
        const text = await failedAttempt(ctx, 'source-default-retries.json');
        errors.set(key(ctx, 'default retries'), text);
        ctx.record('orders on the topic', (await ctx.kafka.listTopics()).includes(TOPIC) ? 'some' : 'none');
      },
      claims: [
        claim('nothing is captured: the topic does not exist', (ctx) => {
          assert.equal(ctx.output['orders on the topic'], 'none');
        }),
        claim('Debezium: after 30 s the task is still RUNNING — the native engine: FAILED at once with "permission denied for table orders"', (ctx) => {
          const text = errors.get(key(ctx, 'default retries')) ?? '';
          if (ctx.engineName === 'debezium') assert.match(text, /^timed out after 30000 ms .*"tasks":\[\{"id":0,"state":"RUNNING"/);
          else assert.match(text, /permission denied for table orders/);
        }),
      ],
    }),
    attemptStep('Start with the publication made for it', 'source-disabled.json', 'The connector now uses the publication as it is. It creates its slot, and the snapshot reads the table, which the role may not. Now with `errors.max.retries=0`, so the task fails at the first error.', 'permission denied for table orders', {
      debezium: { quote: '`ERROR: permission denied for table orders` in the failed task\'s trace', pattern: /ERROR: permission denied for table orders/ },
      native: { quote: '`permission denied for table orders`, from the snapshot', pattern: /permission denied for table orders[\s\S]*runSnapshot/ },
    }),
    step({ title: 'Grant SELECT on the captured table', prose: 'On `orders` only. Nothing on `payroll`.', show: sql('09-grant-select.sql') }),
    step({
      title: 'Start the connector for good',
      prose: 'The same configuration as the last attempt. The snapshot reads the two orders and streaming starts.',
      show: curl('POST', '/connectors', 'source-disabled.json'),
      expect: { topic: TOPIC, events: 2 },
      claims: [
        claim('the snapshot sends both orders', (ctx) => {
          assert.deepEqual(ctx.events.map(opOf), ['r', 'r']);
        }),
      ],
    }),
    step({
      title: 'A new order streams',
      prose: 'Changes flow with nothing more granted.',
      show: sql('11-new-order.sql'),
      expect: { topic: TOPIC, events: 1 },
      claims: [
        claim('the insert arrives as op "c"', (ctx) => {
          assert.equal(opOf(ctx.events[0]), 'c');
        }),
        claim('cdc_reader is no superuser, owns no table and may not read payroll', async (ctx) => {
          const [r] = await ctx.query(`SELECT rolsuper, rolreplication, has_table_privilege('cdc_reader', 'payroll', 'SELECT') AS reads_payroll,
            (SELECT count(*)::int FROM pg_class WHERE relowner = 'cdc_reader'::regrole) AS owns FROM pg_roles WHERE rolname = 'cdc_reader'`);
          assert.deepEqual(r, { rolsuper: false, rolreplication: true, reads_payroll: false, owns: 0 });
        }),
      ],
    }),
  ],
});
