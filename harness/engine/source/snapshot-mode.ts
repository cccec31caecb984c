// What a start does, from snapshot.mode, the stored offset and the slot: Debezium 3.2's
// BaseSourceTask#validateAndLoadSchemaHistory (an unfinished snapshot, a stored position the server
// no longer has) followed by the Snapshotter of the mode (io.debezium.snapshot.mode.* and
// io.debezium.connector.postgresql.snapshot.mode.*): shouldSnapshotData(offsetExists,
// snapshotInProgress), shouldStream(), shouldSnapshotOnDataError(). Pure, so it is unit-tested.
import type { SnapshotMode } from './config.ts';

/** The stored source offset, in the shape of PostgresOffsetContext#getOffset (Kafka Connect's offsets topic value). */
export interface StoredOffset {
  lsn: number;
  lsn_commit?: number;
  lsn_proc?: number;
  txId: number | null;
  ts_usec: number;
  /** present while the offset belongs to a snapshot ("INITIAL"), absent once streaming */
  snapshot?: string;
  snapshot_completed?: boolean;
  last_snapshot_record?: boolean;
}

/** Whether the offset was written by a snapshot that did not finish (PostgresOffsetContext#isSnapshotRunning). */
export function snapshotInProgress(offset: StoredOffset): boolean {
  return offset.snapshot !== undefined && offset.snapshot !== 'FALSE' && offset.snapshot_completed !== true;
}

export interface SnapshotterFlags {
  snapshotData(offsetExists: boolean, inProgress: boolean): boolean;
  stream: boolean;
  snapshotOnDataError: boolean;
}

export interface ConfigurationBasedFlags {
  snapshotData: boolean;
  snapshotSchema: boolean;
  startStream: boolean;
  snapshotOnSchemaError: boolean;
  snapshotOnDataError: boolean;
}

/** The Snapshotter of each mode, as Debezium 3.2 has it. */
export function snapshotterFor(mode: SnapshotMode, cb?: ConfigurationBasedFlags): SnapshotterFlags {
  const initial = (offsetExists: boolean, inProgress: boolean) => !offsetExists || inProgress;
  switch (mode) {
    case 'initial':
      return { snapshotData: initial, stream: true, snapshotOnDataError: false };
    case 'initial_only':
      return { snapshotData: initial, stream: false, snapshotOnDataError: false };
    case 'no_data':
      return { snapshotData: () => false, stream: true, snapshotOnDataError: false };
    case 'always':
      return { snapshotData: () => true, stream: true, snapshotOnDataError: false };
    case 'when_needed':
      // io.debezium.snapshot.mode.WhenNeededSnapshotter: like initial, plus a snapshot when the
      // stored position is gone (shouldSnapshotOnDataError)
      return { snapshotData: initial, stream: true, snapshotOnDataError: true };
    case 'configuration_based': {
      const f = cb ?? { snapshotData: false, snapshotSchema: false, startStream: false, snapshotOnSchemaError: false, snapshotOnDataError: false };
      return { snapshotData: () => f.snapshotData, stream: f.startStream, snapshotOnDataError: f.snapshotOnDataError };
    }
    default:
      throw new Error(`snapshot.mode "${mode}" is not supported by this engine`);
  }
}

export interface SlotView {
  /** whether the slot is there; a slot invalidated by max_slot_wal_keep_size (wal_status lost) still
   * counts as there: streaming from it fails with the server's "can no longer get changes" error */
  exists: boolean;
  walStatus?: string | null;
  /** the slot's restart_lsn: a slot that begins after the stored position cannot replay it (a slot created again) */
  restartLsn?: bigint | null;
}

/**
 * PostgresConnection#validateLogPosition: the stored position is on the server when the slot exists
 * and its restart_lsn is not beyond the offset's last completely processed LSN (lsn_proc).
 */
function positionAvailable(offset: StoredOffset, slot: SlotView): boolean {
  if (!slot.exists) return false;
  if (offset.lsn_proc === undefined || slot.restartLsn === undefined || slot.restartLsn === null) return true;
  return slot.restartLsn <= BigInt(offset.lsn_proc);
}

export interface StartPlan {
  /** take a snapshot of the captured tables */
  snapshot: boolean;
  /** stream from the slot after (or instead of) the snapshot */
  stream: boolean;
  /** the stored offset is discarded (when_needed / snapshot.on.data.error after a lost position) */
  resetOffset: boolean;
  /** fail the task with this message (Debezium throws a DebeziumException) */
  error?: string;
  /** log lines Debezium writes for this decision */
  notes: string[];
}

export const OFFSET_UNAVAILABLE_HINT = 'Reconfigure the connector to use a snapshot mode when needed.';

function describe(offset: StoredOffset): string {
  return `PostgresOffsetContext [lsn=${offset.lsn}${offset.lsn_commit !== undefined ? `, lastCommitLsn=${offset.lsn_commit}` : ''}, txId=${offset.txId}]`;
}

/**
 * The plan for one start. `slot` is the slot as found before the start (null position = dropped).
 * Debezium's order: an unfinished snapshot first (restart it, or fail when the mode never snapshots),
 * then — only when the mode streams — whether the stored position is still on the server
 * (PostgresConnection#validateLogPosition: the slot must exist), then shouldSnapshotData.
 */
export function planStart(mode: SnapshotMode, offset: StoredOffset | null, slot: SlotView, cb?: ConfigurationBasedFlags): StartPlan {
  const s = snapshotterFor(mode, cb);
  const notes: string[] = [];
  let current = offset;
  let resetOffset = false;
  if (current === null) {
    notes.push('No previous offset has been found');
  } else if (snapshotInProgress(current)) {
    if (!s.snapshotData(true, true)) {
      return {
        snapshot: false,
        stream: false,
        resetOffset: false,
        notes,
        error:
          'The connector previously stopped while taking a snapshot, but now the connector is configured to never allow snapshots. ' +
          'Reconfigure the connector to use snapshots initially or when needed.',
      };
    }
    notes.push('The previous snapshot was incomplete, so restarting the snapshot');
  } else if (s.stream && !positionAvailable(current, slot)) {
    notes.push('Last recorded offset is no longer available on the server.');
    if (s.snapshotOnDataError) {
      notes.push(`The last recorded offset is no longer available but we are in ${mode} snapshot mode. Attempting to snapshot data to fill the gap.`);
      current = null;
      resetOffset = true;
    } else {
      return {
        snapshot: false,
        stream: false,
        resetOffset: false,
        notes,
        error: `The connector is trying to read change stream starting at ${describe(current)}, but this is no longer available on the server. ${OFFSET_UNAVAILABLE_HINT}`,
      };
    }
  }
  const exists = current !== null;
  const inProgress = current !== null && snapshotInProgress(current);
  const snapshot = s.snapshotData(exists, inProgress);
  if (!s.stream) notes.push(`Streaming is disabled for snapshot mode ${mode}`);
  return { snapshot, stream: s.stream, resetOffset, notes };
}
