// The kit end to end on the shared stack with a lab that needs only PostgreSQL (no engine).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, inject, it } from 'vitest';
import type { StackInfo } from '../runtime/types.ts';
import { loadLab } from './load-lab.ts';
import { registerLabTests } from './reporters/vitest-suite.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'stub-lab');
const lab = await loadLab(dir);
registerLabTests(lab, { stack: (): StackInfo => inject('stack') });

it('the stub lab loads with its steps and claims', () => {
  expect(lab.id).toBe('stub-lab');
  expect(lab.steps.flatMap((step) => step.claims ?? []).length).toBeGreaterThan(0);
});
