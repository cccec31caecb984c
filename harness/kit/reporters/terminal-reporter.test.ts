import { describe, expect, it } from 'vitest';
import type { LoadedLab } from '../types.ts';
import { terminalReporter } from './terminal-reporter.ts';

const lab: LoadedLab = {
  id: 'demo',
  title: 'Demo',
  summary: 's',
  minutes: 5,
  needs: { kafka: ['kraft'], engines: ['native'] },
  steps: [{ title: 'Update a row', prose: '', run: async () => undefined }],
  dir: '/tmp',
  files: {},
};

describe('terminalReporter', () => {
  it('prints the envelope compactly and a mark per claim', () => {
    let out = '';
    const r = terminalReporter({ write: (t) => (out += t), color: false });
    r.labStart(lab, 'native', 'kraft');
    r.stepStart(0, lab.steps[0]);
    const event = {
      topic: 'inventory.inventory.products',
      partition: 0,
      offset: '4',
      key: { id: 1 },
      value: { op: 'u' as const, before: null, after: { id: 1, weight: 0.5 }, source: { snapshot: 'false', lsn: 123, schema: 'inventory', table: 'products' } },
      headers: {},
    };
    r.stepEnd(0, lab.steps[0], [event], { title: 'Update a row', events: [], rows: [], output: {}, claims: [] }, 1200);
    r.claim({ step: 'Update a row', text: 'before is null', passed: true });
    r.claim({ step: 'Update a row', text: 'after is set', passed: false, error: new Error('expected null') });
    r.labEnd(false, 3000);
    expect(out).toContain('[1/1] Update a row');
    expect(out).toContain('op=u before=null after={"id":1,"weight":0.5} source={snapshot:"false", lsn:123, table:inventory.products}');
    expect(out).toContain('✓ before is null');
    expect(out).toContain('✗ after is set');
    expect(out).toContain('expected null');
    expect(out).toContain('└ 1.2s');
    expect(out).toContain('✗ the lab failed after 3.0s');
  });
});

describe('compact event printing', () => {
  it('cuts long values to their head and length', async () => {
    const { compactEvent } = await import('../debezium-event.ts');
    const line = compactEvent({
      topic: 't',
      partition: 0,
      offset: '0',
      key: { id: 1 },
      value: { op: 'r', before: null, after: { id: 1, body: 'x'.repeat(500) }, source: { snapshot: 'true', lsn: 1, schema: 'public', table: 'd' } },
      headers: {},
    });
    expect(line).toContain(`"body":"${'x'.repeat(60)}… (500 chars)"`);
  });
});
