import { describe, expect, it } from 'vitest';
import { labSections, slug } from './sections.ts';

describe('labSections', () => {
  it('anchors steps by title, so adding a step leaves the others where they were', () => {
    const before = labSections('x', ['Create the table', 'Insert a row']);
    const after = labSections('x', ['Create the table', 'Register the connector', 'Insert a row']);
    expect(before[0].steps.map((s) => s.anchor)).toEqual(['create-the-table', 'insert-a-row']);
    expect(after[0].steps.map((s) => s.anchor)).toEqual(['create-the-table', 'register-the-connector', 'insert-a-row']);
  });

  it('gives repeated titles their own anchors', () => {
    expect(labSections('x', ['Stop', 'Stop'])[0].steps.map((s) => s.anchor)).toEqual(['stop', 'stop-2']);
    expect(slug('always: first start')).toBe('always-first-start');
  });

  it('cuts the steps into the parts named by their first step', () => {
    const sections = labSections('x', ['a', 'b', 'c'], [
      { title: 'One', from: 'a' },
      { title: 'Two', from: 'c' },
    ]);
    expect(sections.map((s) => [s.part?.anchor, s.steps.map((x) => x.index)])).toEqual([
      ['part-one', [0, 1]],
      ['part-two', [2]],
    ]);
  });

  it('refuses parts that name a missing step or run out of order', () => {
    expect(() => labSections('x', ['a', 'b'], [{ title: 'One', from: 'z' }])).toThrow(/part "One" starts at step "z", which the lab does not have/);
    expect(() => labSections('x', ['a', 'b'], [{ title: 'One', from: 'b' }])).toThrow(/first part must start at the first step/);
    expect(() => labSections('x', ['a', 'b'], [{ title: 'One', from: 'a' }, { title: 'Two', from: 'a' }])).toThrow(/must start after/);
  });
});
