import type { TestProject } from 'vitest/node';
import { startStack } from './index.ts';
import type { RuntimeChoice, StackInfo } from './types.ts';

// One shared stack per test run: PostgreSQL, Kafka (KRaft), Kafka Connect with Debezium (labs run
// on both engines) and an S3 store. Tests isolate themselves by database, slot, publication,
// topic prefix and bucket; tests that need another Kafka mode start their own stack.

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const stack = await startStack({
    runtime: (process.env.CDC_LABS_RUNTIME as RuntimeChoice | undefined) ?? 'auto',
    kafka: 'kraft',
    with: ['s3', 'connect'],
    onProgress: (line) => process.stderr.write(`[stack] ${line}\n`),
  });
  process.stderr.write(`[stack] shared ${stack.info.runtime} stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  project.provide('stack', stack.info);
  return () => stack.stop();
}
