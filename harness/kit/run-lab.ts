// Runs a loaded lab on a stack: opens its session (database, clients, connectors), tries each step
// (step-attempt.ts: action, events, claims) and records the transcript. Reporting goes through a
// Reporter; hands-on mode replaces how a step is tried through a StepDriver.
import type { KafkaMode, ServiceName, StackInfo } from '../runtime/types.ts';
import { engineDriver, type EngineDriver } from './engine-driver.ts';
import type { AttemptBy, AttemptResult, StepAttempt, StepDriver } from './hands-on/attempt-types.ts';
import { labDatabase } from './lab-resources.ts';
import { openLabSession } from './lab-session.ts';
import type { ClaimResult, Reporter } from './reporter.ts';
import { newAttempt } from './step-attempt.ts';
import type { Transcript, TranscriptStep } from './transcript/transcript.ts';
import type { EngineName, LoadedLab, StepSpec } from './types.ts';

export { ConnectorFailedError } from './connector-set.ts';
export { DEFAULT_EVENT_TIMEOUT_MS } from './step-attempt.ts';

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

export async function runLab(opts: RunLabOptions): Promise<LabRun> {
  const { lab, stack, reporter } = opts;
  const labStart = Date.now();
  const driver = opts.driver ?? engineDriver(opts.engine, { stack, database: labDatabase(lab.id) });
  reporter.labStart(lab, opts.engine, opts.kafkaMode);
  const session = await openLabSession({ lab, stack, engine: opts.engine, driver, reporter, logTail: opts.logTail });
  const scope = { lab, stack, engine: opts.engine, kafkaMode: opts.kafkaMode, reporter, session };

  const claims: ClaimResult[] = [];
  const steps: TranscriptStep[] = [];
  let failedStep: string | undefined;
  let stepFailed = false;

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
        const prepared = newAttempt(scope, index, stepSpec, by);
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
    await session.close();
    throw err;
  }

  const passed = !stepFailed && claims.every((c) => c.passed);
  if (opts.keep !== true) await session.close();
  reporter.labEnd(passed, Date.now() - labStart);
  return {
    passed,
    claims,
    transcript: { lab: lab.id, recordedWith: { engine: opts.engine, kafka: opts.kafkaMode, runtime: stack.runtime }, steps },
    cleanup: () => session.close(),
  };
}
