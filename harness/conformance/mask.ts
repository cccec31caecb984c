// Masks the values that legitimately differ between two engines fed the same workload: where in
// the log an event came from (LSN, txId, xmin, sequence), when it was read or written (ts_*), and
// the names each run gives its connector (topic prefix, connector name). Row data is never masked.
import type { CapturedRecord } from './record.ts';

/** Volatile fields of `source`, with the placeholder that replaces them. */
const SOURCE_FIELDS = ['ts_ms', 'ts_us', 'ts_ns', 'lsn', 'txId', 'sequence', 'xmin'] as const;
/** Volatile fields at the top of an envelope's payload. */
const ENVELOPE_FIELDS = ['ts_ms', 'ts_us', 'ts_ns'] as const;

export const PREFIX_PLACEHOLDER = '<prefix>';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Replaces every occurrence of `prefix` in strings (schema names, header values) by <prefix>. */
export function replacePrefix(value: unknown, prefix: string): unknown {
  if (typeof value === 'string') return value.split(prefix).join(PREFIX_PLACEHOLDER);
  if (Array.isArray(value)) return value.map((v) => replacePrefix(v, prefix));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replacePrefix(v, prefix)]));
  return value;
}

function maskFields(target: Json, fields: readonly string[]): void {
  for (const field of fields) if (field in target && target[field] !== null) target[field] = `<${field}>`;
}

/** The payload of a JsonConverter message with schemas on ({schema, payload}), or the message itself. */
function payloadOf(message: unknown): unknown {
  return isObject(message) && 'payload' in message && 'schema' in message ? message.payload : message;
}

/** Masks one change event's or transaction event's value in place. */
function maskValue(topic: string, value: unknown): void {
  const payload = payloadOf(value);
  if (!isObject(payload)) return;
  if (topic === 'transaction') {
    // BEGIN/END events: {status, id: "txId:lsn", event_count, data_collections, ts_ms}
    maskFields(payload, ['id', 'ts_ms']);
    return;
  }
  maskFields(payload, ENVELOPE_FIELDS);
  if (isObject(payload.source)) {
    maskFields(payload.source, SOURCE_FIELDS);
    // the connector's logical name is the topic prefix, replaced below
  }
  if (isObject(payload.transaction)) maskFields(payload.transaction, ['id']);
}

/** A masked deep copy of a record; `prefix` is the run's topic.prefix (also its connector name). */
export function maskRecord(record: CapturedRecord, prefix: string): CapturedRecord {
  const copy = structuredClone(record);
  maskValue(copy.topic, copy.value);
  if (copy.topic === 'transaction') {
    const keyPayload = payloadOf(copy.key);
    if (isObject(keyPayload)) maskFields(keyPayload, ['id']);
  }
  return {
    topic: copy.topic,
    offset: copy.offset,
    key: replacePrefix(copy.key, prefix),
    value: replacePrefix(copy.value, prefix),
    headers: replacePrefix(copy.headers, prefix) as Record<string, unknown>,
  };
}
