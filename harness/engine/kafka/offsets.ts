// Decides which LSN may be confirmed to the slot: a position becomes confirmable only when Kafka
// has acknowledged every record enqueued before it (no loss; after a crash the slot replays from
// the last confirmed commit, so delivery is at-least-once). Debezium reaches the same rule through
// Kafka Connect's offset commit: PostgresStreamingChangeEventSource#commitOffset flushes the
// lsn_commit of offsets whose records were acknowledged.

interface Point {
  lsn: bigint;
  seq: number;
}

export class OffsetTracker {
  private readonly points: Point[] = [];
  private head = 0;
  private ackedSeq = 0;
  /** highest LSN whose records are all in Kafka */
  confirmedLsn: bigint;

  private readonly onConfirm: (lsn: bigint) => void;
  constructor(
    initialLsn: bigint,
    onConfirm: (lsn: bigint) => void,
  ) {
    this.onConfirm = onConfirm;
    this.confirmedLsn = initialLsn;
  }

  /** `lsn` may be confirmed once records up to `seq` are acknowledged. LSNs only move forward. */
  addPoint(lsn: bigint, seq: number): void {
    const last = this.points.length > this.head ? this.points[this.points.length - 1].lsn : this.confirmedLsn;
    if (lsn <= last) return;
    this.points.push({ lsn, seq });
    this.advance();
  }

  /** Kafka acknowledged every record up to `seq`. */
  acked(seq: number): void {
    if (seq > this.ackedSeq) this.ackedSeq = seq;
    this.advance();
  }

  get pendingPoints(): number {
    return this.points.length - this.head;
  }

  private advance(): void {
    let next: bigint | null = null;
    while (this.head < this.points.length && this.points[this.head].seq <= this.ackedSeq) {
      next = this.points[this.head++].lsn;
    }
    if (this.head > 1024 && this.head * 2 > this.points.length) {
      this.points.splice(0, this.head);
      this.head = 0;
    }
    if (next !== null && next > this.confirmedLsn) {
      this.confirmedLsn = next;
      this.onConfirm(next);
    }
  }
}
