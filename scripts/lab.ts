// `npm run lab -- <id>`: runs one lab for real with progress, events, ✓/✗ per claim.
// Exit code: 0 every claim verified, 1 the lab failed, 2 bad usage or unknown lab, 3 the stack failed.
import path from 'node:path';
import { discoverLabDirs, loadLab } from '../harness/kit/load-lab.ts';
import { terminalReporter } from '../harness/kit/reporters/terminal-reporter.ts';
import { runLab } from '../harness/kit/run-lab.ts';
import { startStack } from '../harness/kit/start-stack.ts';
import { MissingToolchainError } from '../harness/runtime/index.ts';
import { runtimeVerdict } from './doctor-facts.ts';
import { maskTranscript, transcriptPath, writeTranscript } from '../harness/kit/transcript/transcript.ts';
import type { ExtraService, Stack } from '../harness/runtime/types.ts';
import { ArgsError, nearest, parseLabArgs, USAGE, type LabArgs } from './lab-args.ts';
import { connectionHelp } from './lab-keep.ts';
import { stdinPauser } from './lab-pause.ts';
import { startHandsOn, type HandsOnSession } from '../harness/kit/hands-on/session.ts';

async function listLabs(): Promise<void> {
  for (const dir of discoverLabDirs()) {
    const lab = await loadLab(dir);
    console.log(`  ${lab.id.padEnd(22)} ${lab.title} (~${lab.minutes} min)`);
  }
}

/** A lab id from labs/, or a path to a lab folder (e.g. the kit's fixtures). */
async function resolveLabDir(id: string): Promise<string | undefined> {
  if (id.includes('/')) return path.resolve(id);
  const dirs = discoverLabDirs();
  const found = dirs.find((d) => path.basename(d) === id);
  if (found !== undefined) return found;
  console.error(`No lab "${id}". The labs are:`);
  await listLabs();
  const suggestion = nearest(id, dirs.map((d) => path.basename(d)));
  if (suggestion !== undefined) console.error(`\nDid you mean: npm run lab -- ${suggestion}`);
  return undefined;
}

function waitForCtrlC(): Promise<void> {
  return new Promise((resolve) => process.once('SIGINT', () => resolve()));
}

async function main(args: LabArgs): Promise<number> {
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.list) {
    console.log('Labs:');
    await listLabs();
    return 0;
  }
  const dir = await resolveLabDir(args.id ?? '');
  if (dir === undefined) return 2;
  const lab = await loadLab(dir);
  if (!lab.needs.engines.includes(args.engine)) {
    console.error(`Lab ${lab.id} runs on the ${lab.needs.engines.join(', ')} engine(s), not ${args.engine}.`);
    return 2;
  }
  const kafka = args.kafka ?? lab.needs.kafka[0];
  if (!lab.needs.kafka.includes(kafka)) {
    console.error(`Lab ${lab.id} runs with Kafka in ${lab.needs.kafka.join(', ')} mode, not ${kafka}.`);
    return 2;
  }
  const extra: ExtraService[] = [...(lab.needs.services ?? [])];
  if (args.engine === 'debezium' && !extra.includes('connect')) extra.push('connect');

  console.log(`Starting PostgreSQL and Kafka (${kafka}${extra.length > 0 ? `, ${extra.join(', ')}` : ''}) on the ${args.runtime} runtime …`);
  let stack: Stack;
  try {
    stack = await startStack({ runtime: args.runtime, kafka, with: extra, onProgress: (l) => console.log(`  ${l}`) });
  } catch (err) {
    console.error(`The stack did not start: ${(err as Error).message}`);
    // a missing requirement gets doctor's one-line verdict: what would run here, what to install
    if (err instanceof MissingToolchainError) console.error(`\n${await runtimeVerdict()}`);
    return 3;
  }
  let handsOn: HandsOnSession | undefined;
  const stopOnSigint = (): void => {
    console.error('\nInterrupted: stopping the stack …');
    void Promise.allSettled([handsOn?.close(), stack.stop()]).finally(() => process.exit(130));
  };
  // hands-on keeps the stack up at the end like --keep, but Ctrl-C in the middle must stop it all
  if (!args.keep || args.handsOn) process.once('SIGINT', stopOnSigint);
  if (args.handsOn) {
    handsOn = await startHandsOn({ lab, stack: stack.info, engine: args.engine, input: process.stdin, write: (t) => process.stdout.write(t) });
  }

  const pauser = args.step ? stdinPauser() : undefined;
  try {
    const run = await runLab({
      lab,
      stack: stack.info,
      engine: args.engine,
      kafkaMode: kafka,
      reporter: terminalReporter(),
      logTail: (service, lines) => stack.logTail(service, lines),
      keep: args.keep || args.handsOn,
      stepDriver: handsOn?.stepDriver,
      beforeStep: pauser
        ? (index, step) => pauser.pause(`\n⏸  Next: step ${index + 1}, "${step.title}". Press Enter to run it … `)
        : undefined,
    });
    pauser?.close();
    if (args.record && run.passed) {
      writeTranscript(lab.dir, maskTranscript(run.transcript));
      console.log(`Recorded ${path.relative(process.cwd(), transcriptPath(lab.dir))}`);
    } else if (args.record) {
      console.log(`Not recorded: a failing run would mark the page's claims as failed. ${path.relative(process.cwd(), transcriptPath(lab.dir))} is unchanged.`);
    }
    if (args.keep || args.handsOn) {
      await handsOn?.close();
      process.removeListener('SIGINT', stopOnSigint);
      console.log(connectionHelp(stack.info, lab.id));
      await waitForCtrlC();
      await run.cleanup();
    }
    return run.passed ? 0 : 1;
  } finally {
    pauser?.close();
    await handsOn?.close();
    await stack.stop();
  }
}

let args: LabArgs;
try {
  args = parseLabArgs(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof ArgsError)) throw err;
  console.error(`${err.message}\n\n${USAGE}`);
  process.exit(2);
}
main(args).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(3);
  },
);
