import { describe, expect, it } from 'vitest';
import { findCycles, importsOf } from './architecture.ts';

describe('importsOf', () => {
  it('finds static, type-only, re-export, side-effect and dynamic imports, not packages or comments', () => {
    const src = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/b.ts';",
      "export * from './c.ts';",
      "import './d.ts';",
      "const e = await import('./e.ts');",
      "import kafkajs from 'kafkajs';",
      "// import { f } from './f.ts';",
    ].join('\n');
    expect(importsOf('x/y/z.ts', src)).toEqual([
      { target: 'x/y/a.ts', typeOnly: false },
      { target: 'x/b/b.ts', typeOnly: true },
      { target: 'x/y/c.ts', typeOnly: false },
      { target: 'x/y/d.ts', typeOnly: false },
      { target: 'x/y/e.ts', typeOnly: false },
    ]);
  });
});

describe('findCycles', () => {
  it('reports each circle once, and none in a tree', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []], ['e', ['e']]]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a'], ['e', 'e']]);
    expect(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });
});
