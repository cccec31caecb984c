// The streaming replication protocol's Standby Status Update ('r'): written, flushed and applied positions and the
// client's clock in microseconds since 2000-01-01. pg-logical-replication's acknowledge() sends one LSN in all three
// places; flush.lsn.source=false needs flushed = applied = InvalidXLogRecPtr (0), which the walsender reads as
// "nothing confirmed" (ProcessStandbyReplyMessage skips LogicalConfirmReceivedLocation), as pgjdbc's status updates
// do for Debezium when it never calls setFlushedLSN.
const PG_EPOCH_MS = 946_684_800_000n;

export function standbyStatusUpdate(write: bigint, flush: bigint, apply: bigint, nowMs: number, replyRequested = false): Buffer {
  const buf = Buffer.alloc(34);
  buf.write('r', 0, 'ascii');
  buf.writeBigUInt64BE(write, 1);
  buf.writeBigUInt64BE(flush, 9);
  buf.writeBigUInt64BE(apply, 17);
  buf.writeBigInt64BE((BigInt(Math.floor(nowMs)) - PG_EPOCH_MS) * 1000n, 25);
  buf.writeUInt8(replyRequested ? 1 : 0, 33);
  return buf;
}
