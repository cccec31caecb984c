import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { stdinPauser } from './lab-pause.ts';

describe('stdinPauser', () => {
  it('waits for Enter, keeps lines typed ahead, and stops waiting at end of input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const p = stdinPauser(input, output);
    let resumed = false;
    const first = p.pause('next? ').then(() => (resumed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resumed).toBe(false);
    input.write('\n');
    await first;
    expect(resumed).toBe(true);
    input.write('\n');
    await new Promise((r) => setTimeout(r, 20));
    await p.pause('typed ahead ');
    input.end();
    await new Promise((r) => setTimeout(r, 20));
    await p.pause('after end ');
    p.close();
  });
});
