// `npm test` builds the site and opens every page in headless Chromium (scripts/lab-site-check.ts):
// lab pages must render their steps and claims, and no page may log a console error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the site', () => {
  it('builds, and every page renders in headless Chromium without console errors', () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    const check = spawnSync(process.execPath, ['scripts/lab-site-check.ts'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${check.stdout}\n${check.stderr}`;
    const summary = output.split('\n').filter((l) => /^[✓✗] |^ {4}|passed, \d+ failed/.test(l)).join('\n');
    expect(check.status, `site check failed:\n${summary || output.slice(-4000)}`).toBe(0);
    expect(summary).toMatch(/\d+ passed, 0 failed/);
  }, 900_000);
});
