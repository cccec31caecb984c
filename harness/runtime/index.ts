import { hasContainerEngine, startContainersStack } from './containers/containers-stack.ts';
import { externalStack } from './external.ts';
import { startNativeStack } from './native/native-stack.ts';
import { findToolchain } from './native/toolchain.ts';
import { OptionError } from './process/errors.ts';
import { EXTRA_SERVICES, KAFKA_MODES, RUNTIME_CHOICES, type RuntimeKind, type Stack, type StackOptions } from './types.ts';

export * from './types.ts';
export { OptionError, ServiceError } from './process/errors.ts';
export { MissingToolchainError } from './native/toolchain.ts';

/** Checks option values before anything starts, naming the option and its allowed values. */
export function validateStackOptions(options: StackOptions): void {
  if (options.runtime !== undefined && !RUNTIME_CHOICES.includes(options.runtime)) throw new OptionError('runtime', options.runtime, RUNTIME_CHOICES);
  if (options.kafka !== undefined && !KAFKA_MODES.includes(options.kafka)) throw new OptionError('Kafka mode', options.kafka, KAFKA_MODES);
  for (const extra of options.with ?? []) {
    if (!EXTRA_SERVICES.includes(extra)) throw new OptionError('service', extra, EXTRA_SERVICES);
  }
  if (options.kafkaNodes !== undefined && ![1, 3].includes(options.kafkaNodes)) throw new OptionError('Kafka node count', options.kafkaNodes, ['1', '3']);
}

/**
 * `auto` prefers the runtime this project's CI verifies (native) when its requirements are met,
 * then containers when testcontainers finds an engine; with neither, native, whose error says what
 * to install.
 */
export async function resolveRuntime(choice: StackOptions['runtime'] = 'auto', probes: RuntimeProbes = defaultProbes): Promise<RuntimeKind> {
  if (choice !== 'auto') return choice;
  if (await probes.nativeToolchain()) return 'native';
  return (await probes.containerEngine()) ? 'containers' : 'native';
}

export interface RuntimeProbes {
  nativeToolchain(): Promise<boolean>;
  containerEngine(): Promise<boolean>;
}

const defaultProbes: RuntimeProbes = {
  nativeToolchain: () => findToolchain().then(() => true, () => false),
  containerEngine: hasContainerEngine,
};

/** Brings up PostgreSQL + Kafka (+ Connect, S3 when asked) on the chosen runtime. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  validateStackOptions(options);
  const runtime = await resolveRuntime(options.runtime);
  options.onProgress?.(`runtime: ${runtime}`);
  switch (runtime) {
    case 'native':
      return startNativeStack(options);
    case 'containers':
      return startContainersStack(options);
    case 'external':
      return externalStack(options);
  }
}
