// org.apache.kafka.connect.json.JsonConverter, printed as Jackson prints it: compact, schema fields in
// asJsonSchema's order (type, fields/items/keys+values, optional, name, version, doc, parameters, default,
// field), struct values in schema field order with nulls written, int64 as plain digits, float64 via
// Double.toString, bytes/Decimal as base64, NaN/Infinity as strings (Jackson's QUOTE_NON_NUMERIC_NUMBERS).
import type { ConnectSchema } from './connect-schema.js';
import { javaDoubleToString, javaFloatToString } from './java-format.js';

/** Jackson's string escaping: ", \\ and control characters (short forms for \b \t \n \f \r, else \\u00XX upper-case). */
export function jsonString(v: string): string {
  let out = '"';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) {
      const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
      out += short[c] ?? `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;
    } else out += v[i];
  }
  return out + '"';
}

function numberJson(x: number, print: (n: number) => string): string {
  if (!Number.isFinite(x)) return jsonString(print(x));
  return print(x);
}

function toBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new Error(`expected bytes, got ${typeof v}`);
}

/** JsonConverter.convertToJson(schema, value) */
export function valueToJson(schema: ConnectSchema, value: unknown): string {
  if (value === null || value === undefined) {
    if (schema.default !== undefined) return valueToJson(schema, schema.default);
    if (!schema.optional) throw new Error(`null value for a required ${schema.type} field${schema.name ? ` (${schema.name})` : ''}`);
    return 'null';
  }
  switch (schema.type) {
    case 'int8': case 'int16': case 'int32':
      return String(value);
    case 'int64':
      return typeof value === 'bigint' ? value.toString() : String(Math.trunc(value as number));
    case 'float32':
      return numberJson(value as number, javaFloatToString);
    case 'float64':
      return numberJson(value as number, javaDoubleToString);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return jsonString(String(value));
    case 'bytes':
      return jsonString(toBuffer(value).toString('base64'));
    case 'array':
      return `[${(value as unknown[]).map((v) => valueToJson(schema.items!, v)).join(',')}]`;
    case 'map': {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      if (schema.keys!.type === 'string') {
        return `{${entries.map(([k, v]) => `${jsonString(String(k))}:${valueToJson(schema.values!, v)}`).join(',')}}`;
      }
      return `[${entries.map(([k, v]) => `[${valueToJson(schema.keys!, k)},${valueToJson(schema.values!, v)}]`).join(',')}]`;
    }
    case 'struct': {
      const obj = value as Record<string, unknown>;
      return `{${schema.fields!.map((f) => `${jsonString(f.name)}:${valueToJson(f.schema, obj[f.name])}`).join(',')}}`;
    }
  }
}

/** JsonConverter.asJsonSchema(schema), with the struct member's "field" name last when given. */
export function schemaToJson(schema: ConnectSchema, fieldName?: string): string {
  // JsonSchema's type names: float32 → "float", float64 → "double", the rest as Connect names them
  const typeName = schema.type === 'float32' ? 'float' : schema.type === 'float64' ? 'double' : schema.type;
  const parts: string[] = [`"type":${jsonString(typeName)}`];
  if (schema.type === 'struct') parts.push(`"fields":[${schema.fields!.map((f) => schemaToJson(f.schema, f.name)).join(',')}]`);
  if (schema.type === 'array') parts.push(`"items":${schemaToJson(schema.items!)}`);
  if (schema.type === 'map') parts.push(`"keys":${schemaToJson(schema.keys!)}`, `"values":${schemaToJson(schema.values!)}`);
  parts.push(`"optional":${schema.optional}`);
  if (schema.name !== undefined) parts.push(`"name":${jsonString(schema.name)}`);
  if (schema.version !== undefined) parts.push(`"version":${schema.version}`);
  if (schema.doc !== undefined) parts.push(`"doc":${jsonString(schema.doc)}`);
  if (schema.parameters !== undefined) {
    parts.push(`"parameters":{${Object.entries(schema.parameters).map(([k, v]) => `${jsonString(k)}:${jsonString(v)}`).join(',')}}`);
  }
  if (schema.default !== undefined && schema.default !== null) parts.push(`"default":${valueToJson(schema, schema.default)}`);
  if (fieldName !== undefined) parts.push(`"field":${jsonString(fieldName)}`);
  return `{${parts.join(',')}}`;
}

/**
 * JsonConverter.fromConnectData: with schemas.enable the envelope {"schema":…,"payload":…}, else the bare
 * payload; a null schema and value (a tombstone, or "no key") gives null.
 */
export function serialize(schema: ConnectSchema | null, value: unknown, schemasEnable: boolean): Buffer | null {
  if (schema === null && (value === null || value === undefined)) return null;
  if (schema === null) throw new Error('schemaless values are not produced by the event side');
  const payload = valueToJson(schema, value);
  return Buffer.from(schemasEnable ? `{"schema":${schemaToJson(schema)},"payload":${payload}}` : payload, 'utf8');
}
