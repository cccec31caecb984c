// java.util.HashMap iteration order for String keys: Debezium's hstore values come from
// org.postgresql.util.HStoreConverter.fromString (a HashMap), so the JSON lists entries in that order.

/** java.lang.String.hashCode over UTF-16 code units, as a signed 32-bit int */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** The table size of a default HashMap after holding `size` entries (16, doubled past 0.75 load). */
export function javaHashMapCapacity(size: number, atLeast = 16): number {
  let capacity = atLeast;
  while (size > capacity * 0.75) capacity *= 2;
  return capacity;
}

/**
 * Entries reordered as a HashMap holding them (inserted in the given order) iterates them.
 * `minCapacity`: the table size the map already had (HashMap.clear() keeps it).
 */
export function javaHashMapOrder<V>(entries: Array<[string, V]>, minCapacity = 16): Array<[string, V]> {
  const unique = new Map<string, V>(); // a repeated key keeps its first position, takes the last value
  for (const [k, v] of entries) unique.set(k, v);
  let capacity = minCapacity;
  while (unique.size > capacity * 0.75) capacity *= 2;
  const buckets = new Map<number, Array<[string, V]>>();
  for (const [k, v] of unique) {
    const h = javaStringHash(k);
    const index = (h ^ (h >>> 16)) & (capacity - 1);
    let b = buckets.get(index);
    if (!b) buckets.set(index, (b = []));
    b.push([k, v]);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, b]) => b);
}
