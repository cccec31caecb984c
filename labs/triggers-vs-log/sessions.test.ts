import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { sessionScript } from './sessions.ts';

it('splits the interleaved file into turns of session A, B and the consumer', () => {
  const text = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '05-interleaved.sql'), 'utf8');
  expect(sessionScript(text).map((t) => `${t.speaker}: ${t.statement.split(' ')[0]}`)).toEqual([
    'A: BEGIN',
    'A: INSERT',
    'B: BEGIN',
    'B: INSERT',
    'B: COMMIT',
    'consumer: SELECT',
    'A: COMMIT',
    'consumer: SELECT',
  ]);
});
