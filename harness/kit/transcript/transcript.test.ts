import { describe, expect, it } from 'vitest';
import { compareTranscripts, maskTranscript, type Transcript } from './transcript.ts';

function run(lsn: number, weight: number, engine = 'native'): Transcript {
  return {
    lab: 'x',
    recordedWith: { engine, kafka: 'kraft', runtime: 'native' },
    steps: [
      {
        title: 'update',
        events: [{ topic: 't', key: { id: 1 }, value: { op: 'u', before: null, after: { id: 1, weight }, source: { lsn } } }],
        rows: [],
        output: {},
        claims: [{ text: 'before is null', passed: true }],
      },
    ],
  };
}

describe('compareTranscripts', () => {
  it('ignores masked values and the recording engine', () => {
    expect(compareTranscripts(maskTranscript(run(100, 0.5)), maskTranscript(run(200, 0.5, 'debezium')))).toBe('');
  });
  it('shows a changed value as a diff', () => {
    const diff = compareTranscripts(maskTranscript(run(100, 0.5)), maskTranscript(run(100, 0.75)));
    expect(diff).toMatch(/^- +"weight": 0.5$/m);
    expect(diff).toMatch(/^\+ +"weight": 0.75$/m);
  });
  it('keeps measured figures in the transcript but does not compare them', () => {
    const timed = (ms: number): Transcript => {
      const t = run(100, 0.5);
      t.steps[0]!.output = { measured: { startMs: ms }, brokers: [1] };
      return t;
    };
    expect(maskTranscript(timed(1234)).steps[0]!.output.measured).toEqual({ startMs: 1234 });
    expect(compareTranscripts(maskTranscript(timed(1234)), maskTranscript(timed(987)))).toBe('');
    const other = timed(987);
    other.steps[0]!.output.brokers = [2];
    expect(compareTranscripts(maskTranscript(timed(1234)), maskTranscript(other))).toMatch(/^\+ +2$/m);
  });
});
