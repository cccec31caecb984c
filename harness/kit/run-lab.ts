// Runs a loaded lab on a stack: prepares its database, runs each step's action, reads the events
// it produced, checks its claims and records the transcript. Reporting goes through a Reporter.
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkaMode, ServiceName, StackInfo } from '../runtime/types.ts';
import { parseConnectorJson, topicPrefixes, withStackConnection } from './connector-config.ts';
import type { Row, StepContext } from './types.ts';
import type { ChangeEvent } from './debezium-event.ts';
import { engineDriver, type EngineDriver, type EngineHandle } from './engine-driver.ts';
import { EventLog } from './event-log.ts';
import { hintFor } from './failure-hint.ts';
import { deleteTopics, dropDatabase, labDatabase, labUrl, resetDatabase } from './lab-resources.ts';
import type { ClaimResult, Reporter } from './reporter.ts';
import { readTable } from './readers/table-reader.ts';
import { s3Reader, type BucketReader } from './readers/s3-reader.ts';
import { isSinkConfig, resetSinkLeftovers, startSinkConnector, withSinkConnection } from './sink-connector.ts';
import type { Transcript, TranscriptStep } from './transcript/transcript.ts';
import type { EngineName, LoadedLab, StepSpec } from './types.ts';
import type { AttemptBy, AttemptResult, PreparedAttempt, ServedRequest, StepAttempt, StepDriver } from './hands-on/attempt-types.ts';
import { learnerAction } from './hands-on/learner-action.ts';

export const DEFAULT_EVENT_TIMEOUT_MS = 30_000;

export interface RunLabOptions {
  lab: LoadedLab;
  stack: StackInfo;
  engine: EngineName;
  kafkaMode: KafkaMode;
  reporter: Reporter;
  /** Server log tails for failure reports (Stack.logTail). */
  logTail?: (service: ServiceName, lines: number) => string;
  /** Awaited before each step (the runner's --step pause). */
  beforeStep?: (index: number, step: StepSpec) => Promise<void>;
  /** Leave the database, slot and connector in place at the end (--keep). */
  keep?: boolean;
  /** Replaces the engine driver (tests). */
  driver?: EngineDriver;
  /** Tries each step its own way (hands-on mode: the learner acts, the runner checks). */
  stepDriver?: StepDriver;
}

export interface LabRun {
  passed: boolean;
  claims: ClaimResult[];
  /** Unmasked; mask it before writing or comparing. */
  transcript: Transcript;
  /** Stops the connector and drops the lab's database (already done unless `keep`). */
  cleanup(): Promise<void>;
}

export class ConnectorFailedError extends Error {
  constructor(name: string, trace: string | undefined) {
    super(`connector ${name} FAILED${trace === undefined ? '' : `: ${trace.split('\n')[0]}`}`);
    this.name = 'ConnectorFailedError';
  }
}

