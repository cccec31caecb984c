// Header values as Kafka Connect's default header converter (SimpleHeaderConverter → Values.convertToString)
// prints them: a struct as {"id":2}, strings inside it quoted, numbers bare, top-level strings raw.
import type { ConnectSchema } from './connect-schema.js';
import { jsonString } from './json-converter.js';

function append(schema: ConnectSchema | undefined, value: unknown, embedded: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return embedded ? jsonString(value) : value;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return `[${value.map((v) => append(schema?.items, v, true)).join(',')}]`;
  if (schema?.type === 'struct') {
    const obj = value as Record<string, unknown>;
    return `{${schema.fields!.map((f) => `${jsonString(f.name)}:${append(f.schema, obj[f.name], true)}`).join(',')}}`;
  }
  return String(value);
}

export function headerString(schema: ConnectSchema, value: unknown): string {
  return append(schema, value, false);
}
