import { describe, expect, it } from 'vitest';
import { randomClusterId } from './kafka.ts';

describe('randomClusterId', () => {
  it('is 16 bytes in base64url without padding', () => {
    expect(randomClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
  it('never starts with "-", which the storage tool would read as an option', () => {
    // 0xf8 encodes to a leading '-' in base64url; the second draw does not
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = randomClusterId(() => draws.shift()!);
    expect(Buffer.alloc(16, 0xf8).toString('base64url').startsWith('-')).toBe(true);
    expect(id).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
  });
});
