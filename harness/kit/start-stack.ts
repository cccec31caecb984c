// Starts a stack through the runtime. Imported lazily, so specs and docs never load the runtime.
import type { Stack, StackOptions } from '../runtime/types.ts';

interface RuntimeModule {
  startStack(opts: StackOptions): Promise<Stack>;
}

const RUNTIME_MODULE = '../runtime/index.ts';

export async function startStack(opts: StackOptions): Promise<Stack> {
  const mod = (await import(RUNTIME_MODULE)) as RuntimeModule;
  return mod.startStack(opts);
}
