// The lab's consistency check must be able to fail: each defect it names is detected.
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../harness/kit/index.ts';
import { consistency, markerEdges, opCounts } from './topic-summary.ts';

const ev = (op: 'r' | 'c' | 'u' | 'd', id: number, version: number, snapshot = op === 'r' ? 'true' : 'false'): ChangeEvent => ({
  topic: 't',
  partition: 0,
  offset: '0',
  key: { id },
  headers: {},
  value: { op, before: op === 'd' ? { id, version } : null, after: op === 'd' ? null : { id, version }, source: { snapshot } },
});
const key = (r: Record<string, unknown>) => String(r.id);
const clean = { wrongFinalState: 0, readTwice: 0, staleAfterNewer: 0, gaps: 0 };

describe('snapshot-modes consistency check', () => {
  it('a clean history passes', () => {
    const events = [ev('r', 1, 1), ev('r', 2, 1), ev('u', 1, 2), ev('c', 3, 1), ev('u', 1, 3)];
    expect(consistency(events, [{ id: 1, version: 3 }, { id: 2, version: 1 }, { id: 3, version: 1 }], key)).toEqual(clean);
  });

  it('finds a lost update (gap), a stale row after a newer change, a second read and a wrong final state', () => {
    expect(consistency([ev('r', 1, 1), ev('u', 1, 3)], [{ id: 1, version: 3 }], key).gaps).toBe(1);
    expect(consistency([ev('r', 1, 1), ev('u', 1, 2), ev('r', 1, 1, 'incremental')], [{ id: 1, version: 2 }], key)).toMatchObject({
      staleAfterNewer: 1,
      readTwice: 1,
      wrongFinalState: 1,
    });
    expect(consistency([ev('r', 1, 1)], [{ id: 1, version: 1 }, { id: 2, version: 1 }], key).wrongFinalState).toBe(1);
    expect(consistency([ev('r', 1, 1), ev('d', 1, 1)], [{ id: 1, version: 1 }], key).wrongFinalState).toBe(1);
    expect(consistency([ev('r', 1, 1), ev('r', 9, 1)], [{ id: 1, version: 1 }], key).wrongFinalState).toBe(1);
  });

  it('counts ops and reads the markers at the edges', () => {
    const events = [ev('r', 1, 1, 'first'), ev('r', 2, 1), ev('r', 3, 1), ev('r', 4, 1, 'last'), ev('c', 5, 1)];
    expect(opCounts([...events, { ...events[0], value: null }])).toEqual({ r: 4, c: 1, tombstone: 1 });
    expect(markerEdges(events)).toEqual({ first: ['first', 'true'], middle: [], last: ['true', 'last'] });
  });
});
