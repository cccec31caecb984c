// event.processing.failure.handling.mode as Debezium 3.2.7 applies it: EventDispatcher#dispatchDataChangeEvent and
// #dispatchSnapshotEvent catch what building one change event throws (a value the converter rejects in a NOT NULL
// column, a message.key.columns column the table lacks, …) and handleEventProcessingFailure then
// - fail (the default): raises "Error while processing event at offset …", which stops the task;
// - warn: logs that line with the offset at WARN and drops the event;
// - skip (and the deprecated ignore): logs it at DEBUG and drops the event.
// The wrapper sits under the connector's transforms: a transform's failure is Kafka Connect's (errors.tolerance),
// never this key's, as in Debezium where the transforms run in Connect's WorkerSourceTask.
// Known difference: when the snapshot's very last row is the one dropped, Debezium re-marks the record before it
// source.snapshot=last (BufferingSnapshotChangeRecordReceiver#completeSnapshot); here no record carries "last" then.
import { EngineError } from '../errors.ts';
import type { ChangeBuilder } from '../events/builder-port.ts';
import type { KafkaRecord, SourcePosition, TableMeta } from '../events/contract.ts';
import type { Logger } from '../logger.ts';
import { formatLsn } from '../postgres/lsn.ts';

/** config-keys.ts declares the key; ignore is Debezium's deprecated alias of skip */
export type EventProcessingFailureMode = 'fail' | 'warn' | 'skip' | 'ignore';

/** Debezium's offset of the event (PostgresOffsetContext#getOffset: lsn, txId, ts_usec), as its log line prints it. */
function offsetText(pos: SourcePosition): string {
  const lsn = pos.lsn === null ? 'null' : String(pos.lsn);
  const snapshot = pos.snapshot === 'false' ? '' : `, snapshot=${pos.snapshot === 'incremental' ? 'INCREMENTAL' : 'INITIAL'}`;
  return `{lsn=${lsn}, txId=${pos.txId ?? 'null'}, ts_usec=${pos.tsUs}${snapshot}}`;
}

/** The line Debezium logs (and the message it fails with), plus the table and the LSN in PostgreSQL's notation. */
export function eventFailureMessage(table: TableMeta, pos: SourcePosition, err: unknown): string {
  const lsn = pos.lsn === null ? 'no LSN' : `LSN ${formatLsn(pos.lsn)}`;
  const reason = err instanceof Error ? err.message : String(err);
  return `Error while processing event at offset ${offsetText(pos)} (table ${table.schema}.${table.table}, ${lsn}): ${reason}`;
}

/** Under fail: throws the error that stops the task. Under warn/skip/ignore: logs and returns (the event is dropped). */
export function handleEventFailure(mode: EventProcessingFailureMode, log: Logger, table: TableMeta, pos: SourcePosition, err: unknown): void {
  const message = eventFailureMessage(table, pos, err);
  if (mode === 'fail') throw new EngineError('EVENT_PROCESSING_FAILED', message, { cause: err });
  log(mode === 'warn' ? 'warn' : 'debug', mode === 'warn' ? `${message}; the event is skipped (event.processing.failure.handling.mode=warn)` : message);
}

/** The builder with every change and truncate event built under the mode (snapshot, incremental snapshot, stream). */
export function withEventFailureHandling(builder: ChangeBuilder, mode: EventProcessingFailureMode, log: Logger): ChangeBuilder {
  const guard = (table: TableMeta, pos: SourcePosition, build: () => KafkaRecord[]): KafkaRecord[] => {
    try {
      return build();
    } catch (err) {
      handleEventFailure(mode, log, table, pos, err);
      return [];
    }
  };
  return {
    change: (op, table, before, after, pos) => guard(table, pos, () => builder.change(op, table, before, after, pos)),
    truncate: (table, pos) => guard(table, pos, () => builder.truncate(table, pos)),
    begin: (pos) => builder.begin(pos),
    commit: (pos) => builder.commit(pos),
    heartbeat: (pos) => builder.heartbeat(pos),
    ...(builder.settle ? { settle: (records: KafkaRecord[]) => builder.settle!(records) } : {}),
  };
}
