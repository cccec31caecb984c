// The lab-data plugin loads the labs once; the MDX remark plugin, which turns <LabPage id="…" />
// into headings, needs their sections in the same build. Kept on globalThis because Docusaurus
// may load the config's modules more than once.
import type { Section } from './sections.ts';

const KEY = Symbol.for('cdc-labs.lab-sections');

type Store = Map<string, Section[]>;

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  return (g[KEY] ??= new Map());
}

export function setLabSections(labId: string, sections: Section[]): void {
  store().set(labId, sections);
}

export function labSectionsOf(labId: string): Section[] | undefined {
  return store().get(labId);
}
