// Finds lab specs on disk and loads them with the files their steps show. Node-only (fs), but
// imports nothing that talks to a server, so the docs plugin can use it at build time.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { LabDefinitionError, shownFiles } from './define.ts';
import type { LabSpec, LoadedLab } from './types.ts';

/** labs/ at the repository root. */
export const LABS_DIR: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../labs');

/** Directories under `root` that hold a lab.ts, sorted by id. */
export function discoverLabDirs(root: string = LABS_DIR): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => statSync(path.join(root, name)).isDirectory() && existsSync(path.join(root, name, 'lab.ts')))
    .sort()
    .map((name) => path.join(root, name));
}

/** Attaches the shown files to a spec; a missing file fails naming lab and step. */
export function attachFiles(spec: LabSpec, dir: string): LoadedLab {
  const files: Record<string, string> = {};
  for (const { step, file } of shownFiles(spec)) {
    const full = path.join(dir, file);
    if (path.relative(dir, full).startsWith('..')) {
      throw new LabDefinitionError(spec.id, step, `file "${file}" is outside the lab's folder`);
    }
    if (!existsSync(full)) throw new LabDefinitionError(spec.id, step, `shows "${file}", which does not exist in ${dir}`);
    files[file] = readFileSync(full, 'utf8');
  }
  return { ...spec, dir, files };
}

/** Imports <dir>/lab.ts (its default export is the spec) and attaches its files. */
export async function loadLab(dir: string): Promise<LoadedLab> {
  const mod = (await import(pathToFileURL(path.join(dir, 'lab.ts')).href)) as { default?: LabSpec };
  const spec = mod.default;
  if (spec === undefined || typeof spec !== 'object') {
    throw new Error(`${path.join(dir, 'lab.ts')} must export default defineLab({...})`);
  }
  const folder = path.basename(dir);
  if (spec.id !== folder) throw new LabDefinitionError(spec.id, undefined, `id must match its folder "${folder}"`);
  return attachFiles(spec, dir);
}

export async function loadAllLabs(root: string = LABS_DIR): Promise<LoadedLab[]> {
  const labs: LoadedLab[] = [];
  for (const dir of discoverLabDirs(root)) labs.push(await loadLab(dir));
  return labs;
}
