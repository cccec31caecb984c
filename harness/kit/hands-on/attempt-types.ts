// The seam between runLab and hands-on mode: a step can be tried more than once, by the learner
// (who types the commands) or by the runner (who runs what the step shows), and the last try counts.
import type pg from 'pg';
import type { StepContext } from '../types.ts';
import type { ClaimResult } from '../reporter.ts';
import type { TranscriptStep } from '../transcript/transcript.ts';
import type { StepSpec } from '../types.ts';

export type AttemptBy = 'runner' | 'learner';

/** A Kafka Connect REST request the learner sent to the lab's REST endpoint during a step. */
export interface ServedRequest {
  method: string;
  path: string;
  /** what the request failed with (the learner saw it as the HTTP error) */
  error?: Error;
}

export interface AttemptResult {
  record: TranscriptStep;
  claims: ClaimResult[];
  stepError: Error | undefined;
  passed: boolean;
}

export interface StepAttempt {
  by: AttemptBy;
  /** Serves a REST request in this attempt's context; resolves to the response body. */
  serveCurl(method: string, path: string, body: string | undefined): Promise<unknown>;
  /** Runs the action (the runner's, or a look at the learner's), waits for events, checks and reports the claims. */
  finish(): Promise<AttemptResult>;
}

export type PreparedAttempt = StepAttempt;

/** Decides how a step is tried (hands-on mode); without one, the runner tries each step once. */
export interface StepDriver {
  drive(index: number, step: StepSpec, attempt: (by: AttemptBy) => StepAttempt): Promise<void>;
}

export interface LearnerActionArgs {
  ctx: StepContext;
  client: pg.Client;
  served: ServedRequest[];
}
