// The checks a lab page must pass in the browser (issue #18), one function each, so the site check
// stays a list of pages: at most MAX_HEIGHT px tall at 1280×900 as first rendered, a table of
// contents, no sideways scrolling on a 390 px phone, and no serious or critical axe-core violation.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export const MAX_HEIGHT = 15_000;
export const MIN_TOC = 3;
export const PHONE = { width: 390, height: 844 };

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** The page's full height in CSS pixels. */
export async function pageHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollHeight);
}

/** Entries of Docusaurus' desktop "on this page" table of contents. */
export async function tocEntries(page: Page): Promise<number> {
  return page.locator('.table-of-contents a.table-of-contents__link').count();
}

/** How many px the page scrolls sideways at the viewport it has now (0 is what we want). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: number;
  target: string;
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, nodes: v.nodes.length, target: String(v.nodes[0]?.target?.[0] ?? '') }));
  });
}
