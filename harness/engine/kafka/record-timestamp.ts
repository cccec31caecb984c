// A record's own timestamp (set by a transform: the outbox EventRouter) must lie within ±2^30 ms (12.4 days)
// of now. @platformatic/kafka 2.12.1 writes each record's timestamp as a varint delta from its batch's first,
// and its @platformatic/dynamic-buffer 0.3.1 encodes such a delta wrongly beyond the int32 range
// (int64ZigZagEncode shifts by 31, not 63: -95,999,999,877 ms is read back as -95,999,999,891). Within ±2^30 of
// now, any two records of a batch are under 2^31 apart, so the delta is exact; outside it the record is
// refused with a clear error rather than written with a wrong timestamp.
import type { KafkaRecord } from '../events/contract.ts';

export const MAX_TIMESTAMP_SKEW_MS = 2 ** 30;

export class RecordTimestampError extends Error {
  constructor(record: KafkaRecord, now: number) {
    super(
      `the record for topic ${record.topic} carries timestamp ${record.timestamp} (${new Date(record.timestamp!).toISOString()}), ` +
        `more than ${MAX_TIMESTAMP_SKEW_MS} ms (12.4 days) from now (${new Date(now).toISOString()}): the Kafka client here ` +
        '(@platformatic/kafka 2.12.1) cannot write such a timestamp exactly, so the record is not written. ' +
        'If an outbox EventRouter sets it from table.field.event.timestamp, use a recent column or remove that key.',
    );
    this.name = 'RecordTimestampError';
  }
}

/** Throws RecordTimestampError for a record whose own timestamp the client would write wrongly. */
export function checkRecordTimestamp(record: KafkaRecord, now = Date.now()): void {
  if (record.timestamp !== undefined && Math.abs(record.timestamp - now) >= MAX_TIMESTAMP_SKEW_MS) {
    throw new RecordTimestampError(record, now);
  }
}
