// A remark plugin for the docs: after each top-level <LabPage id="…" />, it writes the lab's parts
// and steps as real Markdown headings, each step followed by <LabStep lab="…" step="n" />. Being
// headings, they get Docusaurus' table of contents, anchors and search entries; the step bodies
// still render from the lab's data.
import type { Section } from './sections.ts';
import { labSectionsOf } from './store.ts';

interface Node {
  type: string;
  name?: string | null;
  value?: string;
  depth?: number;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: Node[];
  data?: Record<string, unknown>;
}

const STEP_COMPONENT = 'LabStep';
const STEP_MODULE = '@site/src/components/LabStep';

/** Inline nodes for a title: `code` spans become inline code. */
function inline(text: string): Node[] {
  return text
    .split(/(`[^`]+`)/g)
    .filter((p) => p !== '')
    .map((p) => (p.startsWith('`') && p.endsWith('`') && p.length > 1 ? { type: 'inlineCode', value: p.slice(1, -1) } : { type: 'text', value: p }));
}

function heading(depth: number, text: string, id: string): Node {
  return { type: 'heading', depth, children: inline(text), data: { hProperties: { id } } };
}

function stepElement(labId: string, index: number): Node {
  return {
    type: 'mdxJsxFlowElement',
    name: STEP_COMPONENT,
    attributes: [
      { type: 'mdxJsxAttribute', name: 'lab', value: labId },
      { type: 'mdxJsxAttribute', name: 'step', value: String(index) },
    ],
    children: [],
  };
}

/** `import LabStep from '@site/src/components/LabStep';` as MDX's ESM node (with its estree). */
function importNode(): Node {
  const value = `import ${STEP_COMPONENT} from '${STEP_MODULE}';`;
  return {
    type: 'mdxjsEsm',
    value,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name: STEP_COMPONENT } }],
            source: { type: 'Literal', value: STEP_MODULE, raw: `'${STEP_MODULE}'` },
          },
        ],
      },
    },
  };
}

/** The nodes that follow <LabPage id="…" />: parts as h2 with steps as h3, or steps as h2. */
export function sectionNodes(labId: string, sections: Section[]): Node[] {
  const nodes: Node[] = [];
  for (const section of sections) {
    const stepDepth = section.part === undefined ? 2 : 3;
    if (section.part !== undefined) nodes.push(heading(2, section.part.title, section.part.anchor));
    for (const s of section.steps) nodes.push(heading(stepDepth, `${s.index + 1}. ${s.title}`, s.anchor), stepElement(labId, s.index));
  }
  return nodes;
}

function labPageId(node: Node): string | undefined {
  if (node.type !== 'mdxJsxFlowElement' || node.name !== 'LabPage') return undefined;
  const id = node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id')?.value;
  return typeof id === 'string' ? id : undefined;
}

export function expandLabPages(root: Node, sectionsOf: (id: string) => Section[] | undefined = labSectionsOf): void {
  const children = root.children ?? [];
  let expanded = false;
  for (let i = children.length - 1; i >= 0; i--) {
    const id = labPageId(children[i]);
    if (id === undefined) continue;
    const sections = sectionsOf(id);
    if (sections === undefined) throw new Error(`<LabPage id="${id}" />: no lab "${id}" was loaded`);
    children.splice(i + 1, 0, ...sectionNodes(id, sections));
    expanded = true;
  }
  if (expanded) children.unshift(importNode());
}

export default function remarkLabPage(): (root: Node) => void {
  return (root) => expandLabPages(root);
}
