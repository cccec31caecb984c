import { describe, expect, it } from 'vitest';
import { trailingSelect } from './learner-action.ts';

describe('trailingSelect', () => {
  it('finds the query a SQL file ends with', () => {
    expect(trailingSelect('CREATE TABLE t (id int);\n-- which ones\nSELECT relname\n  FROM pg_class;\n')).toBe('SELECT relname\n  FROM pg_class');
  });
  it('is undefined when the file ends with a change', () => {
    expect(trailingSelect("SELECT 1;\nUPDATE t SET a = 1;\n")).toBeUndefined();
  });
  it('keeps semicolons inside a line', () => {
    expect(trailingSelect("INSERT INTO t VALUES (1);\nWITH x AS (SELECT ';' AS s) SELECT * FROM x;")).toBe("WITH x AS (SELECT ';' AS s) SELECT * FROM x");
  });
});
