import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentWalLsn, readSlot, requireSlot, waitForSlotReleased } from './slots.ts';

// Against the shared stack's PostgreSQL: a slot made with pg_create_logical_replication_slot.
const SLOT = 'kit_slots_test';
let db: pg.Client;

beforeAll(async () => {
  db = new pg.Client(inject('stack').postgres.url);
  await db.connect();
  await db.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1`, [SLOT]);
  await db.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [SLOT]);
});
afterAll(async () => {
  await db.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1`, [SLOT]);
  await db.end();
});

describe('slots', () => {
  it('reads positions as numbers the server computed, and the lag grows with WAL written', async () => {
    const before = await requireSlot(db, SLOT);
    expect(before.active).toBe(false);
    expect(before.confirmed).toBeGreaterThan(0n);
    expect(before.restart).toBeGreaterThan(0n);
    expect(before.restart).toBeLessThanOrEqual(before.confirmed);
    // transactional, so its commit flushes the WAL: pg_current_wal_lsn() is the write position, not the insert one
    await db.query(`SELECT pg_logical_emit_message(true, 'kit', repeat('x', 10000))`);
    const after = await requireSlot(db, SLOT);
    expect(after.current).toBeGreaterThan(before.current);
    expect(after.lag).toBeGreaterThan(before.lag);
    expect(await currentWalLsn(db)).toBeGreaterThanOrEqual(after.current);
  });

  it('an unknown slot is undefined, required it fails naming it; an inactive one is released at once', async () => {
    expect(await readSlot(db, 'no_such_slot')).toBeUndefined();
    await expect(requireSlot(db, 'no_such_slot')).rejects.toThrow('no_such_slot');
    await waitForSlotReleased(db, SLOT, 1000);
  });
});
