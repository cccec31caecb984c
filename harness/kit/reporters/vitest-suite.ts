// Registers a lab as vitest tests: one test per claim for each engine and Kafka mode the lab
// declares, plus one that compares the fresh masked transcript with the committed one.
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ExtraService, KafkaMode, Stack, StackInfo } from '../../runtime/types.ts';
import { LABS_DIR } from '../load-lab.ts';
import { runLab, type LabRun } from '../run-lab.ts';
import { compareTranscripts, maskTranscript, readTranscript } from '../transcript/transcript.ts';
import type { EngineName, LoadedLab } from '../types.ts';
import { terminalReporter } from './terminal-reporter.ts';

export interface LabSuiteOptions {
  /** The shared stack of this test run (vitest's inject('stack')). */
  stack: () => StackInfo;
  /** Starts a stack of its own when the lab needs another Kafka mode or a service the shared one lacks. */
  startStack?: (kafka: KafkaMode, services: ExtraService[]) => Promise<Stack>;
}

function variants(lab: LoadedLab): Array<{ engine: EngineName; kafka: KafkaMode }> {
  return lab.needs.engines.flatMap((engine) => lab.needs.kafka.map((kafka) => ({ engine, kafka })));
}

/** How `npm run lab` names the lab: its id under labs/, else its folder. */
function labArgument(lab: LoadedLab): string {
  return path.dirname(lab.dir) === LABS_DIR ? lab.id : path.relative(process.cwd(), lab.dir);
}

export function registerLabTests(lab: LoadedLab, opts: LabSuiteOptions): void {
  for (const { engine, kafka } of variants(lab)) {
    describe(`lab ${lab.id} [engine ${engine}, Kafka ${kafka}]`, () => {
      let run: LabRun | undefined;
      let runError: Error | undefined;
      let ownStack: Stack | undefined;
      let output = '';

      beforeAll(async () => {
        try {
          let stack = opts.stack();
          const services: ExtraService[] = [...(lab.needs.services ?? [])];
          if (engine === 'debezium' && !services.includes('connect')) services.push('connect');
          const lacking = services.filter((s) => stack[s] === undefined);
          if (stack.kafka.mode !== kafka || lacking.length > 0) {
            if (opts.startStack === undefined) {
              throw new Error(`the shared stack does not fit: Kafka ${stack.kafka.mode} (lab: ${kafka}), lacking ${lacking.join(', ') || 'nothing'}`);
            }
            ownStack = await opts.startStack(kafka, services);
            stack = ownStack.info;
          }
          run = await runLab({
            lab,
            stack,
            engine,
            kafkaMode: kafka,
            reporter: terminalReporter({ write: (t) => (output += t), color: false }),
            logTail: ownStack === undefined ? undefined : (s, n) => ownStack?.logTail(s, n) ?? '',
          });
        } catch (err) {
          runError = err instanceof Error ? err : new Error(String(err));
        }
      });

      afterAll(async () => {
        await ownStack?.stop();
      });

      for (const step of lab.steps) {
        for (const c of step.claims ?? []) {
          it(`${step.title} › ${c.text}`, () => {
            if (runError !== undefined) throw runError;
            const result = run?.claims.find((r) => r.step === step.title && r.text === c.text);
            if (result === undefined) throw new Error('the claim was never checked');
            if (!result.passed) {
              const err = result.error ?? new Error('failed');
              err.message = `${err.message}\n\n── lab output ──\n${output}`;
              throw err;
            }
          });
        }
      }

      it('matches the recorded transcript.json', () => {
        if (runError !== undefined) throw runError;
        if (run === undefined) throw new Error('the lab did not run');
        const recorded = readTranscript(lab.dir);
        if (recorded === undefined) {
          throw new Error(`${lab.dir}/transcript.json is missing: record it with npm run lab -- ${labArgument(lab)} --record`);
        }
        const diff = compareTranscripts(recorded, maskTranscript(run.transcript));
        if (diff !== '') {
          throw new Error(
            `the run differs from the recorded transcript ('-' recorded, '+' this run); ` +
              `if the change is intended, re-record with npm run lab -- ${labArgument(lab)} --record\n${diff}`,
          );
        }
      });
    });
  }
}
