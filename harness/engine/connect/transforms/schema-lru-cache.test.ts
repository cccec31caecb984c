// Kafka's LRUCache (access order, eldest dropped past maxSize) keyed by schemas as ConnectSchema.equals compares them.
import { describe, expect, it } from 'vitest';
import type { ConnectSchema } from '../connect-schema.ts';
import { SchemaLruCache, schemaKey } from './schema-lru-cache.ts';

const int = (name?: string, def?: unknown): ConnectSchema => ({ type: 'int64', optional: true, ...(name ? { name } : {}), ...(def === undefined ? {} : { default: def }) });

describe('SchemaLruCache', () => {
  it('equal schemas share a key; name, optionality, defaults and field order tell them apart', () => {
    expect(schemaKey(int('a'))).toBe(schemaKey(int('a')));
    expect(schemaKey(int('a'))).not.toBe(schemaKey(int('b')));
    expect(schemaKey(int(undefined, 1n))).not.toBe(schemaKey(int(undefined, 2n)));
    expect(schemaKey({ ...int(), optional: false })).not.toBe(schemaKey(int()));
    const struct = (a: string, b: string): ConnectSchema => ({ type: 'struct', optional: false, fields: [{ name: a, schema: int() }, { name: b, schema: int() }] });
    expect(schemaKey(struct('x', 'y'))).not.toBe(schemaKey(struct('y', 'x')));
    expect(schemaKey(null)).toBe('null');
  });

  it('drops the least recently used entry past maxSize; a get refreshes it', () => {
    const cache = new SchemaLruCache<string>(2);
    cache.put(int('a'), 'A');
    cache.put(int('b'), 'B');
    expect(cache.get(int('a'))).toBe('A');
    cache.put(int('c'), 'C');
    expect(cache.get(int('b'))).toBeUndefined();
    expect(cache.get(int('a'))).toBe('A');
    expect(cache.get(int('c'))).toBe('C');
    const none = new SchemaLruCache<string>(0);
    none.put(int('a'), 'A');
    expect(none.get(int('a'))).toBeUndefined();
  });
});
