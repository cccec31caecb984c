import { describe, expect, it } from 'vitest';
import type { PageLab } from '../lab-data-types.ts';
import { measuredPairs } from './measured-pairs.ts';

const step = (title: string, measured?: unknown) => ({ title, anchor: title, prose: '', expectError: false, claims: [], recorded: { events: [], rows: [], output: measured === undefined ? {} : { measured } } });

describe('measuredPairs', () => {
  it('pairs two measured objects on their shared numeric fields, arrays and text aside', () => {
    const lab = {
      steps: [
        step('setup'),
        step('start', { machine: 'm', 'ZooKeeper mode': { 'ready (ms)': 4797, each: [1, 2] }, 'KRaft mode': { 'ready (ms)': 4741, only: 1 } }),
        step('lag', { lag: [{ ms: 0, lagBytes: 1 }] }),
      ],
    } as unknown as PageLab;
    expect(measuredPairs(lab)).toEqual([
      { step: 2, title: 'start', anchor: 'start', names: ['ZooKeeper mode', 'KRaft mode'], metrics: [{ name: 'ready (ms)', values: [4797, 4741] }], machine: 'm' },
    ]);
  });
});
