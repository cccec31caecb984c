import { describe, expect, it } from 'vitest';
import { focusOutput } from './focus.ts';

const update = {
  topic: 'q.inventory.products',
  key: { id: 1 },
  value: { op: 'u', before: { id: 1, name: 'hammer', weight: 0.5 }, after: { id: 1, name: 'hammer', weight: 0.25 }, source: { snapshot: 'false', lsn: '<lsn>' } },
};

describe('focusOutput', () => {
  it("shows an update's changed columns as a small diff, highlighted when a claim names them", () => {
    const focus = focusOutput({ events: [update], rows: [], output: {} }, ['an UPDATE has the previous weight in before']);
    expect(focus?.diff).toBe(true);
    expect(focus?.lines).toEqual([
      { text: '[u] q.inventory.products key {"id":1}', highlighted: true },
      { text: '-   weight: 0.5', highlighted: true },
      { text: '+   weight: 0.25', highlighted: true },
    ]);
  });

  it('shows source fields only when a claim names them', () => {
    const focus = focusOutput({ events: [update], rows: [], output: {} }, ['streamed events have source.snapshot = "false"']);
    expect(focus?.lines.at(-1)).toEqual({ text: '    source snapshot="false"', highlighted: true });
  });

  it('keeps many events to the first few and the last, with a count per op', () => {
    const events = Array.from({ length: 10 }, (_, i) => ({ topic: 't', key: { id: i }, value: { op: 'c', before: null, after: { id: i } } }));
    const lines = focusOutput({ events, rows: [], output: {} }, [])?.lines.map((l) => l.text) ?? [];
    expect(lines[0]).toBe('10 events (c×10); the first 2 and the last:');
    expect(lines).toContain('… 7 more');
    expect(lines.at(-1)).toBe('+   after {"id":9}');
  });

  it('opens long outputs into fields and keeps the ones the claims name', () => {
    const response = { name: 'c', connector: { state: 'RUNNING', worker_id: 'w' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w', trace: 'x'.repeat(90) }], type: 'source' };
    const focus = focusOutput({ events: [], rows: [], output: { response } }, ['the connector and its task are RUNNING']);
    expect(focus?.lines.filter((l) => l.highlighted).map((l) => l.text)).toEqual(['response.connector: {"state":"RUNNING","worker_id":"w"}', 'response.tasks[0].state: "RUNNING"']);
  });

  it('keeps a long focus to ten lines, the highlighted ones first', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ [`field_${i}`]: i }));
    const output = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`out${i}`, i]));
    const lines = focusOutput({ events: [], rows: [{ query: 'q.sql', rows }], output }, ['out11 is eleven'])?.lines ?? [];
    expect(lines).toHaveLength(10);
    expect(lines.at(-2)).toEqual({ text: 'out11: 11', highlighted: true });
    expect(lines.at(-1)?.text).toBe('… 9 more lines in the full output');
  });

  it('shows nothing for a step that recorded nothing', () => {
    expect(focusOutput({ events: [], rows: [], output: {} }, ['x'])).toBeUndefined();
    expect(focusOutput(undefined, ['x'])).toBeUndefined();
  });
});
