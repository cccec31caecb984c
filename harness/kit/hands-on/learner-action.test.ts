import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { curl, json } from '../define.ts';
import type { StepContext, StepSpec } from '../types.ts';
import { learnerAction, trailingSelect } from './learner-action.ts';

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

describe('learnerAction for REST steps', () => {
  const ctxFor = (show: StepSpec['show']) => ({ step: { title: 't', prose: '', show } }) as unknown as StepContext;
  const client = {} as pg.Client;
  const post = curl('POST', '/connectors/', 'c.json');

  it('passes when the learner sent the request, and fails with its error when it failed', async () => {
    await expect(learnerAction({ ctx: ctxFor(post), client, served: [{ method: 'POST', path: '/connectors' }] })).resolves.toBeUndefined();
    const refused = new Error('no longer available on the server');
    await expect(learnerAction({ ctx: ctxFor(post), client, served: [{ method: 'POST', path: '/connectors', error: refused }] })).rejects.toBe(refused);
  });
  it('says which request it did not see', async () => {
    await expect(learnerAction({ ctx: ctxFor(curl('GET', '/connectors/c/status')), client, served: [] })).rejects.toThrow(/saw no GET \/connectors\/c\/status/);
    await expect(learnerAction({ ctx: ctxFor(json('c.json')), client, served: [] })).rejects.toThrow(/no connector was registered/);
  });
});
