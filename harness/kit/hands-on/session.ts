// `npm run lab -- <id> --hands-on`: the learner types each step in another terminal, the runner
// checks the step's claims against what happened, and offers to run the step to catch up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StackInfo } from '../../runtime/types.ts';
import { labDatabase, labUrl } from '../lab-resources.ts';
import type { EngineName, LoadedLab } from '../types.ts';
import type { StepAttempt, StepDriver } from './attempt-types.ts';
import { stepInstructions, type Sandbox } from './instructions.ts';
import type { KafkaTools } from './kafka-tools.ts';
import { lineReader } from './line-reader.ts';
import { startRestFront } from './rest-front.ts';

export interface HandsOnOptions {
  lab: LoadedLab;
  stack: StackInfo;
  engine: EngineName;
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  /** Where the learner types (lab files are named relative to it); default process.cwd(). */
  cwd?: string;
}

export interface HandsOnSession {
  stepDriver: StepDriver;
  sandbox: Sandbox;
  close(): Promise<void>;
}

const QUIET_LOG4J = 'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stderr.layout.ConversionPattern=%p %m%n\n';

/** Kafka's tools: from the native runtime's jar cache, else the learner's own bin/ scripts. */
async function kafkaTools(stack: StackInfo): Promise<KafkaTools> {
  const bootstrap = stack.kafka.bootstrapServers.join(',');
  if (stack.runtime !== 'native') return { lib: undefined, log4j: undefined, bootstrap };
  const { ensureJars } = await import('../../runtime/native/jars.ts');
  const log4j = path.join(os.tmpdir(), 'cdc-labs-tools-log4j.properties');
  fs.writeFileSync(log4j, QUIET_LOG4J);
  return { lib: await ensureJars('kafka'), log4j, bootstrap };
}

export async function startHandsOn(opts: HandsOnOptions): Promise<HandsOnSession> {
  const cwd = opts.cwd ?? process.cwd();
  const front = await startRestFront();
  const sandbox: Sandbox = {
    psqlUrl: labUrl(opts.stack, labDatabase(opts.lab.id)),
    restUrl: front.url,
    tools: await kafkaTools(opts.stack),
    fileRef: (file) => {
      const rel = path.relative(cwd, path.join(opts.lab.dir, file));
      return rel.startsWith('..') ? path.join(opts.lab.dir, file) : rel;
    },
  };
  const input = lineReader(opts.input, opts.write);
  const say = (text: string): void => opts.write(`${text}\n`);

  say(`\nHands-on: you type each step in a second terminal (in ${cwd}); the runner checks what happened.`);
  say(`  PostgreSQL      psql '${sandbox.psqlUrl}'`);
  say(`  Kafka           --bootstrap-server ${sandbox.tools.bootstrap}`);
  say(`  Kafka Connect   ${front.url}  (the lab's REST endpoint: it runs the connector on the ${opts.engine} engine, with database.* pointed at the lab's database)`);
  if (opts.stack.connect !== undefined) say(`                  ${opts.stack.connect.url}  (the Kafka Connect worker itself)`);
  say('At each step: type what it shows, then press Enter here to check it. Type "run" instead to let the runner do the step.');

  const finishBy = async (attempt: StepAttempt): Promise<boolean> => {
    front.route(attempt.serveCurl);
    try {
      return (await attempt.finish()).passed;
    } finally {
      front.route(undefined);
    }
  };

  const stepDriver: StepDriver = {
    async drive(_index, step, attempt) {
      const { type, watch } = stepInstructions(step, sandbox);
      say(`  ${step.prose}`);
      const watchLine = (): void => {
        if (watch !== undefined) say(`  To watch the events arrive (optional, a third terminal):\n    (watch) ${watch}`);
      };
      if (type.length === 0) {
        // nothing the learner can type as shown (or nothing shown): the runner does the step
        const shownFile = step.show !== undefined && 'file' in step.show ? step.show.file : undefined;
        say(`  Nothing to type here: the runner does this step${shownFile === undefined ? '' : ` (${sandbox.fileRef(shownFile)} shows what it runs)`}.`);
        watchLine();
        await input.ask('  Press Enter to let the runner do it: ');
        await finishBy(attempt('runner'));
        return;
      }
      const learner = attempt('learner');
      front.route(learner.serveCurl);
      say('  Your turn, in the other terminal:');
      for (const command of type) say(`    $ ${command}`);
      watchLine();
      const answer = await input.ask('  Press Enter to check it, or type "run" to let the runner do it: ');
      if (answer.trim() === 'run') {
        front.route(undefined);
        await finishBy(attempt('runner'));
        return;
      }
      if (await finishBy(learner)) return;
      const again = await input.ask('  Not there yet. Type "run" to let the runner do this step and catch up, or press Enter to go on: ');
      if (again.trim() === 'run') await finishBy(attempt('runner'));
    },
  };
  let closed = false;
  return {
    stepDriver,
    sandbox,
    async close() {
      if (closed) return;
      closed = true;
      input.close();
      await front.close();
    },
  };
}
