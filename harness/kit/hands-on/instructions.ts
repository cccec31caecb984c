// What hands-on mode tells the learner to type for a step, with the sandbox's real addresses.
// Pure: the session prints it, the unit test reads it, the integration test runs it.
import type { StepSpec } from '../types.ts';
import { consoleConsumer, runnableShell, type KafkaTools } from './kafka-tools.ts';

export interface Sandbox {
  /** postgres://… of the lab's database */
  psqlUrl: string;
  /** The lab's Kafka Connect REST endpoint (served by the runner, see rest-front.ts). */
  restUrl: string;
  tools: KafkaTools;
  /** How a lab file is named on the learner's command line (relative to where they run it). */
  fileRef(file: string): string;
}

export interface StepInstructions {
  /** Commands to type, one a line. */
  type: string[];
  /** A command that shows the step's events arriving (optional for the learner). */
  watch?: string;
}

const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function stepInstructions(step: StepSpec, sandbox: Sandbox): StepInstructions {
  const show = step.handsOn === 'runner' ? undefined : step.show;
  const type: string[] = [];
  if (show?.kind === 'sql') type.push(`psql ${shq(sandbox.psqlUrl)} -f ${sandbox.fileRef(show.file)}`);
  if (show?.kind === 'json') {
    type.push(`curl -s -X POST -H 'Content-Type: application/json' --data-binary @${sandbox.fileRef(show.file)} ${sandbox.restUrl}/connectors`);
  }
  if (show?.kind === 'curl') {
    const body = show.file === undefined ? '' : ` -H 'Content-Type: application/json' --data-binary @${sandbox.fileRef(show.file)}`;
    type.push(`curl -s -X ${show.method}${body} ${shq(sandbox.restUrl + show.path)}`);
  }
  if (show?.kind === 'shell') type.push(runnableShell(show.command, sandbox.tools));
  return { type, ...(step.expect === undefined ? {} : { watch: consoleConsumer(step.expect.topic, sandbox.tools) }) };
}
