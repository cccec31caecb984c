import { describe, expect, it } from 'vitest';
import { claimSources } from './claim-lines.ts';

const lab = [
  "import { claim } from 'kit';", // 1
  'const ID = 3;', // 2
  'export const steps = [', // 3
  "  claim('the table has (four) rows', (ctx) => {", // 4
  "    assert.equal(ctx.rows.length, 4); // it's fine )", // 5
  '  }),', // 6
  '  claim(`controller ${ID} leads`, () => {', // 7
  "    const s = ')';", // 8
  '  }),', // 9
  "  claim(\"the delete's before holds the key\", check),", // 10
  '];', // 11
].join('\n');

describe('claimSources', () => {
  it('finds the lines of each claim call, template literals and strings with parentheses included', () => {
    const found = claimSources(['the table has (four) rows', 'controller 3 leads', "the delete's before holds the key", 'nowhere'], { 'lab.ts': lab });
    expect(found.get('the table has (four) rows')).toEqual({ file: 'lab.ts', start: 4, end: 6 });
    expect(found.get('controller 3 leads')).toEqual({ file: 'lab.ts', start: 7, end: 9 });
    expect(found.get("the delete's before holds the key")).toEqual({ file: 'lab.ts', start: 10, end: 10 });
    expect(found.has('nowhere')).toBe(false);
  });
});
