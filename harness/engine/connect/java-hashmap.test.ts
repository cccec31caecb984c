import { describe, expect, it } from 'vitest';
import { javaHashMapOrder, javaStringHash } from './java-hashmap.ts';

describe('java-hashmap', () => {
  it('String.hashCode', () => {
    // values of "a".hashCode(), "hello".hashCode(), "polygenelubricants".hashCode() (the classic Integer.MIN_VALUE case)
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
  });
  it('iteration order of a HashMap<String,String> (observed on JDK 17 via HStoreConverter.fromString)', () => {
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10', 'k11', 'k12', 'k13'];
    expect(javaHashMapOrder(keys.map((k) => [k, k])).map(([k]) => k)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k11', 'k6', 'k10', 'k7', 'k13', 'k8', 'k12', 'k9']);
    expect(javaHashMapOrder([['a', 1], ['b', 2], ['zeta', 3], ['key 1', 4]]).map(([k]) => k)).toEqual(['zeta', 'a', 'b', 'key 1']);
  });
});
