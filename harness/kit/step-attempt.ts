// One try at a step: the context its action and claims see, the action itself (the runner's, or in
// hands-on mode a look at what the learner did), the event wait, the claims, the transcript record.
import pg from 'pg';
import { parseConnectorJson, withStackConnection } from './connector-config.ts';
import type { ChangeEvent } from './debezium-event.ts';
import type { AttemptBy, AttemptResult, PreparedAttempt, ServedRequest } from './hands-on/attempt-types.ts';
import { learnerAction } from './hands-on/learner-action.ts';
import type { LabSession } from './lab-session.ts';
import { labUrl } from './lab-resources.ts';
import { readTable } from './readers/table-reader.ts';
import type { ClaimResult, Reporter } from './reporter.ts';
import { isSinkConfig, withSinkConnection } from './sink-connector.ts';
import type { TranscriptStep } from './transcript/transcript.ts';
import type { KafkaMode, StackInfo } from '../runtime/types.ts';
import type { EngineName, LoadedLab, Row, StepContext, StepSpec } from './types.ts';

export const DEFAULT_EVENT_TIMEOUT_MS = 30_000;

export interface AttemptScope {
  lab: LoadedLab;
  stack: StackInfo;
  engine: EngineName;
  kafkaMode: KafkaMode;
  reporter: Reporter;
  session: LabSession;
}

const errorOf = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

