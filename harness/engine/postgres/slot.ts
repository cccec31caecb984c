// Replication slot handling, as Debezium's PostgresReplicationConnection does it: reuse the slot
// when it exists (restart resumes from its confirmed_flush_lsn), otherwise create it on a
// replication connection with an exported snapshot, whose name the snapshot transaction imports.
import pg from 'pg';
import { explainReplicationError } from './checks.ts';
import { parseLsn } from './lsn.ts';
import { EngineSetupError } from './pg-errors.ts';
import { SQLSTATE } from './sqlstate.ts';
import { quoteIdent, type Queryable } from './sql.ts';

export interface SlotState {
  name: string;
  plugin: string;
  database: string;
  active: boolean;
  activePid: number | null;
  confirmedFlushLsn: bigint | null;
  restartLsn: bigint | null;
  /** pg_replication_slots.wal_status ('lost' once the WAL it needs was removed) */
  walStatus: string | null;
}

export async function readSlot(db: Queryable, name: string): Promise<SlotState | null> {
  const res = await db.query<{
    plugin: string;
    database: string;
    active: boolean;
    active_pid: number | null;
    confirmed_flush_lsn: string | null;
    restart_lsn: string | null;
    wal_status: string | null;
  }>(
    `SELECT plugin, database, active, active_pid, confirmed_flush_lsn::text, restart_lsn::text, wal_status
       FROM pg_catalog.pg_replication_slots WHERE slot_name = $1`,
    [name],
  );
  if (res.rowCount === 0) return null;
  const r = res.rows[0];
  return {
    name,
    plugin: r.plugin,
    database: r.database,
    active: r.active,
    activePid: r.active_pid,
    confirmedFlushLsn: r.confirmed_flush_lsn ? parseLsn(r.confirmed_flush_lsn) : null,
    restartLsn: r.restart_lsn ? parseLsn(r.restart_lsn) : null,
    walStatus: r.wal_status ?? null,
  };
}

/** A reusable slot must be a pgoutput slot of this database that nobody streams from. */
export function checkReusableSlot(slot: SlotState, database: string): void {
  if (slot.active) {
    throw new EngineSetupError(
      `Replication slot "${slot.name}" is active for PID ${slot.activePid}: another connector (or a previous run of ` +
        `this engine) is streaming from it. Stop that process, or end it with SELECT pg_terminate_backend(${slot.activePid}); ` +
        `or give this connector its own slot.name.`,
      SQLSTATE.OBJECT_IN_USE,
    );
  }
  if (slot.plugin !== 'pgoutput') {
    throw new EngineSetupError(
      `Replication slot "${slot.name}" uses plugin "${slot.plugin}", but this engine decodes pgoutput only. ` +
        `Drop it (SELECT pg_drop_replication_slot('${slot.name.replaceAll("'", "''")}');) or choose another slot.name.`,
    );
  }
  if (slot.database !== database) {
    throw new EngineSetupError(
      `Replication slot "${slot.name}" belongs to database "${slot.database}", not "${database}". Choose another slot.name.`,
    );
  }
}

export interface CreatedSlot {
  /** the replication session that exported the snapshot; keep it open until the snapshot is imported */
  session: pg.Client;
  consistentPoint: bigint;
  snapshotName: string;
}

/**
 * CREATE_REPLICATION_SLOT "<slot>" LOGICAL pgoutput (SNAPSHOT 'export') on a replication
 * connection (PostgreSQL ≥ 15 option syntax). The snapshot stays importable while `session` is
 * open and runs nothing else.
 */
export async function createSlotWithSnapshot(
  clientConfig: pg.ClientConfig,
  slotName: string,
  user: string,
): Promise<CreatedSlot> {
  const session = new pg.Client({ ...clientConfig, replication: 'database' } as pg.ClientConfig);
  try {
    await session.connect();
    const res = await session.query<{ consistent_point: string; snapshot_name: string }>(
      `CREATE_REPLICATION_SLOT ${quoteIdent(slotName)} LOGICAL pgoutput (SNAPSHOT 'export')`,
    );
    const row = res.rows[0];
    return { session, consistentPoint: parseLsn(row.consistent_point), snapshotName: row.snapshot_name };
  } catch (err) {
    await session.end().catch(() => undefined);
    throw explainReplicationError(err, user, slotName);
  }
}

export async function dropSlot(db: Queryable, slotName: string): Promise<void> {
  await db.query('SELECT pg_catalog.pg_drop_replication_slot($1)', [slotName]);
}

/**
 * Drops `slotName` once no walsender holds it (a stopped engine or Connect task lets go of its slot
 * a moment after it reports stopped; dropping an active slot fails). Missing slots are fine; a
 * slot still active after `timeoutMs` is left and reported.
 */
export async function dropSlotWhenInactive(db: Queryable, slotName: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query('SELECT active FROM pg_catalog.pg_replication_slots WHERE slot_name = $1', [slotName]);
    if (rows.length === 0) return;
    if (!(rows[0] as { active: boolean }).active) return dropSlot(db, slotName);
    if (Date.now() > deadline) throw new Error(`replication slot ${slotName} is still active after ${timeoutMs} ms; not dropped`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
