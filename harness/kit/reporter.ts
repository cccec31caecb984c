// What a lab run tells the outside world, step by step. Terminal and vitest both listen to it.
import type { KafkaMode, ServiceName } from '../runtime/types.ts';
import type { ChangeEvent } from './debezium-event.ts';
import type { TranscriptStep } from './transcript/transcript.ts';
import type { EngineName, LoadedLab, StepSpec } from './types.ts';

export interface ClaimResult {
  step: string;
  text: string;
  passed: boolean;
  error?: Error;
  /** not checked because its step (or an earlier one) failed */
  skipped?: boolean;
}

export interface LogTail {
  service: ServiceName | 'engine';
  tail: string;
}

export interface FailureReport {
  step: string;
  /** What to look at: the step's hint or one derived from the error. */
  hint: string;
  error: Error;
  logs: LogTail[];
}

export interface Reporter {
  labStart(lab: LoadedLab, engine: EngineName, kafka: KafkaMode): void;
  stepStart(index: number, step: StepSpec): void;
  /** The step's events (raw) and its recorded record. */
  stepEnd(index: number, step: StepSpec, events: ChangeEvent[], record: TranscriptStep, elapsedMs: number): void;
  claim(result: ClaimResult): void;
  failure(report: FailureReport): void;
  labEnd(passed: boolean, elapsedMs: number): void;
}

/** Calls every reporter in turn. */
export function multiReporter(...reporters: Reporter[]): Reporter {
  return {
    labStart: (...a) => reporters.forEach((r) => r.labStart(...a)),
    stepStart: (...a) => reporters.forEach((r) => r.stepStart(...a)),
    stepEnd: (...a) => reporters.forEach((r) => r.stepEnd(...a)),
    claim: (...a) => reporters.forEach((r) => r.claim(...a)),
    failure: (...a) => reporters.forEach((r) => r.failure(...a)),
    labEnd: (...a) => reporters.forEach((r) => r.labEnd(...a)),
  };
}

export const silentReporter: Reporter = {
  labStart: () => undefined,
  stepStart: () => undefined,
  stepEnd: () => undefined,
  claim: () => undefined,
  failure: () => undefined,
  labEnd: () => undefined,
};
