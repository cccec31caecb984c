import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mdxText, PAGE_PATH, renderCompatibilityPage } from './docs-page.ts';
import { KNOWN_DIFFERENCES } from './known-differences.ts';

describe('docs/engine-compatibility.mdx', () => {
  it('is the page generated from known-differences.ts (npm run conformance -- --write-docs)', () => {
    expect(fs.readFileSync(PAGE_PATH, 'utf8')).toBe(renderCompatibilityPage());
  });

  it('names every known difference', () => {
    const page = renderCompatibilityPage();
    for (const k of KNOWN_DIFFERENCES) expect(page).toContain(mdxText(k.summary));
    if (KNOWN_DIFFERENCES.length === 0) expect(page).toContain('## Known differences\n\nNone');
  });

  it('lists every key of the source key catalogue with its status', async () => {
    const { KEY_CATALOGUE: catalogue } = await import('../engine/index.ts');
    const page = renderCompatibilityPage();
    for (const k of catalogue.keys) expect(page).toContain(`| \`${k.name}\` |`);
    expect(page).toContain('| `tasks.max` | ConnectorConfig | accepted, no effect |');
  });

  it('escapes what MDX would read as markup', () => {
    expect(mdxText('a <b> {c} | d_e')).toBe('a \\<b\\> \\{c\\} \\| d\\_e');
  });
});
