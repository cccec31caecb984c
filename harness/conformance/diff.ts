// Field-by-field comparison of two masked records, and a readable rendering of the differences.
import type { RecordPair } from './pair.ts';
import { toJson } from './record.ts';

/** 'schema': a schema registered in a schema registry (the avro profile), topic "(registry) <subject>" */
export type RecordPart = 'record' | 'key' | 'value' | 'headers' | 'schema';

export interface Difference {
  /** topic without its prefix */
  topic: string;
  /** position of the record in its topic, from 0 */
  index: number;
  part: RecordPart;
  /** where inside the part: "payload.after.c_money", "schema.fields[after].fields[c_money].name" */
  path: string;
  /** "value": the values differ; "missing": one side lacks the field or record; "order": same fields, other order */
  kind: 'value' | 'missing' | 'order';
  debezium: unknown;
  ours: unknown;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An array element's label: a Connect schema field by its name, anything else by position. */
function label(element: unknown, i: number): string {
  if (isObject(element) && typeof element.field === 'string') return element.field;
  return String(i);
}

function join(path: string, segment: string): string {
  return path ? `${path}.${segment}` : segment;
}

/** The differences between two JSON values; `path` names where they sit, `labelOf` an array element. */
export function diffValues(debezium: unknown, ours: unknown, path = '', labelOf: (element: unknown, i: number) => string = label): Array<Pick<Difference, 'path' | 'kind' | 'debezium' | 'ours'>> {
  if (Array.isArray(debezium) && Array.isArray(ours)) {
    const out: Array<Pick<Difference, 'path' | 'kind' | 'debezium' | 'ours'>> = [];
    for (let i = 0; i < Math.max(debezium.length, ours.length); i++) {
      const name = `${path}[${labelOf(debezium[i] ?? ours[i], i)}]`;
      if (i >= debezium.length) out.push({ path: name, kind: 'missing', debezium: undefined, ours: ours[i] });
      else if (i >= ours.length) out.push({ path: name, kind: 'missing', debezium: debezium[i], ours: undefined });
      else out.push(...diffValues(debezium[i], ours[i], name, labelOf));
    }
    return out;
  }
  if (isObject(debezium) && isObject(ours)) {
    const out: Array<Pick<Difference, 'path' | 'kind' | 'debezium' | 'ours'>> = [];
    const keysA = Object.keys(debezium);
    const keysB = Object.keys(ours);
    for (const key of keysA) {
      if (!(key in ours)) out.push({ path: join(path, key), kind: 'missing', debezium: debezium[key], ours: undefined });
      else out.push(...diffValues(debezium[key], ours[key], join(path, key), labelOf));
    }
    for (const key of keysB) if (!(key in debezium)) out.push({ path: join(path, key), kind: 'missing', debezium: undefined, ours: ours[key] });
    const common = (keys: string[], other: Json) => keys.filter((k) => k in other);
    const orderA = common(keysA, ours);
    const orderB = common(keysB, debezium);
    if (orderA.join('\u0000') !== orderB.join('\u0000')) out.push({ path: path || '(root)', kind: 'order', debezium: orderA, ours: orderB });
    return out;
  }
  if (debezium === ours || (Number.isNaN(debezium) && Number.isNaN(ours))) return [];
  return [{ path: path || '(root)', kind: 'value', debezium, ours }];
}

/** Every difference between paired records (both already masked). */
export function diffPairs(pairs: readonly RecordPair[]): Difference[] {
  const out: Difference[] = [];
  for (const { topic, index, debezium, ours } of pairs) {
    if (!debezium || !ours) {
      out.push({ topic, index, part: 'record', path: '(record)', kind: 'missing', debezium: debezium ? summary(debezium.value) : undefined, ours: ours ? summary(ours.value) : undefined });
      continue;
    }
    for (const part of ['key', 'value', 'headers'] as const) {
      for (const d of diffValues(debezium[part], ours[part])) out.push({ topic, index, part, ...d });
    }
  }
  return out;
}

/** A one-line description of an event value: "c public.ri_default" / "tombstone" / "BEGIN". */
export function summary(value: unknown): string {
  if (value === null) return 'tombstone';
  const payload = isObject(value) && 'payload' in value ? value.payload : value;
  if (!isObject(payload)) return toJson(payload);
  if (typeof payload.status === 'string') return `${payload.status} transaction`;
  const source = isObject(payload.source) ? payload.source : {};
  const op = typeof payload.op === 'string' ? payload.op : '?';
  return `op=${op}${source.snapshot && source.snapshot !== 'false' ? ` snapshot=${String(source.snapshot)}` : ''}`;
}

function show(value: unknown, width = 140): string {
  if (value === undefined) return '(absent)';
  const text = toJson(value);
  return text.length > width ? `${text.slice(0, width)}… (${text.length} chars)` : text;
}

/** Differences grouped by record, one line per field: what Debezium emitted, then ours. */
export function formatDifferences(differences: readonly Difference[], note: (d: Difference) => string | undefined = () => undefined): string {
  const lines: string[] = [];
  let current = '';
  for (const d of differences) {
    const where = `${d.topic} #${d.index}`;
    if (where !== current) {
      lines.push(`${where}`);
      current = where;
    }
    const extra = note(d);
    lines.push(`  ${d.part}.${d.path}${d.kind === 'value' ? '' : ` (${d.kind})`}${extra ? `  [${extra}]` : ''}`);
    lines.push(`    debezium: ${show(d.debezium)}`);
    lines.push(`    ours:     ${show(d.ours)}`);
  }
  return lines.join('\n');
}
