// The lab spec's data types. Pure types: the docs plugin and the runner both read them.
import type { KafkaMode } from '../runtime/types.ts';
import type { StepContext } from './context-types.ts';

export const ENGINE_NAMES = ['native', 'debezium'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** What a step shows the reader: the exact file or command the harness runs. */
export type Show =
  | { kind: 'sql'; file: string }
  | { kind: 'json'; file: string }
  | { kind: 'curl'; method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; file?: string }
  | { kind: 'shell'; command: string };

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
}

export interface LabNeeds {
  kafka: KafkaMode[];
  engines: EngineName[];
  /** Extra services (S3, Kafka Connect) the lab needs besides PostgreSQL and Kafka. */
  services?: Array<'s3' | 'connect'>;
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
