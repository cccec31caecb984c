import { describe, expect, it } from 'vitest';
import { quoteIdent, quoteQualified } from './table-reader.ts';

describe('identifier quoting', () => {
  it('doubles embedded quotes', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
  it('quotes each part of a qualified name', () => {
    expect(quoteQualified('inventory.products')).toBe('"inventory"."products"');
    expect(quoteQualified('products')).toBe('"products"');
  });
  it('rejects malformed names', () => {
    expect(() => quoteQualified('a..b')).toThrow(/not a table name/);
  });
});
