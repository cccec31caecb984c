import { describe, expect, it } from 'vitest';
import { checkRecordTimestamp, MAX_TIMESTAMP_SKEW_MS } from './record-timestamp.ts';

const now = Date.UTC(2026, 11, 6);
const rec = (timestamp?: number) => ({ topic: 'outbox.event.order', key: null, value: null, headers: {}, ...(timestamp !== undefined ? { timestamp } : {}) });

describe('checkRecordTimestamp', () => {
  it('passes records without a timestamp and timestamps within 12.4 days of now', () => {
    expect(() => checkRecordTimestamp(rec(), now)).not.toThrow();
    expect(() => checkRecordTimestamp(rec(now - MAX_TIMESTAMP_SKEW_MS + 1), now)).not.toThrow();
    expect(() => checkRecordTimestamp(rec(now + 60_000), now)).not.toThrow();
  });

  it('refuses a timestamp the client would encode wrongly, naming the topic, the value and what to do', () => {
    expect(() => checkRecordTimestamp(rec(Date.UTC(2023, 10, 14)), now)).toThrow(
      /topic outbox\.event\.order carries timestamp 1699920000000 \(2023-11-14T00:00:00\.000Z\).*table\.field\.event\.timestamp/,
    );
  });
});
