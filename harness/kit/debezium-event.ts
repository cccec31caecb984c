// Parses Kafka records in Debezium's JSON format (JsonConverter, with or without schemas).

export interface DebeziumSource {
  snapshot?: string;
  lsn?: number | null;
  txId?: number | null;
  table?: string;
  schema?: string;
  db?: string;
  [field: string]: unknown;
}

export interface DebeziumEnvelope {
  op: 'c' | 'r' | 'u' | 'd' | 't' | 'm';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: DebeziumSource;
  ts_ms?: number;
  [field: string]: unknown;
}

export interface ChangeEvent {
  topic: string;
  partition: number;
  offset: string;
  /** The key's payload (schema stripped), null when the record has none. */
  key: unknown;
  /** The value's payload; null for a tombstone. */
  value: DebeziumEnvelope | null;
  headers: Record<string, string>;
}

/** Strips the JsonConverter's {schema, payload} wrapper when present. */
export function unwrapPayload(parsed: unknown): unknown {
  if (parsed !== null && typeof parsed === 'object' && 'payload' in parsed && 'schema' in parsed) {
    return (parsed as { payload: unknown }).payload;
  }
  return parsed;
}

export function parseJsonBuffer(buf: Buffer | null | undefined): unknown {
  if (buf === null || buf === undefined || buf.length === 0) return null;
  const text = buf.toString('utf8');
  try {
    return unwrapPayload(JSON.parse(text));
  } catch {
    return text;
  }
}

export function isTombstone(e: ChangeEvent): boolean {
  return e.value === null;
}

/** 'r', 'c', 'u', 'd', or 'tombstone'. */
export function opOf(e: ChangeEvent): string {
  return e.value === null ? 'tombstone' : e.value.op;
}

/** Headers worth printing: all but Debezium's per-record context (connector name, task id). */
export function notableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith('__debezium.context.')));
}

/** JSON with long strings cut to their head and length, for one-line printing. */
function shortJson(value: unknown, max = 60): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > max ? `${v.slice(0, max)}… (${v.length} chars)` : v));
}

/** One line per event, as the seeds show the envelope: op, before, after, source.snapshot/lsn/table. */
export function compactEvent(e: ChangeEvent): string {
  const key = JSON.stringify(e.key);
  const headers = Object.keys(notableHeaders(e.headers)).length > 0 ? ` headers=${JSON.stringify(notableHeaders(e.headers))}` : '';
  if (e.value === null) return `${e.topic} key=${key} tombstone (null value)${headers}`;
  const v = e.value;
  const src = v.source ?? {};
  const where = `${src.schema ?? '?'}.${src.table ?? '?'}`;
  return (
    `${e.topic} op=${v.op} before=${shortJson(v.before)} after=${shortJson(v.after)} ` +
    `source={snapshot:${JSON.stringify(src.snapshot)}, lsn:${src.lsn ?? null}, table:${where}}${headers}`
  );
}

/** The event's envelope; throws for a tombstone (for claims that expect a change event). */
export function envelope(e: ChangeEvent | undefined): DebeziumEnvelope {
  if (e === undefined) throw new Error('no such event');
  if (e.value === null) throw new Error(`expected a change event on ${e.topic}, got a tombstone`);
  return e.value;
}
