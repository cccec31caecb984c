import { describe, expect, it } from 'vitest';
import { hintFor } from './failure-hint.ts';
import { WaitTimeoutError } from './wait.ts';

describe('hintFor', () => {
  it('points at the Postgres log for a database error', () => {
    const err = Object.assign(new Error('cannot update table "t"'), { severity: 'ERROR', code: '55000' });
    expect(hintFor(err, undefined).services).toEqual(['postgres']);
  });
  it('points at the engine and Kafka when events do not arrive', () => {
    expect(hintFor(new WaitTimeoutError('2 events on a.b.c', 10), undefined).services).toEqual(['engine', 'kafka']);
  });
  it("prefers the step's own hint", () => {
    expect(hintFor(new Error('x'), 'Did you set wal_level?').hint).toBe('Did you set wal_level?');
  });
});

describe('hintFor a failed connector', () => {
  it("points at the engine's log", () => {
    const err = Object.assign(new Error('connector x FAILED'), { name: 'ConnectorFailedError' });
    expect(hintFor(err, undefined)).toEqual({ hint: 'The connector stopped with an error: its log below says why.', services: ['engine', 'kafka'] });
  });
});
