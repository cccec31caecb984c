import { describe, expect, it } from 'vitest';
import { LONG_STRING, Masker } from '../../harness/kit/transcript/mask.ts';
import type { LoadedLab } from '../../harness/kit/types.ts';
import { curlCommand, labReferences, pageLab } from './lab-page-data.ts';

const lab: LoadedLab = {
  id: 'demo',
  title: 'Demo',
  summary: 'S',
  minutes: 2,
  needs: { kafka: ['kraft'], engines: ['native'] },
  steps: [
    { title: 'Create', prose: 'p', show: { kind: 'sql', file: 'a.sql' }, claims: [{ text: 'it works', check: () => undefined }, { text: 'new claim', check: () => undefined }] },
    { title: 'Status', prose: 'q', show: { kind: 'curl', method: 'GET', path: '/connectors/demo/status' } },
  ],
  dir: '/x',
  files: { 'a.sql': 'SELECT 1;' },
};

describe('pageLab', () => {
  it('shows the same file the step runs and marks claims from the transcript', () => {
    const page = pageLab(lab, {
      lab: 'demo',
      recordedWith: { engine: 'native', kafka: 'kraft', runtime: 'native' },
      steps: [{ title: 'Create', events: [], rows: [{ query: 'a.sql', rows: [{ n: 1 }] }], output: {}, claims: [{ text: 'it works', passed: true }] }],
    });
    expect(page.steps[0].shown).toEqual({ language: 'sql', file: 'a.sql', code: 'SELECT 1;' });
    expect(page.steps[0].claims).toEqual([
      { text: 'it works', verified: true, error: undefined },
      { text: 'new claim', verified: null },
    ]);
    expect(page.steps[0].recorded?.rows).toEqual([{ query: 'a.sql', rows: [{ n: 1 }] }]);
    expect(page.steps[1].shown?.code).toBe('curl -s -X GET -H "Accept:application/json" localhost:8083/connectors/demo/status');
  });
  it('finds a long claim the transcript kept as its head and digest', () => {
    const long = `the claim ${'x'.repeat(LONG_STRING)}`;
    const withLong: LoadedLab = { ...lab, steps: [{ ...lab.steps[0], claims: [{ text: long, check: () => undefined }] }] };
    const stored = new Masker().maskString(long);
    expect(stored).not.toBe(long);
    const page = pageLab(withLong, {
      lab: 'demo',
      recordedWith: { engine: 'native', kafka: 'kraft', runtime: 'native' },
      steps: [{ title: 'Create', events: [], rows: [], output: {}, claims: [{ text: stored, passed: true }] }],
    });
    expect(page.steps[0].claims).toEqual([{ text: long, verified: true, error: undefined }]);
  });
  it('leaves claims unverified without a transcript', () => {
    expect(pageLab(lab, undefined).steps[0].claims[0].verified).toBeNull();
  });
});

describe('curlCommand and labReferences', () => {
  it('posts a body file', () => {
    expect(curlCommand('POST', '/connectors/', 'register.json')).toBe(
      'curl -s -X POST -H "Accept:application/json" -H "Content-Type:application/json" localhost:8083/connectors/ -d @register.json',
    );
  });
  it('finds the labs a page names', () => {
    expect(labReferences('# x\n<LabPage id="quickstart" />\n<LabPage id=\'other\'/>')).toEqual(['quickstart', 'other']);
  });
  it('ignores examples in inline code and fenced blocks', () => {
    const mdx = 'Write `<LabPage id="<id>" />`.\n\n```mdx\n<LabPage id="example" />\n```\n\n<LabPage id="real" />';
    expect(labReferences(mdx)).toEqual(['real']);
  });
});
