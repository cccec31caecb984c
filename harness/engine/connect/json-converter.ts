// org.apache.kafka.connect.json.JsonConverter, printed as Jackson prints it: compact, schema fields in
// asJsonSchema's order (type, fields/items/keys+values, optional, name, version, doc, parameters, default,
// field), struct values in schema field order with nulls written, int64 as plain digits, float64 via
// Double.toString, bytes/Decimal as base64, NaN/Infinity as strings (Jackson's QUOTE_NON_NUMERIC_NUMBERS).
import type { ConnectSchema } from './connect-schema.ts';
import { javaDoubleToString, javaFloatToString } from './java-format.ts';

/**
 * Jackson's string escaping: ", \\ and control characters (short forms for \b \t \n \f \r, else \\u00XX upper-case),
 * and every UTF-16 surrogate on its own as \\uXXXX upper-case: Jackson 2's UTF8JsonGenerator (_outputMultiByteChar)
 * escapes characters outside the BMP as their two surrogates, and a lone surrogate the same way (seen in Kafka
 * 3.9.1's JsonConverter output, events/column-mappers.golden.ts: "😀" is written "\\uD83D\\uDE00").
 */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const NEEDS_ESCAPE_TEXT = /["\\\u0000-\u001f]/;

export function jsonString(v: string): string {
  return quote(v, true);
}

/** Jackson writing to a String (WriterBasedJsonGenerator, ObjectMapper.writeValueAsString): surrogates kept as they are. */
export function jsonTextString(v: string): string {
  return quote(v, false);
}

function quote(v: string, escapeSurrogates: boolean): string {
  if (!(escapeSurrogates ? NEEDS_ESCAPE : NEEDS_ESCAPE_TEXT).test(v)) return `"${v}"`;
  let out = '"';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) {
      const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
      out += short[c] ?? `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;
    } else if (escapeSurrogates && c >= 0xd800 && c <= 0xdfff) out += `\\u${c.toString(16).toUpperCase()}`;
    else out += v[i];
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

type Printer = (value: unknown) => string;
const printers = new WeakMap<ConnectSchema, Printer>();

/** JsonConverter.convertToJson(schema, value) */
export function valueToJson(schema: ConnectSchema, value: unknown): string {
  return printerFor(schema)(value);
}

/** One compiled printer per schema object (field names escaped once), since every record of a table shares it. */
function printerFor(schema: ConnectSchema): Printer {
  let p = printers.get(schema);
  if (!p) {
    p = compile(schema);
    printers.set(schema, p);
  }
  return p;
}

function compile(schema: ConnectSchema): Printer {
  const print = compileNonNull(schema);
  return (value) => {
    if (value === null || value === undefined) {
      // convertToJson: a null takes the schema default, else null when optional, else a DataException
      if (schema.default !== undefined && schema.default !== null) return print(schema.default);
      if (!schema.optional) throw new Error(`null value for a required ${schema.type} field${schema.name ? ` (${schema.name})` : ''}`);
      return 'null';
    }
    return print(value);
  };
}

function compileNonNull(schema: ConnectSchema): Printer {
  switch (schema.type) {
    case 'int8': case 'int16': case 'int32':
      return (v) => String(v);
    case 'int64':
      return (v) => (typeof v === 'bigint' ? v.toString() : String(Math.trunc(v as number)));
    case 'float32':
      return (v) => numberJson(v as number, javaFloatToString);
    case 'float64':
      return (v) => numberJson(v as number, javaDoubleToString);
    case 'boolean':
      return (v) => (v ? 'true' : 'false');
    case 'string':
      return (v) => jsonString(String(v));
    case 'bytes':
      return (v) => `"${toBuffer(v).toString('base64')}"`;
    case 'array': {
      const item = printerFor(schema.items!);
      return (v) => `[${(v as unknown[]).map(item).join(',')}]`;
    }
    case 'map': {
      const key = printerFor(schema.keys!);
      const val = printerFor(schema.values!);
      const stringKeys = schema.keys!.type === 'string';
      return (v) => {
        const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
        return stringKeys
          ? `{${entries.map(([k, x]) => `${jsonString(String(k))}:${val(x)}`).join(',')}}`
          : `[${entries.map(([k, x]) => `[${key(k)},${val(x)}]`).join(',')}]`;
      };
    }
    case 'struct': {
      const fields = schema.fields!.map((f, i) => ({ name: f.name, head: `${i === 0 ? '' : ','}${jsonString(f.name)}:`, print: printerFor(f.schema) }));
      return (v) => {
        const obj = v as Record<string, unknown>;
        let out = '{';
        for (const f of fields) out += f.head + f.print(obj[f.name]);
        return out + '}';
      };
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

// the schema part of a record is the same for every record of a table: print and encode it once per schema
const envelopeHeads = new WeakMap<ConnectSchema, Buffer>();
const PAYLOAD_TAIL = Buffer.from('}');

function envelopeHead(schema: ConnectSchema): Buffer {
  let head = envelopeHeads.get(schema);
  if (head === undefined) {
    head = Buffer.from(`{"schema":${schemaToJson(schema)},"payload":`, 'utf8');
    envelopeHeads.set(schema, head);
  }
  return head;
}

/**
 * JsonConverter.fromConnectData: with schemas.enable the envelope {"schema":…,"payload":…}, else the bare
 * payload; a null schema and value (a tombstone, or "no key") gives null.
 */
export function serialize(schema: ConnectSchema | null, value: unknown, schemasEnable: boolean): Buffer | null {
  if (schema === null && (value === null || value === undefined)) return null;
  if (schema === null) throw new Error('schemaless values are not produced by the event side');
  const payload = Buffer.from(valueToJson(schema, value), 'utf8');
  if (!schemasEnable) return payload;
  const head = envelopeHead(schema);
  return Buffer.concat([head, payload, PAYLOAD_TAIL], head.length + payload.length + 1);
}
