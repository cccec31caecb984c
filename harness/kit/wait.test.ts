import { describe, expect, it } from 'vitest';
import { waitUntil, WaitTimeoutError } from './wait.ts';

describe('waitUntil', () => {
  it('resolves once the condition holds', async () => {
    let n = 0;
    await waitUntil(() => ++n >= 3, 1000, 'three polls', 1);
    expect(n).toBe(3);
  });
  it('names what it waited for on timeout', async () => {
    await expect(waitUntil(() => false, 20, 'the moon', 5)).rejects.toThrow(WaitTimeoutError);
    await expect(waitUntil(() => false, 20, 'the moon', 5)).rejects.toThrow(/the moon/);
  });
});
