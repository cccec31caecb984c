// The import graph of the repository's own files, for architecture.test.ts: relative specifiers only
// (packages are not ours to layer), static and dynamic imports and re-exports alike.
import path from 'node:path';

export interface ImportEdge {
  /** repository-relative path the specifier resolves to */
  target: string;
  typeOnly: boolean;
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')` with a literal specifier
const SPECIFIER = /(?:^|[;\s])(import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm;

export function importsOf(file: string, source: string): ImportEdge[] {
  const dir = path.posix.dirname(file);
  const out: ImportEdge[] = [];
  for (const m of source.replace(/^\s*\/\/.*$/gm, '').matchAll(SPECIFIER)) {
    const spec = m[3] ?? m[4];
    out.push({ target: path.posix.normalize(path.posix.join(dir, spec)), typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** Every elementary circle found by a depth-first walk, each reported once from its smallest file. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]);
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(canonical.join('>'), [...canonical, canonical[0]]);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return [...cycles.values()];
}
