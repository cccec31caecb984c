// Starts a broker on one of the lab's deliberately wrong .properties files and turns its refusal
// into the step's error: the exit code and the log lines that say why, timestamps masked.
import fs from 'node:fs';
import path from 'node:path';
import { startBrokerExpectingRefusal } from '../../harness/kit/own-kafka.ts';
import type { StepContext } from '../../harness/kit/index.ts';

export async function startRefused(ctx: StepContext, file: string): Promise<void> {
  const text = fs.readFileSync(path.join(ctx.lab.dir, file), 'utf8');
  const refusal = await startBrokerExpectingRefusal(text);
  // from the fatal line on: the exception, its message and the first frames
  const lines = refusal.logTail.split('\n');
  const fatal = lines.findIndex((l) => /ERROR Exiting Kafka|FATAL/.test(l));
  const why = lines
    .slice(fatal < 0 ? -8 : fatal, (fatal < 0 ? lines.length : fatal) + 5)
    .map((l) => l.replace(/^\[\d{4}-\d\d-\d\d [\d:,]+\]/, '[<time>]'));
  throw new Error(`kafka.Kafka ${file} exited with code ${refusal.exitCode}; the end of its log:\n${why.join('\n')}`);
}
