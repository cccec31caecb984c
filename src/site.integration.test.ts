// `npm test` builds the site and opens every page in headless Chromium (scripts/lab-site-check.ts):
// lab pages must render their steps, claims and diagram, carry a table of contents, stay within
// 15,000 px at 1280×900 and pass axe-core (no serious or critical violation); no page may log a
// console error or scroll sideways at 390 px.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The lab pages the site has: docs/labs/<id>.mdx */
function labPages(): string[] {
  return readdirSync(path.join(ROOT, 'docs', 'labs'))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => `/labs/${f.replace(/\.mdx$/, '')}`);
}

describe('the site', () => {
  it('builds, and every page renders in headless Chromium without console errors; lab pages are short, navigable and accessible', () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    const check = spawnSync(process.execPath, ['scripts/lab-site-check.ts'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${check.stdout}\n${check.stderr}`;
    const summary = output.split('\n').filter((l) => /^[✓✗] |^ {4}|passed, \d+ failed/.test(l)).join('\n');
    expect(check.status, `site check failed:\n${summary || output.slice(-4000)}`).toBe(0);
    expect(summary).toMatch(/\d+ passed, 0 failed/);
    for (const page of labPages()) {
      const line = summary.split('\n').find((l) => l.startsWith(`✓ ${page} (`));
      expect(line, `no measured line for ${page}`).toBeDefined();
      const [, height, toc, axe] = /\((\d+) px at 1280×900, (\d+) TOC entries, axe: (\d+) serious\/critical\)/.exec(line ?? '') ?? [];
      expect(Number(height)).toBeLessThanOrEqual(15_000);
      expect(Number(toc)).toBeGreaterThanOrEqual(3);
      expect(Number(axe)).toBe(0);
    }
  }, 900_000);
});