function errorOf(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export async function runLab(opts: RunLabOptions): Promise<LabRun> {
  const { lab, stack, reporter } = opts;
  const labStart = Date.now();
  const database = labDatabase(lab.id);
  const driver = opts.driver ?? engineDriver(opts.engine, { stack, database });
  reporter.labStart(lab, opts.engine, opts.kafkaMode);

  const kafka = new Kafka({ clientId: `cdc-labs-${lab.id}`, brokers: stack.kafka.bootstrapServers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await deleteTopics(admin, topicPrefixes(lab.files));
  await resetDatabase(stack, database);
  const sinkDatabases = await resetSinkLeftovers(admin, stack, database, lab.files, parseConnectorJson);
  const client = new pg.Client({ connectionString: labUrl(stack, database) });
  // a server going away (stack stopped, Ctrl-C) must not crash the process: queries report it
  client.on('error', () => undefined);
  await client.connect();
  const log = new EventLog(kafka, admin, `cdc-labs-${lab.id}-${Date.now()}`);
  const s3: BucketReader | undefined = stack.s3 === undefined ? undefined : s3Reader(stack.s3);
  const engineLog: string[] = [];
  /** Running connectors by name, in start order: a source and the sinks that read its topics. */
  const connectors = new Map<string, { handle: EngineHandle; sink: boolean }>();
  /** The source connector (or the only connector): what ctx.engine() returns. */
  const mainConnector = (): EngineHandle | undefined =>
    [...connectors.values()].find((c) => !c.sink)?.handle ?? [...connectors.values()][0]?.handle;
  /** Registered by steps through ctx.onCleanup; run last-first when the lab is cleaned up. */
  const cleanups: Array<() => Promise<void>> = [];

  /** Throws as soon as the running connector reports FAILED, instead of waiting for a timeout. */
  const connectorFailure = async (): Promise<void> => {
    const engine = [...connectors.values()].find((c) => !c.sink)?.handle;
    if (engine === undefined) return;
    const status = await engine.status();
    const failed = [status.connector, ...status.tasks].find((s) => s.state === 'FAILED');
    if (failed !== undefined) throw new ConnectorFailedError(status.name, failed.trace);
  };

  const claims: ClaimResult[] = [];
  const steps: TranscriptStep[] = [];
  let failedStep: string | undefined;
  let stepFailed = false;

  const report = (stepSpec: StepSpec, err: Error): void => {
    const { hint, services } = hintFor(err, stepSpec.hint);
    const logs = services.map((service) => ({
      service,
      tail: service === 'engine' ? engineLog.slice(-20).join('\n') : (opts.logTail?.(service, 12) ?? ''),
    }));
    reporter.failure({ step: stepSpec.title, hint, error: err, logs });
  };

  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    for (const c of [...connectors.values()].reverse()) await c.handle.stop().catch(() => undefined);
    connectors.clear();
    await log.close();
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
    await client.end().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    s3?.close();
    await dropDatabase(stack, database);
    for (const db of sinkDatabases) await dropDatabase(stack, db).catch(() => undefined);
  };

  /** One try at a step: the runner's (or, hands-on, the learner's) action, the event wait, the claims. */
  const newAttempt = (index: number, stepSpec: StepSpec, by: AttemptBy): PreparedAttempt => {
    const record: TranscriptStep = { title: stepSpec.title, events: [], rows: [], output: {}, claims: [] };
    const stepEvents: ChangeEvent[] = [];
    const served: ServedRequest[] = [];
    const stepStart = Date.now();
    const shownFile = stepSpec.show !== undefined && 'file' in stepSpec.show ? stepSpec.show.file : undefined;
    const shown = shownFile === undefined ? undefined : lab.files[shownFile];
    const ctx: StepContext = {
      lab,
      step: stepSpec,
      engineName: opts.engine,
      kafkaMode: opts.kafkaMode,
      stack,
      database,
      pg: client,
      kafka: admin,
      engine() {
        const engine = mainConnector();
        if (engine === undefined) throw new Error('no connector is running: a step must start one first');
        return engine;
      },
      connector(name) {
        const c = connectors.get(name);
        if (c === undefined) throw new Error(`no connector named ${name} is running (running: ${[...connectors.keys()].join(', ') || 'none'})`);
        return c.handle;
      },
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
      async runShown() {
        const show = stepSpec.show;
        // hands-on: the learner ran it; look at what they did instead
        if (by === 'learner') return learnerAction({ ctx, client, served });
        if (show === undefined) throw new Error('this step shows nothing to run');
        if (show.kind === 'sql') {
          const result = (await client.query(shown ?? '')) as unknown as pg.QueryResult | pg.QueryResult[];
          const results = Array.isArray(result) ? result : [result];
          for (const r of results) {
            if (r.command === 'SELECT' || r.rows.length > 0) {
              record.rows.push({ query: show.file, rows: r.rows });
              ctx.resultRows = r.rows as Row[];
            }
          }
        } else if (show.kind === 'json') {
          await startConnector(shown ?? '');
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
      topicEvents: (topic) => log.all(topic),
      async waitForEvents(topic, count, timeoutMs = DEFAULT_EVENT_TIMEOUT_MS) {
        const got = await log.take(topic, count, timeoutMs, connectorFailure);
        stepEvents.push(...got);
        record.events.push(...got.map((e) => ({ topic: e.topic, key: e.key, value: e.value, ...(Object.keys(e.headers).length > 0 ? { headers: e.headers } : {}) })));
        return got;
      },
      error: undefined,
      s3,
      record(name, value) {
        record.output[name] = value;
      },
      output: record.output,
      onCleanup(fn) {
        cleanups.push(fn);
      },
    };

    async function startConnector(text: string): Promise<void> {
      const { name, config: raw } = parseConnectorJson(text, lab.id);
      if (connectors.has(name)) throw new Error(`a connector named ${name} is already running in this lab`);
      const log = (line: string) => engineLog.push(`[${name}] ${line}`);
      if (isSinkConfig(raw)) {
        const config = withSinkConnection(raw, stack, database);
        connectors.set(name, { handle: await startSinkConnector({ engine: opts.engine, name, config, stack, labDatabase: database, log }), sink: true });
        return;
      }
      if ([...connectors.values()].some((c) => !c.sink)) {
        throw new Error('a source connector is already running in this lab');
      }
      const handle = await driver.start({
        name,
        config: withStackConnection(raw, stack, database),
        bootstrapServers: stack.kafka.bootstrapServers,
        log,
      });
      connectors.set(name, { handle, sink: false });
    }

    /** The connector a /connectors/<name>/… path names. */
    const named = (path: string): EngineHandle => {
      const name = decodeURIComponent(/^\/connectors\/([^/?]+)/.exec(path)?.[1] ?? '');
      return ctx.connector(name);
    };

    // The Kafka Connect REST calls the labs show, served by the engine handle.
    async function runCurl(method: string, path: string, body: string | undefined): Promise<void> {
      if (method === 'POST' && path.replace(/\/$/, '') === '/connectors') {
        await startConnector(body ?? '');
        record.output.response = { name: parseConnectorJson(body ?? '', lab.id).name };
      } else if (method === 'GET' && /^\/connectors\/[^/]+\/status$/.test(path)) {
        record.output.response = await named(path).status();
      } else if (method === 'GET' && path.replace(/\/$/, '') === '/connectors') {
        record.output.response = [...connectors.keys()];
      } else if (method === 'PUT' && /^\/connectors\/[^/]+\/(pause|resume)$/.test(path)) {
        const handle = named(path);
        const verb = path.endsWith('/pause') ? 'pause' : 'resume';
        if (handle[verb] === undefined) throw new Error(`the ${opts.engine} engine driver cannot ${verb} a connector`);
        await handle[verb]!();
        record.output.response = null;
      } else if (method === 'POST' && /^\/connectors\/[^/]+\/(restart|tasks\/\d+\/restart)(\?.*)?$/.test(path)) {
        const handle = named(path);
        if (handle.restart === undefined) throw new Error(`the ${opts.engine} engine driver cannot restart a connector`);
        await handle.restart();
        record.output.response = null;
      } else if (method === 'GET' && path === '/metrics') {
        const handle = ctx.engine();
        if (handle.metrics === undefined) throw new Error(`the ${opts.engine} engine serves no /metrics`);
        record.output.response = await handle.metrics();
      } else if (method === 'DELETE' && /^\/connectors\/[^/]+$/.test(path)) {
        const handle = named(path);
        await handle.stop();
        connectors.delete(handle.name);
        record.output.response = null;
      } else {
        throw new Error(`${method} ${path} is not a request the kit can serve`);
      }
    }

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
            claimFailures.push(() => report(stepSpec, errorOf(err)));
          }
        }
        stepClaims.push(result);
        record.claims.push(result.passed ? { text: c.text, passed: true } : { text: c.text, passed: false, error: result.error?.message });
      }
      reporter.stepEnd(index, stepSpec, stepEvents, record, Date.now() - stepStart);
      if (stepError !== undefined) report(stepSpec, stepError);
      for (const result of stepClaims) reporter.claim(result);
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
  };

  try {
    for (const [index, stepSpec] of lab.steps.entries()) {
      if (failedStep !== undefined) {
        const record: TranscriptStep = { title: stepSpec.title, events: [], rows: [], output: {}, claims: [] };
        for (const c of stepSpec.claims ?? []) {
          const result: ClaimResult = { step: stepSpec.title, text: c.text, passed: false, error: new Error(`not checked: step "${failedStep}" failed`), skipped: true };
          claims.push(result);
          record.claims.push({ text: c.text, passed: false, error: result.error?.message });
          reporter.claim(result);
        }
        steps.push(record);
        continue;
      }
      await opts.beforeStep?.(index, stepSpec);
      reporter.stepStart(index, stepSpec);
      // the last finished attempt counts (hands-on: the learner's, or the runner's catch-up)
      let last: AttemptResult | undefined;
      const attempt = (by: AttemptBy): StepAttempt => {
        const prepared = newAttempt(index, stepSpec, by);
        return { ...prepared, finish: async () => (last = await prepared.finish()) };
      };
      if (opts.stepDriver === undefined) await attempt('runner').finish();
      else await opts.stepDriver.drive(index, stepSpec, attempt);
      if (last === undefined) throw new Error(`step "${stepSpec.title}" was never checked`);
      claims.push(...last.claims);
      steps.push(last.record);
      // hands-on goes on after a failed step: the learner may fix it in the next one
      if (last.stepError !== undefined) {
        stepFailed = true;
        if (opts.stepDriver === undefined) failedStep = stepSpec.title;
      }
    }
  } catch (err) {
    // an error outside any step (e.g. the --step pause): leave nothing behind
    await cleanup();
    throw err;
  }

  const passed = !stepFailed && claims.every((c) => c.passed);
  if (opts.keep !== true) await cleanup();
  reporter.labEnd(passed, Date.now() - labStart);
  return {
    passed,
    claims,
    transcript: { lab: lab.id, recordedWith: { engine: opts.engine, kafka: opts.kafkaMode, runtime: stack.runtime }, steps },
    cleanup,
  };
}
