import { describe, expect, it } from 'vitest';
import { planStart, snapshotInProgress, type StoredOffset } from './snapshot-mode.ts';

// BaseSourceTask#validateAndLoadSchemaHistory + the Snapshotters of Debezium 3.2
const finished: StoredOffset = { last_snapshot_record: true, lsn: 100, txId: 7, ts_usec: 1, snapshot: 'INITIAL', snapshot_completed: true };
const unfinished: StoredOffset = { lsn: 100, txId: 7, ts_usec: 1, snapshot: 'INITIAL', snapshot_completed: false };
const streaming: StoredOffset = { lsn_proc: 200, lsn_commit: 200, lsn: 200, txId: 9, ts_usec: 2 };
const slot = { exists: true, walStatus: 'reserved' };
const noSlot = { exists: false };
const pick = (p: ReturnType<typeof planStart>) => ({ snapshot: p.snapshot, stream: p.stream, reset: p.resetOffset, error: p.error !== undefined });

describe('snapshotInProgress', () => {
  it('is true only for a snapshot offset that did not complete', () => {
    expect(snapshotInProgress(unfinished)).toBe(true);
    expect(snapshotInProgress(finished)).toBe(false);
    expect(snapshotInProgress(streaming)).toBe(false);
  });
});

describe('planStart', () => {
  it('initial: snapshot on first start and after an unfinished snapshot, then stream; a lost position fails', () => {
    expect(pick(planStart('initial', null, noSlot))).toEqual({ snapshot: true, stream: true, reset: false, error: false });
    expect(pick(planStart('initial', unfinished, slot))).toEqual({ snapshot: true, stream: true, reset: false, error: false });
    expect(pick(planStart('initial', finished, slot))).toEqual({ snapshot: false, stream: true, reset: false, error: false });
    expect(pick(planStart('initial', streaming, slot))).toEqual({ snapshot: false, stream: true, reset: false, error: false });
    const lost = planStart('initial', streaming, noSlot);
    expect(lost.error).toMatch(/no longer available on the server\. Reconfigure the connector to use a snapshot mode when needed\./);
    // an invalidated slot is there: the stream fails on it with the server's error
    expect(planStart('initial', streaming, { exists: true, walStatus: 'lost' }).error).toBeUndefined();
  });
  it('initial_only: snapshot once, never stream, so the slot is never checked', () => {
    expect(pick(planStart('initial_only', null, noSlot))).toEqual({ snapshot: true, stream: false, reset: false, error: false });
    expect(pick(planStart('initial_only', finished, noSlot))).toEqual({ snapshot: false, stream: false, reset: false, error: false });
    expect(pick(planStart('initial_only', unfinished, noSlot))).toEqual({ snapshot: true, stream: false, reset: false, error: false });
  });
  it('no_data: never snapshots; an unfinished snapshot on record or a lost position fails', () => {
    expect(pick(planStart('no_data', null, noSlot))).toEqual({ snapshot: false, stream: true, reset: false, error: false });
    expect(pick(planStart('no_data', streaming, slot))).toEqual({ snapshot: false, stream: true, reset: false, error: false });
    expect(planStart('no_data', unfinished, slot).error).toMatch(/configured to never allow snapshots/);
    expect(planStart('no_data', streaming, noSlot).error).toMatch(/no longer available/);
  });
  it('always: snapshot on every start; a lost position still fails (shouldSnapshotOnDataError is false)', () => {
    expect(pick(planStart('always', null, noSlot))).toEqual({ snapshot: true, stream: true, reset: false, error: false });
    expect(pick(planStart('always', streaming, slot))).toEqual({ snapshot: true, stream: true, reset: false, error: false });
    expect(planStart('always', streaming, noSlot).error).toBeDefined();
  });
  it('when_needed: like initial, and a lost position resets the offset and snapshots again', () => {
    expect(pick(planStart('when_needed', null, noSlot))).toEqual({ snapshot: true, stream: true, reset: false, error: false });
    expect(pick(planStart('when_needed', streaming, slot))).toEqual({ snapshot: false, stream: true, reset: false, error: false });
    const p = planStart('when_needed', streaming, noSlot);
    expect(pick(p)).toEqual({ snapshot: true, stream: true, reset: true, error: false });
    expect(p.notes.join('\n')).toContain('Attempting to snapshot data to fill the gap.');
  });
  it('configuration_based: the flags, whatever the offset', () => {
    const cb = { snapshotData: true, snapshotSchema: false, startStream: false, snapshotOnSchemaError: false, snapshotOnDataError: false };
    expect(pick(planStart('configuration_based', finished, noSlot, cb))).toEqual({ snapshot: true, stream: false, reset: false, error: false });
    const streamOnly = { ...cb, snapshotData: false, startStream: true };
    expect(pick(planStart('configuration_based', null, noSlot, streamOnly))).toEqual({ snapshot: false, stream: true, reset: false, error: false });
    expect(planStart('configuration_based', streaming, noSlot, streamOnly).error).toBeDefined();
    const recover = { ...streamOnly, snapshotOnDataError: true };
    expect(pick(planStart('configuration_based', streaming, noSlot, recover))).toEqual({ snapshot: false, stream: true, reset: true, error: false });
    expect(planStart('configuration_based', unfinished, slot, streamOnly).error).toMatch(/never allow snapshots/);
  });
  it('a slot created again after the stored position counts as lost: restart_lsn beyond lsn_proc (validateLogPosition)', () => {
    const recreated = { exists: true, walStatus: 'reserved', restartLsn: 300n };
    expect(planStart('initial', streaming, recreated).error).toMatch(/no longer available on the server/);
    expect(pick(planStart('when_needed', streaming, recreated))).toEqual({ snapshot: true, stream: true, reset: true, error: false });
    // a slot that still reaches back to the stored position, or an offset without lsn_proc, is fine
    expect(pick(planStart('initial', streaming, { ...recreated, restartLsn: 200n }))).toEqual({ snapshot: false, stream: true, reset: false, error: false });
    expect(pick(planStart('initial', finished, recreated))).toEqual({ snapshot: false, stream: true, reset: false, error: false });
  });
});
