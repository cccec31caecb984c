// Every lab under labs/ as tests on the shared stack: one test per claim for each engine and Kafka
// mode the lab declares, and one comparing the fresh masked transcript with transcript.json.
import fs from 'node:fs';
import path from 'node:path';
import { expect, inject, it } from 'vitest';
import { LABS_DIR, loadAllLabs } from '../harness/kit/load-lab.ts';
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

it('every folder under labs/ is a lab that loaded and runs here', () => {
  const folders = fs.readdirSync(LABS_DIR).filter((name) => fs.statSync(path.join(LABS_DIR, name)).isDirectory());
  expect(labs.map((lab) => lab.id).sort()).toEqual(folders.sort());
});
