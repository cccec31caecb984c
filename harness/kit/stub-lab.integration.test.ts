// The kit end to end on the shared stack with a lab that needs only PostgreSQL (no engine).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { StackInfo } from '../runtime/types.ts';
import { loadLab } from './load-lab.ts';
import { registerLabTests } from './reporters/vitest-suite.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'stub-lab');
registerLabTests(await loadLab(dir), { stack: (): StackInfo => inject('stack') });
