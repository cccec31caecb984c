// How a lab page is cut into headings: parts (h2) holding steps (h3), or steps alone (h2) for a
// lab without parts. Anchors come from the titles, not the step numbers, so a link to a step
// stays valid when a step is added before it.
import type { LabPart } from '../lab-parts.ts';

export interface SectionStep {
  index: number;
  title: string;
  anchor: string;
}

export interface Section {
  part?: { title: string; anchor: string };
  steps: SectionStep[];
}

/** A URL fragment from a title: lower case, letters and digits, dashes between. */
export function slug(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** One anchor per title, unique within the page: a repeated title gets -2, -3, … */
export function uniqueAnchors(titles: string[], taken: Set<string> = new Set()): string[] {
  return titles.map((t) => {
    const base = slug(t) || 'step';
    let anchor = base;
    for (let n = 2; taken.has(anchor); n++) anchor = `${base}-${n}`;
    taken.add(anchor);
    return anchor;
  });
}

/** The page's sections; throws when a part names a step the lab does not have. */
export function labSections(labId: string, stepTitles: string[], parts: LabPart[] = []): Section[] {
  const taken = new Set<string>();
  const partAnchors = uniqueAnchors(parts.map((p) => `part ${p.title}`), taken);
  const stepAnchors = uniqueAnchors(stepTitles, taken);
  const steps = stepTitles.map((title, index) => ({ index, title, anchor: stepAnchors[index] }));
  if (parts.length === 0) return [{ steps }];
  const starts = parts.map((p) => {
    const at = stepTitles.indexOf(p.from);
    if (at < 0) throw new Error(`lab ${labId}: part "${p.title}" starts at step "${p.from}", which the lab does not have`);
    return at;
  });
  if (starts[0] !== 0) throw new Error(`lab ${labId}: the first part must start at the first step, "${stepTitles[0]}"`);
  for (let i = 1; i < starts.length; i++) {
    if (starts[i] <= starts[i - 1]) throw new Error(`lab ${labId}: part "${parts[i].title}" must start after part "${parts[i - 1].title}"`);
  }
  return parts.map((p, i) => ({
    part: { title: p.title, anchor: partAnchors[i] },
    steps: steps.slice(starts[i], starts[i + 1] ?? steps.length),
  }));
}
