// The lab spec's data types and the context its steps see. Pure types: the docs plugin and the
// runner both read them.
import type { Admin } from 'kafkajs';
import type { Client } from 'pg';
import type { KafkaMode, StackInfo } from '../runtime/types.ts';
import type { ChangeEvent } from './debezium-event.ts';
import type { EngineHandle, EngineName } from './engine-handle.ts';
import type { BucketReader } from './readers/s3-reader.ts';

export { ENGINE_NAMES, type EngineName } from './engine-handle.ts';

/** What a step shows the reader: the exact file or command the harness runs. */
export type Show =
  | { kind: 'sql'; file: string }
  | { kind: 'json'; file: string }
  | { kind: 'curl'; method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; file?: string }
  /** `file`: a file of the lab's folder the command reads, shown under it */
  | { kind: 'shell'; command: string; file?: string };

export type Check = (ctx: StepContext) => void | Promise<void>;

export interface Claim {
  /** The sentence as the page shows it. */
  text: string;
  check: Check;
}

export interface StepSpec {
  title: string;
  /** Short Markdown prose shown above the code. */
  prose: string;
  show?: Show;
  /** The action; by default the kit runs what `show` names (SQL file, connector JSON, curl). */
  run?: (ctx: StepContext) => Promise<void>;
  /** Wait for this many new events on a topic after the action (recorded for the step). */
  expect?: { topic: string; events: number; timeoutMs?: number };
  claims?: Claim[];
  /** The action is expected to fail (e.g. Postgres refusing a statement): its error goes to ctx.error. */
  expectError?: boolean;
  /** Printed when the step or one of its claims fails. */
  hint?: string;
  /** Hands-on mode: 'runner' when the learner cannot type the step as shown (two sessions at once,
   * a timed loop), so the runner does it while the learner watches. */
  handsOn?: 'runner';
}

export interface LabNeeds {
  kafka: KafkaMode[];
  engines: EngineName[];
  /** Extra services (S3, Kafka Connect, a schema registry) the lab needs besides PostgreSQL and Kafka. */
  services?: Array<'s3' | 'connect' | 'registry'>;
}

export interface LabSpec {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  needs: LabNeeds;
  steps: StepSpec[];
}

/** A lab as loaded from disk: the spec plus the text of every file its steps show. */
export interface LoadedLab extends LabSpec {
  dir: string;
  /** file name → contents, for every file a step shows */
  files: Record<string, string>;
}

export type Row = Record<string, unknown>;

export interface StepContext {
  lab: LoadedLab;
  step: StepSpec;
  engineName: EngineName;
  kafkaMode: KafkaMode;
  stack: StackInfo;
  /** The lab's own database on the shared server. */
  database: string;
  /** A client connected to the lab's database. */
  pg: Client;
  kafka: Admin;
  /** The running connector; throws when no step has started one. */
  engine(): EngineHandle;
  /** A running connector by name (a lab may run a source and sinks). */
  connector(name: string): EngineHandle;
  /** The database the lab's JDBC sink writes to (`<lab database>_<database in connection.url>`). */
  sinkDatabase(): string;
  /** Runs SQL on that target database and records the rows in the transcript. */
  targetQuery(text: string, params?: unknown[]): Promise<Row[]>;
  /** The text of the file this step shows (undefined for shell/curl without a body). */
  shown: string | undefined;
  /** The shown connector JSON's "config", with this stack's connection settings filled in. */
  connectorConfig(): Record<string, unknown>;
  /** A Kafka Connect REST request, answered by the lab's engine as a curl step's is; resolves to the body. */
  rest(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
  /** Runs what the step shows: SQL file, connector JSON, curl request. */
  runShown(): Promise<void>;
  /** Rows of the last result the shown SQL file returned (after runShown). */
  resultRows: Row[];
  /** Runs SQL on the lab's database and records the rows in the transcript. */
  query(text: string, params?: unknown[]): Promise<Row[]>;
  /** All rows of a table, ordered by its first column, recorded in the transcript. */
  tableRows(table: string): Promise<Row[]>;
  /** Events this step captured, in arrival order per topic. */
  events: ChangeEvent[];
  /** Every event read from a topic so far. */
  topicEvents(topic: string): ChangeEvent[];
  /** Waits for `count` new events on a topic (new in this step) and records them. */
  waitForEvents(topic: string, count: number, timeoutMs?: number): Promise<ChangeEvent[]>;
  /** The action's error when the step sets expectError. */
  error: Error | undefined;
  /** The S3 store, when the lab needs one. */
  s3: BucketReader | undefined;
  /** Adds a named value to the step's recorded output. */
  record(name: string, value: unknown): void;
  /** Values recorded by this step so far. */
  output: Record<string, unknown>;
  /** Runs `fn` when the lab's resources are released (servers a step started, e.g. own Kafka clusters). */
  onCleanup(fn: () => Promise<void>): void;
}
