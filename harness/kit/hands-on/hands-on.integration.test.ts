// Hands-on mode driven through its input, on the quickstart lab: the test reads the commands the
// runner prints, runs them as a learner would (psql, curl, Kafka's tools from the jars), presses
// Enter, skips one step on purpose to see the failure, its hint and the catch-up, and checks the watch command.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, expect, inject, it } from 'vitest';
import type { StackInfo } from '../../runtime/types.ts';
import { LABS_DIR, loadLab } from '../load-lab.ts';
import { terminalReporter } from '../reporters/terminal-reporter.ts';
import { runLab, type LabRun } from '../run-lab.ts';
import { startHandsOn } from './session.ts';

const sh = promisify(execFile);
const SKIPPED = 'Update a row';

const lab = await loadLab(path.join(LABS_DIR, 'quickstart'));
const stack: StackInfo = inject('stack');
const input = new PassThrough();
let out = '';
let handled = 0;
const typed: string[] = [];
const pending: Array<Promise<void>> = [];

/** The learner: at each prompt, type the step's commands (except in the skipped step), then Enter. */
async function learner(block: string): Promise<void> {
  const title = [...block.matchAll(/^\[\d+\/\d+\] (.+?) {2}at /gm)].at(-1)?.[1];
  if (title !== SKIPPED) {
    for (const [, command] of block.matchAll(/^ {4}\$ (.+)$/gm)) {
      await sh('sh', ['-c', command!], { timeout: 120_000 });
      typed.push(command!);
    }
  }
  input.write('\n');
}

const write = (text: string): void => {
  out += text;
  if (text.includes('  Press Enter')) {
    const block = out.slice(handled);
    handled = out.length;
    pending.push(learner(block));
  }
  if (text.includes('Not there yet')) input.write('run\n');
};

const session = await startHandsOn({ lab, stack, engine: 'native', input, write });
let run: LabRun | undefined;
afterAll(async () => {
  await run?.cleanup();
  await session.close();
});

it('checks what the learner typed, and catches up a skipped step when asked', async () => {
  run = await runLab({
    lab,
    stack,
    engine: 'native',
    kafkaMode: 'kraft',
    reporter: terminalReporter({ write, color: false }),
    keep: true,
    stepDriver: session.stepDriver,
  });
  await Promise.all(pending);
  expect(typed.some((c) => c.startsWith('psql '))).toBe(true);
  expect(typed.some((c) => c.startsWith('curl ') && c.includes('POST'))).toBe(true);
  expect(typed.some((c) => c.includes('org.apache.kafka.tools.TopicCommand'))).toBe(true);
  // the skipped update: checked, failed with a hint, then run by the runner and verified
  const update = out.slice(out.indexOf(`] ${SKIPPED}`));
  expect(update).toMatch(/! Update a row: timed out after \d+ ms waiting for 6 events/);
  expect(update).toMatch(/hint: The expected change events did not arrive/);
  expect(update).toMatch(/– an UPDATE arrives as op = "u".*\(not checked: the step failed\)/);
  expect(update).toMatch(/✓ an UPDATE arrives as op = "u"/);
  expect(run.passed, out).toBe(true);
  expect(run.claims.every((c) => c.passed)).toBe(true);
}, 300_000);

it('prints a console consumer that reads the events from the sandbox', async () => {
  const watch = /\(watch\) (.+)$/m.exec(out)?.[1];
  expect(watch).toBeDefined();
  const { stdout } = await sh('sh', ['-c', `${watch} --max-messages 4 --timeout-ms 60000`], { timeout: 120_000 });
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(/"op":"r"/);
}, 150_000);
