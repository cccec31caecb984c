// Every lab under labs/ as tests on the shared stack: one test per claim for each engine and Kafka
// mode the lab declares, and one comparing the fresh masked transcript with transcript.json.
import { inject } from 'vitest';
import { loadAllLabs } from '../harness/kit/load-lab.ts';
import { registerLabTests } from '../harness/kit/reporters/vitest-suite.ts';
import { startStack } from '../harness/kit/start-stack.ts';
import type { StackInfo } from '../harness/runtime/types.ts';

const labs = await loadAllLabs();
for (const lab of labs) {
  registerLabTests(lab, {
    stack: (): StackInfo => inject('stack'),
    startStack: (kafka, services) => startStack({ kafka, with: services }),
  });
}
