import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverLabDirs, loadAllLabs, loadLab } from './load-lab.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('loadLab', () => {
  it('loads a spec with the text of every file it shows', async () => {
    const lab = await loadLab(path.join(fixtures, 'stub-lab'));
    expect(lab.id).toBe('stub-lab');
    expect(Object.keys(lab.files).sort()).toEqual(['create-table.sql', 'duplicate.sql', 'update.sql']);
    expect(lab.files['update.sql']).toContain('UPDATE products');
  });

  it('fails at load time naming lab and step when a shown file is missing', async () => {
    await expect(loadLab(path.join(fixtures, 'bad-missing-file'))).rejects.toThrow(
      /lab "bad-missing-file", step "Run the missing file": shows "nowhere.sql", which does not exist/,
    );
  });

  it('fails at load time naming lab and step when a claim has no assertion', async () => {
    await expect(loadLab(path.join(fixtures, 'bad-no-assertion'))).rejects.toThrow(
      /lab "bad-no-assertion", step "Say something": claim "this is true" has no assertion/,
    );
  });

  it('discovers lab folders in id order', () => {
    expect(discoverLabDirs(fixtures).map((d) => path.basename(d))).toEqual(['bad-missing-file', 'bad-no-assertion', 'stub-lab']);
  });

  // Importing every lab (and what it imports: the engine, the AWS SDK, DuckDB) takes seconds
  // on a busy 2-core machine, more than vitest's 5 s default.
  it('loads every lab under labs/', async () => {
    const labs = await loadAllLabs();
    for (const lab of labs) expect(path.basename(lab.dir)).toBe(lab.id);
  }, 60_000);
});
