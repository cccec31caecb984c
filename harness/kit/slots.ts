// Replication slots as a lab reads them: state, positions and "wait until the connector let go".
// LSNs come back as bigints computed by the server (pg_wal_lsn_diff against 0/0), so no lab parses
// the X/Y text form itself.
import type pg from 'pg';
import { waitUntil } from './wait.ts';

type Queryable = Pick<pg.Client, 'query'>;

export interface SlotState {
  name: string;
  /** a walsender is streaming from it */
  active: boolean;
  /** confirmed_flush_lsn: what the connector has confirmed */
  confirmed: bigint;
  /** restart_lsn: the oldest WAL the slot keeps (where a replay could start) */
  restart: bigint;
  /** pg_current_wal_lsn() when read */
  current: bigint;
  /** bytes of WAL the slot holds back (current − confirmed) */
  lag: number;
  /** reserved, extended, unreserved or lost */
  walStatus: string;
}

/** The slot, or undefined when it does not exist; read without recording (the numbers change every run). */
export async function readSlot(db: Queryable, name: string): Promise<SlotState | undefined> {
  const { rows } = await db.query<{ active: boolean; confirmed: string; restart: string; current: string; wal_status: string }>(
    `SELECT active, wal_status,
            pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')::text AS confirmed,
            pg_wal_lsn_diff(restart_lsn, '0/0')::text AS restart,
            pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS current
       FROM pg_replication_slots WHERE slot_name = $1`,
    [name],
  );
  const r = rows[0];
  if (!r) return undefined;
  const confirmed = BigInt(r.confirmed ?? '0');
  const current = BigInt(r.current);
  return { name, active: r.active, confirmed, restart: BigInt(r.restart ?? '0'), current, lag: Number(current - confirmed), walStatus: r.wal_status };
}

/** The slot, failing with its name when it does not exist. */
export async function requireSlot(db: Queryable, name: string): Promise<SlotState> {
  const slot = await readSlot(db, name);
  if (!slot) throw new Error(`replication slot ${name} does not exist`);
  return slot;
}

/** pg_current_wal_lsn() as a number. */
export async function currentWalLsn(db: Queryable): Promise<bigint> {
  const { rows } = await db.query<{ lsn: string }>(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS lsn`);
  return BigInt(rows[0].lsn);
}

/** The walsender lets go of a slot a moment after its connector stops: wait for that (or for the slot to be gone). */
export async function waitForSlotReleased(db: Queryable, name: string, timeoutMs = 30_000): Promise<void> {
  await waitUntil(async () => !(await readSlot(db, name))?.active, timeoutMs, `replication slot ${name} to be released`);
}