export function newAttempt(scope: AttemptScope, index: number, stepSpec: StepSpec, by: AttemptBy): PreparedAttempt {
  const { lab, stack, session } = scope;
  const { database, client, connectors, sinkDatabases } = session;
  const record: TranscriptStep = { title: stepSpec.title, events: [], rows: [], output: {}, claims: [] };
  const stepEvents: ChangeEvent[] = [];
  const served: ServedRequest[] = [];
  const stepStart = Date.now();
  const shownFile = stepSpec.show !== undefined && 'file' in stepSpec.show ? stepSpec.show.file : undefined;
  const shown = shownFile === undefined ? undefined : lab.files[shownFile];

  /** A Connect REST call served by the lab's connectors; the response goes into the step's output. */
  const runCurl = async (method: string, path: string, body: string | undefined): Promise<void> => {
    record.output.response = await connectors.serve(method, path, body);
  };

  const ctx: StepContext = {
    lab,
    step: stepSpec,
    engineName: scope.engine,
    kafkaMode: scope.kafkaMode,
    stack,
    database,
    pg: client,
    kafka: session.admin,
    engine() {
      const engine = connectors.main();
      if (engine === undefined) throw new Error('no connector is running: a step must start one first');
      return engine;
    },
    connector: (name) => connectors.get(name),
    sinkDatabase() {
      if (sinkDatabases.length === 0) throw new Error('this lab has no JDBC sink connector JSON, so no target database');
      return sinkDatabases[0];
    },
    async targetQuery(text, params) {
      if (sinkDatabases.length === 0) throw new Error('this lab has no JDBC sink connector JSON, so no target database');
      const target = new pg.Client({ connectionString: labUrl(stack, sinkDatabases[0]) });
      await target.connect();
      try {
        const r = await target.query(text, params);
        record.rows.push({ query: `[${sinkDatabases[0].slice(database.length + 1)}] ${text}`, rows: r.rows });
        return r.rows as Row[];
      } finally {
        await target.end();
      }
    },
    shown,
    resultRows: [],
    connectorConfig() {
      if (shown === undefined) throw new Error('this step shows no connector JSON');
      const config = parseConnectorJson(shown, lab.id).config;
      return isSinkConfig(config) ? withSinkConnection(config, stack, database) : withStackConnection(config, stack, database);
    },
    rest: (method, path, body) => connectors.serve(method, path, body === undefined || typeof body === 'string' ? body : JSON.stringify(body)),
    async runShown() {
      const show = stepSpec.show;
      // hands-on: the learner ran it; look at what they did instead
      if (by === 'learner') return learnerAction({ ctx, client, served });
      if (show === undefined) throw new Error('this step shows nothing to run');
      if (show.kind === 'sql') {
        const result = (await client.query(shown ?? '')) as unknown as pg.QueryResult | pg.QueryResult[];
        for (const r of Array.isArray(result) ? result : [result]) {
          if (r.command === 'SELECT' || r.rows.length > 0) {
            record.rows.push({ query: show.file, rows: r.rows });
            ctx.resultRows = r.rows as Row[];
          }
        }
      } else if (show.kind === 'json') {
        await connectors.start(shown ?? '');
      } else if (show.kind === 'curl') {
        await runCurl(show.method, show.path, show.file === undefined ? undefined : lab.files[show.file]);
      } else {
        throw new Error(`a shell step runs its own action: give step "${stepSpec.title}" a run function`);
      }
    },
    async query(text, params) {
      const r = await client.query(text, params);
      record.rows.push({ query: text, rows: r.rows });
      return r.rows as Row[];
    },
    async tableRows(table) {
      const rows = await readTable(client, table);
      record.rows.push({ query: `SELECT * FROM ${table} ORDER BY 1`, rows });
      return rows;
    },
    events: stepEvents,
    topicEvents: (topic) => session.log.all(topic),
    async waitForEvents(topic, count, timeoutMs = DEFAULT_EVENT_TIMEOUT_MS) {
      const got = await session.log.take(topic, count, timeoutMs, () => connectors.throwIfFailed());
      stepEvents.push(...got);
      record.events.push(...got.map((e) => ({ topic: e.topic, key: e.key, value: e.value, ...(Object.keys(e.headers).length > 0 ? { headers: e.headers } : {}) })));
      return got;
    },
    error: undefined,
    s3: session.s3,
    record(name, value) {
      record.output[name] = value;
    },
    output: record.output,
    onCleanup(fn) {
      session.cleanups.push(fn);
    },
  };

  const finish = async (): Promise<AttemptResult> => {
    let stepError: Error | undefined;
    try {
      try {
        await (stepSpec.run ?? ((c: StepContext) => c.runShown()))(ctx);
      } catch (err) {
        if (stepSpec.expectError !== true) throw err;
        ctx.error = errorOf(err);
        record.error = ctx.error.message;
      }
      if (stepSpec.expectError === true && ctx.error === undefined) {
        throw new Error('the step was expected to fail, but it succeeded');
      }
      if (stepSpec.expect !== undefined) {
        await ctx.waitForEvents(stepSpec.expect.topic, stepSpec.expect.events, stepSpec.expect.timeoutMs);
      }
    } catch (err) {
      stepError = errorOf(err);
      record.error = stepError.message;
    }
    // Claims run first (they may query rows), the report follows in reading order.
    const stepClaims: ClaimResult[] = [];
    const claimFailures: Array<() => void> = [];
    for (const c of stepSpec.claims ?? []) {
      let result: ClaimResult;
      if (stepError !== undefined) {
        result = { step: stepSpec.title, text: c.text, passed: false, error: new Error('not checked: the step failed'), skipped: true };
      } else {
        try {
          await c.check(ctx);
          result = { step: stepSpec.title, text: c.text, passed: true };
        } catch (err) {
          result = { step: stepSpec.title, text: c.text, passed: false, error: errorOf(err) };
          claimFailures.push(() => session.report(stepSpec, errorOf(err)));
        }
      }
      stepClaims.push(result);
      record.claims.push(result.passed ? { text: c.text, passed: true } : { text: c.text, passed: false, error: result.error?.message });
    }
    scope.reporter.stepEnd(index, stepSpec, stepEvents, record, Date.now() - stepStart);
    if (stepError !== undefined) session.report(stepSpec, stepError);
    for (const result of stepClaims) scope.reporter.claim(result);
    for (const f of claimFailures) f();
    return { record, claims: stepClaims, stepError, passed: stepError === undefined && stepClaims.every((c) => c.passed) };
  };

  /** A Kafka Connect REST call the learner sent (hands-on), served in this attempt's context. */
  const serveCurl = async (method: string, path: string, body: string | undefined): Promise<unknown> => {
    const request: ServedRequest = { method, path };
    served.push(request);
    try {
      await runCurl(method, path, body);
    } catch (err) {
      request.error = errorOf(err);
      throw err;
    }
    return record.output.response;
  };
  return { by, serveCurl, finish };
}
