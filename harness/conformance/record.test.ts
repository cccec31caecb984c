import { describe, expect, it } from 'vitest';
import { decodeJson, toJson } from './record.ts';
import { statements } from './run.ts';

describe('decodeJson', () => {
  it('keeps every digit of int64 values (JsonConverter writes them as plain numbers)', () => {
    expect(decodeJson('{"c_int8":9223372036854775807,"min":-9223372036854775808,"small":12,"f":-1.5e+300}')).toEqual({
      c_int8: 9223372036854775807n,
      min: -9223372036854775808n,
      small: 12,
      f: -1.5e300,
    });
  });

  it('leaves digits inside strings alone, escaped quotes included', () => {
    expect(decodeJson(Buffer.from('{"s":"a\\"9223372036854775807","t":"2024"}'))).toEqual({ s: 'a"9223372036854775807', t: '2024' });
  });

  it('null stays null; text that is not JSON stays text', () => {
    expect(decodeJson(null)).toBeNull();
    expect(decodeJson(undefined)).toBeNull();
    expect(decodeJson('not json')).toBe('not json');
  });

  it('toJson writes bigints as their digits', () => {
    expect(toJson({ a: 9223372036854775807n })).toBe('{"a":"9223372036854775807"}');
  });
});

describe('statements', () => {
  it('splits a workload file on statement ends, dropping comment lines', () => {
    expect(statements("-- a comment\nBEGIN;\nINSERT INTO t VALUES (1, 'x');\n\nCOMMIT;\n")).toEqual(['BEGIN', "INSERT INTO t VALUES (1, 'x')", 'COMMIT']);
  });
});
