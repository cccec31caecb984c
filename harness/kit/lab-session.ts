// What one run of a lab holds open: its database (reset first), a PostgreSQL client, a Kafka admin,
// the event log, the S3 reader, the connectors, and the cleanups steps registered. close() releases
// all of it; report() prints a failure with its hint and the log tails that explain it.
import { Kafka, logLevel, type Admin } from 'kafkajs';
import pg from 'pg';
import type { ServiceName, StackInfo } from '../runtime/types.ts';
import { parseConnectorJson, sourceConnectors, topicPrefixes } from './connector-config.ts';
import { ConnectorSet } from './connector-set.ts';
import type { EngineDriver, EngineName } from './engine-handle.ts';
import { EventLog } from './event-log.ts';
import { hintFor } from './failure-hint.ts';
import { deleteTopics, dropDatabase, labDatabase, resetDatabase, labUrl } from './lab-resources.ts';
import { s3Reader, type BucketReader } from './readers/s3-reader.ts';
import type { Reporter } from './reporter.ts';
import { resetSinkLeftovers } from './sink-connector.ts';
import type { LoadedLab, StepSpec } from './types.ts';

export interface LabSessionOptions {
  lab: LoadedLab;
  stack: StackInfo;
  engine: EngineName;
  driver: EngineDriver;
  reporter: Reporter;
  logTail?: (service: ServiceName, lines: number) => string;
}

export interface LabSession {
  database: string;
  /** databases the lab's JDBC sinks write to, reset with it */
  sinkDatabases: string[];
  client: pg.Client;
  admin: Admin;
  log: EventLog;
  s3: BucketReader | undefined;
  connectors: ConnectorSet;
  /** registered by steps through ctx.onCleanup; run last-first on close */
  cleanups: Array<() => Promise<void>>;
  /** reports a failed step or claim with its hint and the relevant log tails */
  report(step: StepSpec, err: Error): void;
  /** stops the connectors, runs the cleanups, drops the databases; once */
  close(): Promise<void>;
}

export async function openLabSession(opts: LabSessionOptions): Promise<LabSession> {
  const { lab, stack } = opts;
  const database = labDatabase(lab.id);
  const kafka = new Kafka({ clientId: `cdc-labs-${lab.id}`, brokers: stack.kafka.bootstrapServers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await deleteTopics(admin, topicPrefixes(lab.files));
  // the native engine keeps source offsets by connector name: a rerun starts from nothing
  const { clearStoredOffset } = await import('../engine/index.ts');
  for (const c of sourceConnectors(lab.files, lab.id)) await clearStoredOffset(stack.kafka.bootstrapServers, c.name, c.topicPrefix);
  await resetDatabase(stack, database);
  const sinkDatabases = await resetSinkLeftovers(admin, stack, database, lab.files, parseConnectorJson);
  const client = new pg.Client({ connectionString: labUrl(stack, database) });
  // a server going away (stack stopped, Ctrl-C) must not crash the process: queries report it
  client.on('error', () => undefined);
  await client.connect();
  const log = new EventLog(kafka, admin, `cdc-labs-${lab.id}-${Date.now()}`);
  const s3 = stack.s3 === undefined ? undefined : s3Reader(stack.s3);
  const engineLog: string[] = [];
  const connectors = new ConnectorSet({ labId: lab.id, engine: opts.engine, driver: opts.driver, stack, database, log: (line) => engineLog.push(line) });
  const cleanups: Array<() => Promise<void>> = [];
  let closed = false;
  return {
    database,
    sinkDatabases,
    client,
    admin,
    log,
    s3,
    connectors,
    cleanups,
    report(step, err) {
      const { hint, services } = hintFor(err, step.hint);
      const logs = services.map((service) => ({
        service,
        tail: service === 'engine' ? engineLog.slice(-20).join('\n') : (opts.logTail?.(service, 12) ?? ''),
      }));
      opts.reporter.failure({ step: step.title, hint, error: err, logs });
    },
    async close() {
      if (closed) return;
      closed = true;
      await connectors.stopAll();
      await log.close();
      for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
      await client.end().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      s3?.close();
      await dropDatabase(stack, database);
      for (const db of sinkDatabases) await dropDatabase(stack, db).catch(() => undefined);
    },
  };
}
