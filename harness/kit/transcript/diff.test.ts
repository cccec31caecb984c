import { describe, expect, it } from 'vitest';
import { lineDiff } from './diff.ts';

describe('lineDiff', () => {
  it('is empty for equal texts', () => {
    expect(lineDiff('a\nb', 'a\nb')).toBe('');
  });
  it('marks removed and added lines with context', () => {
    const expected = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
    const actual = ['1', '2', '3', '4', 'five', '6', '7', '8', '9'].join('\n');
    expect(lineDiff(expected, actual, 1)).toBe(['  …', '  4', '- 5', '+ five', '  6', '  …'].join('\n'));
  });
  it('handles additions at the end', () => {
    expect(lineDiff('a', 'a\nb')).toBe('  a\n+ b');
  });
});
