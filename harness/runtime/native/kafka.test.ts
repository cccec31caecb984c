import { describe, expect, it } from 'vitest';
import { randomClusterId } from './kafka.ts';

describe('randomClusterId', () => {
  it('is 22 base64url characters', () => {
    expect(randomClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('never starts with "-", which the storage tool would take for an option', () => {
    // 0xf8 as the first byte encodes to a leading '-' in base64url
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = randomClusterId(() => draws.shift()!);
    expect(Buffer.alloc(16, 0xf8).toString('base64url').startsWith('-')).toBe(true);
    expect(id).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
  });
});
