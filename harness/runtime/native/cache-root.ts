import os from 'node:os';
import path from 'node:path';

/** The cache folder outside the repo that holds the jar sets (and a fetched Maven, if any). */
export function cacheRoot(): string {
  const base = process.env.CDC_LABS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'cdc-labs');
  return path.join(base, 'jars');
}
