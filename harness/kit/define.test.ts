import { describe, expect, it } from 'vitest';
import { claim, defineLab, shownFiles, sql, step } from './define.ts';
import type { LabSpec } from './types.ts';

const base: LabSpec = {
  id: 'ok',
  title: 'T',
  summary: 'S',
  minutes: 3,
  needs: { kafka: ['kraft'], engines: ['native'] },
  steps: [step({ title: 'one', prose: '', show: sql('a.sql'), claims: [claim('c', () => undefined)] })],
};

describe('defineLab', () => {
  it('accepts a valid spec and lists its files', () => {
    expect(shownFiles(defineLab(base))).toEqual([{ step: 'one', file: 'a.sql' }]);
  });
  it('rejects a non-kebab id', () => {
    expect(() => defineLab({ ...base, id: 'Bad_Id' })).toThrow(/kebab-case/);
  });
  it('rejects duplicate step titles', () => {
    expect(() => defineLab({ ...base, steps: [base.steps[0], base.steps[0]] })).toThrow(/lab "ok", step "one": step titles must be unique/);
  });
  it('rejects a step that neither shows nor runs anything', () => {
    expect(() => defineLab({ ...base, steps: [{ title: 'empty', prose: '' }] })).toThrow(/step "empty": a step needs `show` or `run`/);
  });
  it('rejects a lab that declares no engine', () => {
    expect(() => defineLab({ ...base, needs: { kafka: ['kraft'], engines: [] } })).toThrow(/needs.engines is empty/);
  });
});
