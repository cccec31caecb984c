import { describe, expect, it } from 'vitest';
import { javaHashMapOrder } from '../connect/java-hashmap.ts';
import { TransactionCounter } from './transaction-metadata.ts';

const collections = (counter: TransactionCounter, tables: string[]): string[] => {
  counter.begin();
  for (const t of tables) counter.event(t);
  return counter.end().collections.map((c) => c.data_collection);
};

describe('TransactionCounter: END data_collections in TransactionContext HashMap order', () => {
  it('lists collections as Debezium 3.2.7 did in the conformance run, not in first-event order', () => {
    // real Debezium's END record for "INSERT INTO ri_nothing …; TRUNCATE documents, ri_index"
    expect(collections(new TransactionCounter(), ['public.ri_nothing', 'public.documents'])).toEqual(['public.documents', 'public.ri_nothing']);
  });

  it('counts events per collection', () => {
    const counter = new TransactionCounter();
    counter.begin();
    for (const t of ['public.a', 'public.b', 'public.a']) counter.event(t);
    const end = counter.end();
    expect(end.eventCount).toBe(3n);
    expect(Object.fromEntries(end.collections.map((c) => [c.data_collection, c.event_count]))).toEqual({ 'public.a': 2n, 'public.b': 1n });
  });

  it('keeps the grown table size after a transaction over many tables (HashMap.clear keeps capacity)', () => {
    const counter = new TransactionCounter();
    const pair = ['public.t7', 'public.t16'];
    // with a 16-slot table t7 comes first; with 32 slots t16 does
    expect(javaHashMapOrder(pair.map((k) => [k, 1]), 16).map(([k]) => k)).toEqual(pair);
    expect(collections(counter, pair)).toEqual(pair);
    collections(counter, Array.from({ length: 13 }, (_, i) => `public.many${i}`)); // 13 > 12: resized to 32
    expect(collections(counter, pair)).toEqual(['public.t16', 'public.t7']);
  });
});
