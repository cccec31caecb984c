import { describe, expect, it } from 'vitest';
import { snapshotMarker } from './snapshot.ts';

// RelationalSnapshotChangeEventSource#setSnapshotMarker (Debezium 3.2)
describe('snapshotMarker', () => {
  it('marks first and last records of the snapshot and of each table', () => {
    // two tables of 2 rows each
    expect(snapshotMarker(true, false, true, false)).toBe('first');
    expect(snapshotMarker(true, false, false, true)).toBe('last_in_data_collection');
    expect(snapshotMarker(false, true, true, false)).toBe('first_in_data_collection');
    expect(snapshotMarker(false, true, false, true)).toBe('last');
    expect(snapshotMarker(false, false, false, false)).toBe('true');
  });
  it('a one-row table: last of the snapshot wins, then first of the snapshot, then last in table', () => {
    expect(snapshotMarker(true, true, true, true)).toBe('last');
    expect(snapshotMarker(true, false, true, true)).toBe('first');
    expect(snapshotMarker(false, false, true, true)).toBe('last_in_data_collection');
  });
});
