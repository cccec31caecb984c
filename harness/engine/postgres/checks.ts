// Pre-flight checks, run before the engine creates anything: the settings and rights Debezium's
// PostgreSQL connector needs (see its documentation, "Setting up permissions" and "Configuring
// the PostgreSQL server"). Each failure says what is wrong and how to fix it.
import type pg from 'pg';
import { EngineSetupError, pgCode, pgMessage } from './pg-errors.ts';
import { SQLSTATE } from './sqlstate.ts';
import { quoteIdent, type Queryable } from './sql.ts';

export async function checkWalLevel(db: Queryable): Promise<void> {
  const res = await db.query<{ wal_level: string }>('SHOW wal_level');
  const level = res.rows[0]?.wal_level;
  if (level !== 'logical') {
    throw new EngineSetupError(
      `PostgreSQL has wal_level = '${level}', but logical decoding needs wal_level = logical. ` +
        `Fix: run "ALTER SYSTEM SET wal_level = logical;" as a superuser and restart PostgreSQL ` +
        `(or start it with -c wal_level=logical).`,
    );
  }
}

export interface RoleInfo {
  user: string;
  superuser: boolean;
  replication: boolean;
}

export async function readRole(db: Queryable): Promise<RoleInfo> {
  const res = await db.query<{ user: string; rolsuper: boolean; rolreplication: boolean }>(
    'SELECT current_user AS user, rolsuper, rolreplication FROM pg_catalog.pg_roles WHERE rolname = current_user',
  );
  const r = res.rows[0];
  return { user: r.user, superuser: r.rolsuper, replication: r.rolreplication };
}

/** The REPLICATION attribute is needed for the replication connection (slot + streaming). */
export async function checkReplicationRole(db: Queryable): Promise<void> {
  const role = await readRole(db);
  if (!role.superuser && !role.replication) {
    throw new EngineSetupError(
      `must be superuser or replication role to start walsender: user "${role.user}" has no REPLICATION attribute. ` +
        `Fix: ALTER ROLE ${quoteIdent(role.user)} WITH REPLICATION;`,
      SQLSTATE.INSUFFICIENT_PRIVILEGE,
    );
  }
}

/** Wraps an error from a replication connection or command with the grant that fixes it. */
export function explainReplicationError(err: unknown, user: string, slotName: string): Error {
  const code = pgCode(err);
  const msg = pgMessage(err);
  if (code === SQLSTATE.INSUFFICIENT_PRIVILEGE || code === SQLSTATE.INVALID_AUTHORIZATION_SPECIFICATION) {
    return new EngineSetupError(`${msg}. Fix: ALTER ROLE ${quoteIdent(user)} WITH REPLICATION;`, code, { cause: err });
  }
  if (code === SQLSTATE.OBJECT_IN_USE) {
    return new EngineSetupError(
      `${msg}. Replication slot "${slotName}" is in use by another connection (another connector, or a previous ` +
        `run of this engine that is still alive). Stop it, or end it with SELECT pg_terminate_backend(<pid>);`,
      code,
      { cause: err },
    );
  }
  return err instanceof Error ? err : new Error(msg);
}

/** Wraps a CREATE/ALTER PUBLICATION failure with what to grant. */
export function explainPublicationError(err: unknown, user: string, database: string, publication: string): Error {
  const code = pgCode(err);
  const msg = pgMessage(err);
  if (code === SQLSTATE.INSUFFICIENT_PRIVILEGE) {
    return new EngineSetupError(
      `${msg}. Creating publication "${publication}" needs: GRANT CREATE ON DATABASE ${quoteIdent(database)} TO ` +
        `${quoteIdent(user)}; ownership of every captured table for FOR TABLE (publication.autocreate.mode=filtered); ` +
        `superuser for FOR ALL TABLES (publication.autocreate.mode=all_tables). Or have an administrator create the ` +
        `publication and set publication.autocreate.mode=disabled.`,
      code,
      { cause: err },
    );
  }
  return err instanceof Error ? err : new Error(msg);
}
