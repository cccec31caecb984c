import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { describe, expect, it } from 'vitest';
import labDataPlugin from './lab-data.ts';

function siteWithPage(mdx: string): LoadContext {
  const siteDir = mkdtempSync(path.join(tmpdir(), 'lab-data-'));
  mkdirSync(path.join(siteDir, 'docs', 'labs'), { recursive: true });
  writeFileSync(path.join(siteDir, 'docs', 'labs', 'page.mdx'), mdx);
  return { siteDir } as LoadContext;
}

// loadContent imports every lab spec on its first call: seconds on a loaded 2-core machine, over vitest's 5 s default.
describe('lab-data plugin', { timeout: 60_000 }, () => {
  it('fails the build when a page names a lab that does not exist', async () => {
    const plugin = labDataPlugin(siteWithPage('<LabPage id="no-such-lab" />'));
    await expect(plugin.loadContent?.()).rejects.toThrow(/docs\/labs\/page.mdx names lab "no-such-lab", which does not exist/);
  });

  it('hands every lab to the pages as plain JSON, with claims marked from its transcript', async () => {
    const plugin = labDataPlugin(siteWithPage('<LabPage id="quickstart" />'));
    const content = await plugin.loadContent?.();
    const data = content?.data;
    const quickstart = data?.labs.quickstart;
    expect(quickstart?.steps[0].shown?.file).toBe('01-create-table.sql');
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data?.versions.find((v) => v.component === 'Apache Kafka')?.version).toBe('3.9.1');
    const claims = quickstart?.steps.flatMap((s) => s.claims) ?? [];
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c.verified !== null)).toBe(true);
  });

  it('gives steps anchors from their titles, claims the lines that check them, and each lab a diagram and its spec', async () => {
    const content = await labDataPlugin(siteWithPage('<LabPage id="quickstart" />')).loadContent?.();
    const quickstart = content?.data.labs.quickstart;
    expect(quickstart?.steps[1].anchor).toBe('register-the-connector');
    const source = quickstart?.steps[0].claims[0].source;
    expect(source?.file).toBe('lab.ts');
    const lines = content?.specs.quickstart['lab.ts'].split('\n') ?? [];
    expect(lines[(source?.start ?? 0) - 1]).toContain(`claim('${quickstart?.steps[0].claims[0].text}'`);
    expect(quickstart?.diagram).toContain('flowchart LR');
    expect(quickstart?.diagram).toContain('inventory.products');
    const withSource = Object.values(content?.data.labs ?? {}).flatMap((l) => l.steps.flatMap((s) => s.claims)).filter((c) => c.source !== undefined);
    const all = Object.values(content?.data.labs ?? {}).flatMap((l) => l.steps.flatMap((s) => s.claims));
    expect(withSource.length).toBe(all.length);
  });
});
