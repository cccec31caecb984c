// The bound on the records between decoding and Kafka, as Debezium's ChangeEventQueue#doEnqueue
// bounds its queue (Debezium 3.2.7): before a record is added, the producer side waits while the
// queue holds max.queue.size records, or max.queue.size.in.bytes bytes when that is above 0 (0 is
// off). So the count never exceeds max.queue.size, and the bytes exceed their bound by at most the
// last record added. Here the queue is everything the KafkaWriter holds: records waiting for a batch
// and records in produce requests not yet acknowledged, released on the acknowledgement. A waiting
// enqueue() is what stops the replication stream's handler, so pg-logical-replication pauses the
// socket and the server keeps the WAL (backpressure; nothing is dropped).
export interface QueueLimits {
  /** max.queue.size: records held at most */
  maxRecords: number;
  /** max.queue.size.in.bytes: 0 is no bound on bytes */
  maxBytes: number;
}

export class QueueBound {
  /** records held: waiting and in flight */
  records = 0;
  /** their bytes (KafkaWriter's recordSize) */
  bytes = 0;
  /** the most records / bytes held at once */
  peakRecords = 0;
  peakBytes = 0;
  private waiters: Array<() => void> = [];
  private failure: Error | null = null;
  readonly limits: QueueLimits;

  constructor(limits: QueueLimits) {
    if (!(limits.maxRecords >= 1)) throw new Error(`a queue bound needs room for a record, got ${limits.maxRecords}`);
    this.limits = limits;
  }

  /** ChangeEventQueue's wait condition: full by count, or by bytes when bytes are bounded */
  get full(): boolean {
    return this.records >= this.limits.maxRecords || (this.limits.maxBytes > 0 && this.bytes >= this.limits.maxBytes);
  }

  /**
   * Waits until there is room, then counts one record of `bytes`. `onWait` runs before each wait
   * (the writer sends what it holds, so that an acknowledgement can make room). Throws the failure
   * given to fail() instead of waiting for room that will never come.
   */
  async add(bytes: number, onWait?: () => void): Promise<void> {
    while (this.full && !this.failure) {
      onWait?.();
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure) throw this.failure;
    this.records++;
    this.bytes += bytes;
    if (this.records > this.peakRecords) this.peakRecords = this.records;
    if (this.bytes > this.peakBytes) this.peakBytes = this.bytes;
  }

  /** Kafka acknowledged `records` records of `bytes` bytes: their room is free again. */
  release(records: number, bytes: number): void {
    this.records -= records;
    this.bytes -= bytes;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** The writer failed: every add(), waiting or to come, throws `err`. */
  fail(err: Error): void {
    this.failure ??= err;
    this.release(0, 0);
  }
}
