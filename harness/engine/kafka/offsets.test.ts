import { describe, expect, it } from 'vitest';
import { OffsetTracker } from './offsets.ts';

describe('OffsetTracker', () => {
  it('confirms a commit only after every record before it is acknowledged', () => {
    const confirmed: bigint[] = [];
    const t = new OffsetTracker(100n, (lsn) => confirmed.push(lsn));
    t.addPoint(200n, 3); // commit after records 1..3
    t.addPoint(300n, 5); // commit after records 4..5
    t.acked(2);
    expect(confirmed).toEqual([]);
    t.acked(4);
    expect(confirmed).toEqual([200n]);
    t.acked(5);
    expect(confirmed).toEqual([200n, 300n]);
    expect(t.confirmedLsn).toBe(300n);
  });
  it('confirms at once when nothing is outstanding, and never goes backwards', () => {
    const confirmed: bigint[] = [];
    const t = new OffsetTracker(100n, (lsn) => confirmed.push(lsn));
    t.acked(7);
    t.addPoint(150n, 7);
    t.addPoint(120n, 7);
    expect(confirmed).toEqual([150n]);
  });
});
