// The avro profile's reading side: records in the Confluent wire format (magic byte 0, 4-byte big-endian schema id,
// Avro binary) decoded through the registry's Confluent-compatible API, and the schemas each engine registered,
// subject by subject. Decoding uses the writer schema as the registry returns it and avsc (through avroType, which
// reads int64 as bigint and tolerates the names Java's Avro accepts and avsc does not), then puts the field names
// back; nothing of the engine's Avro → Connect mapping is used, so the records compared are what any Avro reader
// would see. Values come out as JSON-like data: records as objects, bytes as base64 (as the JsonConverter writes
// them), longs as bigint, so the JSON profiles' masking, pairing and diff apply unchanged.
import { avroType } from '../engine/index.ts';
import { diffValues, type Difference } from './diff.ts';
import { replacePrefix } from './mask.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type AvroSchema = Json;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v);
const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** GET on the registry's Confluent-compatible API (`url` is RegistryInfo.url, …/apis/ccompat/v7). */
async function get(url: string, path: string): Promise<unknown> {
  const response = await fetch(`${url.replace(/\/+$/, '')}${path}`, { headers: { accept: 'application/vnd.schemaregistry.v1+json' }, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url}${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

/** The datum avsc decoded against the positional schema (fields f0, f1, …), with the writer schema's names back. */
export function namedDatum(schemaJson: unknown, datum: unknown): unknown {
  const schema = schemaJson as AvroSchema;
  const named = new Map<string, AvroSchema>();
  // every named type by its full name, as Avro resolves them (a name without a dot takes the enclosing namespace)
  const collect = (s: AvroSchema, space: string | null): void => {
    if (Array.isArray(s)) return s.forEach((b) => collect(b, space));
    if (!isObject(s)) return;
    if (s.type === 'record' || s.type === 'enum' || s.type === 'fixed') {
      const name = String(s.name);
      const ns = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : typeof s.namespace === 'string' ? s.namespace || null : space;
      named.set(name.includes('.') ? name : ns ? `${ns}.${name}` : name, s);
      if (s.type === 'record') for (const f of s.fields as Array<{ type: AvroSchema }>) collect(f.type, ns);
      return;
    }
    if (s.type === 'array') collect(s.items as AvroSchema, space);
    if (s.type === 'map') collect(s.values as AvroSchema, space);
  };
  collect(schema, null);
  const resolve = (s: AvroSchema, space: string | null): { s: AvroSchema; space: string | null } => {
    if (typeof s !== 'string' || PRIMITIVES.has(s)) return { s, space };
    const full = s.includes('.') ? s : space ? `${space}.${s}` : s;
    const found = named.get(full) ?? named.get(s);
    if (!found) throw new Error(`Avro schema refers to an unknown type ${s}`);
    return { s: found, space: full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : null };
  };
  const walk = (schemaIn: AvroSchema, space: string | null, value: unknown): unknown => {
    const { s, space: ns0 } = resolve(schemaIn, space);
    if (value === null || value === undefined) return null;
    if (Array.isArray(s)) {
      // Connect's optional schemas are ["null", T]; avsc unwraps such unions
      const branches = s.filter((b) => b !== 'null');
      if (branches.length !== 1) throw new Error(`unions of several types are not produced by AvroData from Connect schemas: ${JSON.stringify(s)}`);
      return walk(branches[0]!, ns0, value);
    }
    const type = isObject(s) ? s.type : s;
    if (isObject(s) && typeof type !== 'string') return walk(type as AvroSchema, ns0, value);
    switch (type) {
      case 'bytes':
      case 'fixed':
        return (value as Buffer).toString('base64');
      case 'long':
        return BigInt(value as bigint);
      case 'array':
        return (value as unknown[]).map((x) => walk((s as Record<string, AvroSchema>).items!, ns0, x));
      case 'map':
        return Object.fromEntries(Object.entries(value as object).map(([k, x]) => [k, walk((s as Record<string, AvroSchema>).values!, ns0, x)]));
      case 'record': {
        const rec = s as { name: string; namespace?: string; fields: Array<{ name: string; type: AvroSchema }> };
        const name = rec.name;
        const ns = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : typeof rec.namespace === 'string' ? rec.namespace || null : ns0;
        const datumRec = value as Record<string, unknown>;
        return Object.fromEntries(rec.fields.map((f, i) => [f.name, walk(f.type, ns, datumRec[`f${i}`])]));
      }
      default:
        return value;
    }
  };
  return walk(schema, null, datum);
}

/** Decodes Confluent-framed Avro records through a registry; schema ids are fetched once. */
export class RegistryDecoder {
  readonly registryUrl: string;
  private readonly schemas = new Map<number, Promise<string>>();
  constructor(registryUrl: string) {
    this.registryUrl = registryUrl;
  }

  schemaText(id: number): Promise<string> {
    let p = this.schemas.get(id);
    if (!p) {
      p = get(this.registryUrl, `/schemas/ids/${id}`).then((b) => (b as { schema: string }).schema);
      p.catch(() => this.schemas.delete(id));
      this.schemas.set(id, p);
    }
    return p;
  }

  /** null stays null (tombstones); anything not framed as Confluent Avro is an error naming its first byte. */
  async decode(buf: Buffer | null | undefined): Promise<unknown> {
    if (buf === null || buf === undefined) return null;
    if (buf.length < 5 || buf[0] !== 0) throw new Error(`not the Confluent Avro wire format (first byte ${buf.length ? buf[0] : '(empty)'}, ${buf.length} bytes)`);
    const text = await this.schemaText(buf.readInt32BE(1));
    const type = avroType(text);
    const body = buf.subarray(5);
    const datum = type.fromBuffer(body);
    return namedDatum(JSON.parse(text) as AvroSchema, datum);
  }
}

/** Every version of every subject "<prefix>.…", as parsed schema JSON, by subject with the prefix removed. */
export async function registeredSchemas(registryUrl: string, prefix: string): Promise<Map<string, unknown[]>> {
  const subjects = ((await get(registryUrl, '/subjects')) as string[]).filter((s) => s.startsWith(`${prefix}.`)).sort();
  const out = new Map<string, unknown[]>();
  for (const subject of subjects) {
    const versions = ((await get(registryUrl, `/subjects/${encodeURIComponent(subject)}/versions`)) as number[]).sort((a, b) => a - b);
    const schemas: unknown[] = [];
    for (const v of versions) {
      const { schema } = (await get(registryUrl, `/subjects/${encodeURIComponent(subject)}/versions/${v}`)) as { schema: string };
      schemas.push(JSON.parse(schema));
    }
    out.set(subject.slice(prefix.length + 1), schemas);
  }
  return out;
}

/** An Avro schema element's label in a diff path: a field or named type by its name. */
const avroLabel = (element: unknown, i: number): string => (isObject(element) && typeof element.name === 'string' ? element.name : String(i));

/**
 * The differences between the two engines' registered schemas: subjects present on one side only, then version by
 * version the parsed schema JSON with each prefix masked (record names and namespaces carry it). A difference is
 * reported on topic "(registry) <subject>", part "schema", index = version - 1.
 */
export function diffSchemas(debezium: Map<string, unknown[]>, ours: Map<string, unknown[]>, prefixes: { debezium: string; ours: string }): Difference[] {
  const out: Difference[] = [];
  const subjects = [...new Set([...debezium.keys(), ...ours.keys()])].sort();
  for (const subject of subjects) {
    const a = (debezium.get(subject) ?? []).map((s) => replacePrefix(s, prefixes.debezium));
    const b = (ours.get(subject) ?? []).map((s) => replacePrefix(s, prefixes.ours));
    const topic = `(registry) ${subject}`;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) {
        out.push({ topic, index: i, part: 'schema', path: '(version)', kind: 'missing', debezium: a[i] === undefined ? undefined : `version ${i + 1}`, ours: b[i] === undefined ? undefined : `version ${i + 1}` });
        continue;
      }
      for (const d of diffValues(a[i], b[i], '', avroLabel)) out.push({ topic, index: i, part: 'schema', ...d });
    }
  }
  return out;
}
