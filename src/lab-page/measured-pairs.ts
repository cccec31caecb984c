// Figures a recorded run measured side by side: a step's `measured` output holding two objects with
// the same numeric fields (ZooKeeper mode / KRaft mode, without / with a trigger). The lab page
// charts them, so a comparison the lab makes is a picture drawn from the run, not a claim.
// Browser code: no spread over Sets or Maps (the site's Babel spreads them loosely).
import type { PageLab } from '../lab-data-types.ts';

export interface MeasuredPair {
  step: number;
  title: string;
  anchor: string;
  names: [string, string];
  metrics: Array<{ name: string; values: [number, number] }>;
  machine?: string;
}

function numericFields(v: unknown): Record<string, number> | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number' && Number.isFinite(x)) out[k] = x;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function measuredPairs(lab: PageLab): MeasuredPair[] {
  const pairs: MeasuredPair[] = [];
  lab.steps.forEach((s, i) => {
    const measured = s.recorded?.output.measured;
    if (measured === null || typeof measured !== 'object') return;
    const groups = Object.entries(measured).flatMap(([name, v]) => {
      const fields = numericFields(v);
      return fields === undefined ? [] : [{ name, fields }];
    });
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const shared = Object.keys(groups[a].fields).filter((k) => k in groups[b].fields);
        if (shared.length === 0) continue;
        const machine = (measured as Record<string, unknown>).machine;
        pairs.push({
          step: i + 1,
          title: s.title,
          anchor: s.anchor,
          names: [groups[a].name, groups[b].name],
          metrics: shared.map((name) => ({ name, values: [groups[a].fields[name], groups[b].fields[name]] as [number, number] })),
          machine: typeof machine === 'string' ? machine : undefined,
        });
      }
    }
  });
  return pairs;
}
