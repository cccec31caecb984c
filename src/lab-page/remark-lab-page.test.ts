import { describe, expect, it } from 'vitest';
import { expandLabPages } from './remark-lab-page.ts';
import { labSections } from './sections.ts';

const labPage = { type: 'mdxJsxFlowElement', name: 'LabPage', attributes: [{ type: 'mdxJsxAttribute', name: 'id', value: 'demo' }], children: [] };

describe('expandLabPages', () => {
  it('writes parts and steps as headings with their anchors, each step followed by <LabStep>', () => {
    const root = { type: 'root', children: [{ type: 'heading', depth: 1, children: [] }, labPage] };
    const sections = labSections('demo', ['Create `t`', 'Insert'], [{ title: 'Setup', from: 'Create `t`' }]);
    expandLabPages(root, () => sections);
    const [esm, , , part, step1, el1, step2] = root.children as Array<Record<string, any>>;
    expect(esm.type).toBe('mdxjsEsm');
    expect(esm.value).toBe("import LabStep from '@site/src/components/LabStep';");
    expect(part).toMatchObject({ type: 'heading', depth: 2, data: { hProperties: { id: 'part-setup' } } });
    expect(step1).toMatchObject({ type: 'heading', depth: 3, data: { hProperties: { id: 'create-t' } } });
    expect(step1.children).toEqual([{ type: 'text', value: '1. Create ' }, { type: 'inlineCode', value: 't' }]);
    expect(el1).toMatchObject({ type: 'mdxJsxFlowElement', name: 'LabStep', attributes: [{ name: 'lab', value: 'demo' }, { name: 'step', value: '0' }] });
    expect(step2).toMatchObject({ type: 'heading', depth: 3, data: { hProperties: { id: 'insert' } } });
  });

  it('writes steps as second-level headings when the lab has no parts, and leaves other pages alone', () => {
    const root = { type: 'root', children: [labPage] };
    expandLabPages(root, () => labSections('demo', ['One']));
    expect(root.children[2]).toMatchObject({ type: 'heading', depth: 2 });
    const plain = { type: 'root', children: [{ type: 'paragraph', children: [] }] };
    expandLabPages(plain, () => undefined);
    expect(plain.children).toHaveLength(1);
  });

  it('fails for a lab that was not loaded', () => {
    expect(() => expandLabPages({ type: 'root', children: [labPage] }, () => undefined)).toThrow(/no lab "demo" was loaded/);
  });
});
