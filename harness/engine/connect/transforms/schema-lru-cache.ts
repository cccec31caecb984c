// The schema caches Debezium's routers keep (Kafka's LRUCache, a LinkedHashMap in access order that drops its
// eldest entry past maxSize; BoundedConcurrentHashMap with LRU eviction): keyed by a schema as Java's
// ConnectSchema.equals sees it (type, optional, name, version, doc, parameters, default, fields, items), so two
// equal schemas share an entry even when they are different objects. What is cached can be observed: the first
// schema built for a key is the one later records get.
import type { ConnectSchema } from '../connect-schema.ts';

const keys = new WeakMap<ConnectSchema, string>();

const plain = (_k: string, v: unknown): unknown => {
  if (typeof v === 'bigint') return `${v}n`;
  if (Buffer.isBuffer(v)) return `base64:${v.toString('base64')}`;
  if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
    return `base64:${Buffer.from((v as { data: number[] }).data).toString('base64')}`;
  }
  if (v instanceof Map) return [...v.entries()];
  return v;
};

/** Text equal for equal schemas (field order kept: it is part of a struct schema). */
export function schemaKey(schema: ConnectSchema | null): string {
  if (schema === null) return 'null';
  let k = keys.get(schema);
  if (k === undefined) {
    const { type, optional, name, version, doc, parameters, fields, items, keys: mapKeys, values } = schema;
    k = JSON.stringify([type, optional, name ?? null, version ?? null, doc ?? null, parameters ?? null,
      schema.default === undefined ? null : JSON.stringify(schema.default, plain),
      fields?.map((f) => [f.name, schemaKey(f.schema)]) ?? null,
      items ? schemaKey(items) : null, mapKeys ? schemaKey(mapKeys) : null, values ? schemaKey(values) : null]);
    keys.set(schema, k);
  }
  return k;
}

/** LRUCache(maxSize): get refreshes an entry; put past maxSize drops the least recently used one. */
export class SchemaLruCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly maxSize: number;
  constructor(maxSize: number) {
    this.maxSize = maxSize;
  }

  get(schema: ConnectSchema | null): V | undefined {
    const k = schemaKey(schema);
    const v = this.entries.get(k);
    if (v !== undefined) {
      this.entries.delete(k);
      this.entries.set(k, v);
    }
    return v;
  }

  put(schema: ConnectSchema | null, value: V): void {
    const k = schemaKey(schema);
    this.entries.delete(k);
    this.entries.set(k, value);
    // LinkedHashMap.removeEldestEntry(size > maxSize) removes at most one entry per put
    if (this.entries.size > this.maxSize) this.entries.delete(this.entries.keys().next().value!);
  }
}
