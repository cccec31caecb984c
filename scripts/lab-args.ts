// Parses `npm run lab -- <id> [options]`. Pure, so it is unit-tested without a stack.
import { parseArgs } from 'node:util';
import { KAFKA_MODES, RUNTIME_CHOICES, type KafkaMode, type RuntimeChoice } from '../harness/runtime/types.ts';
import { ENGINE_NAMES, type EngineName } from '../harness/kit/types.ts';

export interface LabArgs {
  id: string | undefined;
  list: boolean;
  keep: boolean;
  step: boolean;
  handsOn: boolean;
  record: boolean;
  help: boolean;
  runtime: RuntimeChoice;
  engine: EngineName;
  kafka: KafkaMode | undefined;
}

export const USAGE = `Usage: npm run lab -- <lab-id> [options]

  --list                 list the labs
  --keep                 leave the stack up afterwards and print how to connect (Ctrl-C stops it)
  --step                 pause before each step; Enter goes on
  --hands-on             you type each step in another terminal, the runner checks it (workshops)
  --record               rewrite labs/<id>/transcript.json from this run
  --runtime <kind>       auto | native | containers | external (default auto)
  --engine <name>        native | debezium (default native)
  --kafka <mode>         kraft | zookeeper (default: the lab's first)
  --help                 this text`;

export class ArgsError extends Error {}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T | undefined): T | undefined {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ArgsError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

export function parseLabArgs(argv: string[]): LabArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        list: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        step: { type: 'boolean', default: false },
        'hands-on': { type: 'boolean', default: false },
        record: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        runtime: { type: 'string' },
        engine: { type: 'string' },
        kafka: { type: 'string' },
      },
    });
  } catch (err) {
    throw new ArgsError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new ArgsError(`one lab at a time (got ${positionals.join(', ')})`);
  const args: LabArgs = {
    id: positionals[0],
    list: values.list === true,
    keep: values.keep === true,
    step: values.step === true,
    handsOn: values['hands-on'] === true,
    record: values.record === true,
    help: values.help === true,
    runtime: oneOf('runtime', values.runtime, RUNTIME_CHOICES, 'auto') as RuntimeChoice,
    engine: oneOf('engine', values.engine, ENGINE_NAMES, 'native') as EngineName,
    kafka: oneOf('kafka', values.kafka, KAFKA_MODES, undefined),
  };
  if (!args.list && !args.help && args.id === undefined) throw new ArgsError('which lab? name one, or use --list');
  // hands-on already waits at every step, and a learner's run is no recording
  if (args.handsOn && (args.step || args.record)) throw new ArgsError('--hands-on goes alone: it pauses at every step itself and records nothing');
  return args;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The known id nearest to `id`, or undefined when none is reasonably close. */
export function nearest(id: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = k.startsWith(id) || id.startsWith(k) ? 1 : editDistance(id, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(3, Math.floor(id.length / 2)) ? best : undefined;
}
