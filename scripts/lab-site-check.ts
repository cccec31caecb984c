// The site in a real browser: builds it (unless --no-build), serves build/ on loopback, opens each
// page in headless Chromium (Debian's package, driven by playwright-core), checks that lab pages
// render their steps, claims and pipeline diagram, have a table of contents, stay within
// MAX_HEIGHT px at 1280×900 and pass axe-core with no serious or critical violation, that no page
// logs a console error or scrolls sideways on a 390 px phone, and saves screenshots under
// artifacts/site/ (lab pages also as a phone sees them). Exit code 0 when every page passes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { loadAllLabs } from '../harness/kit/load-lab.ts';
import { recordsClaim } from '../src/plugins/lab-page-data.ts';
import { serveStatic } from './lab-static-server.ts';
import { axeViolations, MAX_HEIGHT, MIN_TOC, PHONE, pageHeight, sidewaysScroll, tocEntries } from './site-page-checks.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'artifacts', 'site');

interface PageCheck {
  path: string;
  name: string;
  /** lab pages: expected step and claim counts */
  lab?: { steps: number; claims: number; verified: number };
  /** a selector that must be present (e.g. a rendered Mermaid diagram) */
  mustHave?: string;
  /** a query the offline search must answer with at least one suggestion */
  search?: string;
  /** set when the page cannot exist (a lab without its docs page) */
  missing?: string;
}

const DESKTOP = { width: 1280, height: 900 };

interface PageResult {
  problems: string[];
  /** what was measured on a lab page, printed after its path */
  figures?: string;
}

async function checkPage(context: BrowserContext, base: string, check: PageCheck): Promise<PageResult> {
  if (check.missing !== undefined) return { problems: [check.missing] };
  const problems: string[] = [];
  let figures: string | undefined;
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  const response = await page.goto(`${base}${check.path}`, { waitUntil: 'networkidle' });
  if (response === null) problems.push('no response');
  if (check.lab !== undefined) {
    const steps = await page.locator('[data-lab-step]').count();
    const claims = await page.locator('[data-lab-claim]').count();
    const verified = await page.locator('[data-lab-claim="verified"]').count();
    if (steps !== check.lab.steps) problems.push(`${steps} steps rendered, the spec has ${check.lab.steps}`);
    if (claims !== check.lab.claims) problems.push(`${claims} claims rendered, the spec has ${check.lab.claims}`);
    if (verified !== check.lab.verified) problems.push(`${verified} claims shown verified, the transcript verifies ${check.lab.verified}`);
    try {
      await page.waitForSelector('[data-lab-diagram] svg', { timeout: 15_000 });
    } catch {
      problems.push('the pipeline diagram did not render');
    }
    const toc = await tocEntries(page);
    if (toc < MIN_TOC) problems.push(`${toc} table-of-contents entries, at least ${MIN_TOC} wanted`);
    const height = await pageHeight(page);
    if (height > MAX_HEIGHT) problems.push(`${height} px tall at 1280×900, at most ${MAX_HEIGHT} wanted`);
    const axe = await axeViolations(page);
    for (const v of axe) problems.push(`axe ${v.impact}: ${v.id} (${v.help}), ${v.nodes} element(s), first ${v.target}`);
    figures = `${height} px at 1280×900, ${toc} TOC entries, axe: ${axe.length} serious/critical`;
  }
  if (check.mustHave !== undefined) {
    try {
      await page.waitForSelector(check.mustHave, { timeout: 15_000 });
    } catch {
      problems.push(`nothing matches ${check.mustHave}`);
    }
  }
  if (check.search !== undefined) {
    try {
      await page.fill('input.navbar__search-input', check.search);
      await page.waitForSelector('[class*="suggestion_"]', { timeout: 15_000 });
    } catch {
      problems.push(`the offline search found nothing for "${check.search}"`);
    }
  }
  await page.screenshot({ path: path.join(SHOTS, `${check.name}.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  const sideways = await sidewaysScroll(page);
  if (sideways > 0) problems.push(`scrolls ${sideways} px sideways at ${PHONE.width} px wide`);
  if (check.lab !== undefined) await page.screenshot({ path: path.join(SHOTS, `${check.name}-phone.png`) });
  await page.setViewportSize(DESKTOP);
  await page.close();
  return { problems, figures };
}

/** Paths of the pages in Docusaurus' sitemap.xml. */
function sitemapPaths(file: string): string[] {
  if (!existsSync(file)) return [];
  return [...readFileSync(file, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

async function main(): Promise<number> {
  if (!process.argv.includes('--no-build')) {
    console.log('Building the site …');
    const build = spawnSync('npx', ['docusaurus', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) return 1;
  }
  const labs = await loadAllLabs();
  const { readTranscript } = await import('../harness/kit/transcript/transcript.ts');
  const checks: PageCheck[] = [
    { path: '/', name: 'intro', search: 'replica identity' },
    { path: '/architecture', name: 'architecture', mustHave: '.docusaurus-mermaid-container svg' },
    { path: '/running-the-labs', name: 'running-the-labs' },
    { path: '/versions', name: 'versions', mustHave: 'table' },
    ...labs.map((lab): PageCheck => {
      const claims = lab.steps.flatMap((s) => s.claims ?? []);
      const recorded = readTranscript(lab.dir);
      const verified = recorded?.steps.flatMap((s) => s.claims).filter((c) => c.passed && claims.some((x) => recordsClaim(c.text, x.text))).length ?? 0;
      const page = path.join(ROOT, 'docs', 'labs', `${lab.id}.mdx`);
      if (!existsSync(page)) return { path: `/labs/${lab.id}`, name: `lab-${lab.id}`, missing: `lab ${lab.id} has no page: add ${path.relative(ROOT, page)} with <LabPage id="${lab.id}" />` };
      return { path: `/labs/${lab.id}`, name: `lab-${lab.id}`, lab: { steps: lab.steps.length, claims: claims.length, verified } };
    }),
  ];

  // every other page the build lists in its sitemap: rendered without console errors
  for (const pagePath of sitemapPaths(path.join(ROOT, 'build', 'sitemap.xml'))) {
    if (!checks.some((c) => c.path === pagePath)) checks.push({ path: pagePath, name: pagePath.replace(/^\/|\/$/g, '').replaceAll('/', '-') || 'home' });
  }

  mkdirSync(SHOTS, { recursive: true });
  const site = await serveStatic(path.join(ROOT, 'build'));
  const profile = mkdtempSync(path.join(tmpdir(), 'cdc-labs-chromium-'));
  let context: BrowserContext | undefined;
  let passed = 0;
  let failed = 0;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: DESKTOP,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    for (const check of checks) {
      const { problems, figures } = await checkPage(context, site.url, check);
      const measured = figures === undefined ? '' : ` (${figures})`;
      if (problems.length === 0) {
        passed++;
        console.log(`✓ ${check.path}${measured}`);
      } else {
        failed++;
        console.log(`✗ ${check.path}${measured}\n${problems.map((p) => `    ${p}`).join('\n')}`);
      }
    }
  } finally {
    await context?.close();
    await site.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`Screenshots in ${path.relative(ROOT, SHOTS)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
