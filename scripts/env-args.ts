import { parseArgs } from 'node:util';
import { EXTRA_SERVICES, KAFKA_MODES, RUNTIME_CHOICES, type StackOptions } from '../harness/runtime/types.ts';
import { OptionError } from '../harness/runtime/process/errors.ts';

export const ENV_USAGE = `usage: npm run env -- up [--kafka kraft|zookeeper] [--with connect,s3,registry] [--runtime auto|native|containers|external]
Starts a sandbox stack (PostgreSQL + Kafka, plus Connect, S3 and a schema registry if asked), prints how to connect,
and keeps it up until Ctrl-C.`;

/** Parses `npm run env` arguments into stack options; throws OptionError naming allowed values. */
export function parseEnvArgs(argv: string[]): StackOptions & { help: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      kafka: { type: 'string', default: 'kraft' },
      with: { type: 'string', default: '' },
      runtime: { type: 'string', default: 'auto' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };
  const [command = 'up'] = positionals;
  if (command !== 'up') throw new OptionError('command', command, ['up']);
  if (!(KAFKA_MODES as readonly string[]).includes(values.kafka)) throw new OptionError('Kafka mode', values.kafka, KAFKA_MODES);
  if (!(RUNTIME_CHOICES as readonly string[]).includes(values.runtime)) throw new OptionError('runtime', values.runtime, RUNTIME_CHOICES);
  const extras = values.with.split(',').map((s) => s.trim()).filter(Boolean);
  for (const extra of extras) if (!(EXTRA_SERVICES as readonly string[]).includes(extra)) throw new OptionError('service', extra, EXTRA_SERVICES);
  return {
    help: false,
    kafka: values.kafka as StackOptions['kafka'],
    runtime: values.runtime as StackOptions['runtime'],
    with: extras as StackOptions['with'],
  };
}
