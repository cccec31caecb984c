import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { lineReader } from './line-reader.ts';

it('answers from lines typed ahead, then waits, and gives "" once input ends', async () => {
  const input = new PassThrough();
  let shown = '';
  const reader = lineReader(input, (t) => (shown += t));
  input.write('run\n\n');
  await new Promise((r) => setImmediate(r));
  expect(await reader.ask('a? ')).toBe('run');
  expect(await reader.ask('b? ')).toBe('');
  const waiting = reader.ask('c? ');
  input.write('later\n');
  expect(await waiting).toBe('later');
  input.end();
  await new Promise((r) => setImmediate(r));
  expect(await reader.ask('d? ')).toBe('');
  expect(shown).toContain('a? ');
  reader.close();
});
