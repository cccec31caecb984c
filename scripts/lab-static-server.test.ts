import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFile, serveStatic } from './lab-static-server.ts';

const root = mkdtempSync(path.join(tmpdir(), 'site-'));
mkdirSync(path.join(root, 'labs', 'quickstart'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
writeFileSync(path.join(root, 'labs', 'quickstart', 'index.html'), '<h1>quickstart</h1>');
writeFileSync(path.join(root, '404.html'), '<h1>404</h1>');

describe('static server', () => {
  it('maps clean URLs to index.html files and refuses to leave the root', () => {
    expect(resolveFile(root, '/labs/quickstart')).toBe(path.join(root, 'labs', 'quickstart', 'index.html'));
    expect(resolveFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveFile(root, '/../../etc/passwd')).toBeUndefined();
  });
  it('serves pages and a 404 page', async () => {
    const site = await serveStatic(root);
    try {
      expect(await (await fetch(`${site.url}/labs/quickstart/`)).text()).toBe('<h1>quickstart</h1>');
      const missing = await fetch(`${site.url}/nope`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toBe('<h1>404</h1>');
    } finally {
      await site.close();
    }
  });
});
