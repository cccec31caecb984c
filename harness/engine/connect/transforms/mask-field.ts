// org.apache.kafka.connect.transforms.MaskField$Key / $Value (Kafka 3.9): each field in `fields` gets the "empty"
// value of its Java class (false, 0, 0L, 0.0, "", BigDecimal.ZERO, new Date(0), an empty list or map), or, with
// `replacement`, that text converted to the field's number or string type. A null stays null. Java classes whose
// value has no mask (bytes, structs; and any non-number/non-string type with a replacement) are DataExceptions,
// as in Kafka; a Decimal with a replacement is refused here (the scale would have to match the schema's).
import type { ConnectSchema } from '../connect-schema.ts';
import type { Transform } from './extract-new-record-state.ts';
import { boolOption, listOption, newRecord, operatingSchema, operatingValue, requireMap, requireStruct, structGet, TransformDataError, type Side } from './record-side.ts';
import { ConfigError } from '../../errors.ts';

export const MASK_FIELD = 'org.apache.kafka.connect.transforms.MaskField';
const PURPOSE = 'mask fields';
const DECIMAL = 'org.apache.kafka.connect.data.Decimal';
const DATE_TYPES = new Set(['org.apache.kafka.connect.data.Date', 'org.apache.kafka.connect.data.Time', 'org.apache.kafka.connect.data.Timestamp']);
const INT_RANGE: Record<string, [bigint, bigint]> = { int8: [-128n, 127n], int16: [-32768n, 32767n], int32: [-2147483648n, 2147483647n], int64: [-(2n ** 63n), 2n ** 63n - 1n] };

/** The Java class Connect uses for a value of this schema, for the messages. */
function javaClass(schema: ConnectSchema): string {
  if (schema.name === DECIMAL) return 'class java.math.BigDecimal';
  if (schema.name && DATE_TYPES.has(schema.name)) return 'class java.util.Date';
  return ({ int8: 'class java.lang.Byte', int16: 'class java.lang.Short', int32: 'class java.lang.Integer', int64: 'class java.lang.Long', float32: 'class java.lang.Float',
    float64: 'class java.lang.Double', boolean: 'class java.lang.Boolean', string: 'class java.lang.String', bytes: 'class [B', array: 'class java.util.ArrayList',
    map: 'class java.util.HashMap', struct: 'class org.apache.kafka.connect.data.Struct' } as const)[schema.type];
}

function emptyValue(schema: ConnectSchema): unknown {
  if (schema.name === DECIMAL) return Buffer.from([0]); // BigDecimal.ZERO: unscaled 0
  if (schema.name && DATE_TYPES.has(schema.name)) return schema.type === 'int64' ? 0n : 0; // new Date(0)
  switch (schema.type) {
    case 'boolean': return false;
    case 'int8': case 'int16': case 'int32': case 'float32': case 'float64': return 0;
    case 'int64': return 0n;
    case 'string': return '';
    case 'array': return [];
    case 'map': return new Map();
    default: throw new TransformDataError(`Cannot mask value of type: ${javaClass(schema)}`);
  }
}

function replacementValue(schema: ConnectSchema, replacement: string): unknown {
  if (schema.name === DECIMAL) throw new TransformDataError('masking a Decimal with a custom replacement is not implemented by this engine');
  if (schema.name && DATE_TYPES.has(schema.name)) throw new TransformDataError(`Cannot mask value of type ${javaClass(schema)} with custom replacement.`);
  const range = INT_RANGE[schema.type];
  if (range) {
    const t = replacement.trim();
    if (!/^[-+]?\d+$/.test(t) || BigInt(t) < range[0] || BigInt(t) > range[1]) throw new TransformDataError(`Unable to convert ${replacement} (class java.lang.String) to number`);
    return schema.type === 'int64' ? BigInt(t) : Number(t);
  }
  if (schema.type === 'float32' || schema.type === 'float64') {
    const n = Number(replacement.trim());
    if (replacement.trim() === '' || Number.isNaN(n)) throw new TransformDataError(`Unable to convert ${replacement} (class java.lang.String) to number`);
    return n;
  }
  if (schema.type === 'string') return replacement;
  throw new TransformDataError(`Cannot mask value of type ${javaClass(schema)} with custom replacement.`);
}

/** Schemaless values: the JS type stands for the Java class. */
function schemalessSchema(v: unknown): ConnectSchema {
  if (typeof v === 'string') return { type: 'string', optional: true };
  if (typeof v === 'boolean') return { type: 'boolean', optional: true };
  if (typeof v === 'bigint') return { type: 'int64', optional: true };
  if (typeof v === 'number') return { type: Number.isInteger(v) ? 'int64' : 'float64', optional: true };
  if (Array.isArray(v)) return { type: 'array', optional: true };
  if (Buffer.isBuffer(v)) return { type: 'bytes', optional: true };
  if (v instanceof Map || (v !== null && typeof v === 'object')) return { type: 'map', optional: true };
  return { type: 'struct', optional: true };
}

export function maskField(side: Side) {
  return (options: Record<string, unknown>, prefix: string): Transform => {
    const fields = new Set(listOption(options.fields));
    if (fields.size === 0) throw new ConfigError(`${prefix}fields`, 'Missing required configuration "fields" which has no default value (at least one field).');
    const replacement = options.replacement === undefined || options.replacement === null ? null : String(options.replacement);
    if (replacement !== null && replacement === '') throw new ConfigError(`${prefix}replacement`, 'String must be non-empty');
    const replaceNull = boolOption(options, 'replace.null.with.default', true, prefix);
    const mask = (schema: ConnectSchema, v: unknown): unknown => {
      if (v === null || v === undefined) return null;
      return replacement === null ? emptyValue(schema) : replacementValue(schema, replacement);
    };
    return (record) => {
      const value = operatingValue(record, side);
      const schema = operatingSchema(record, side);
      if (schema === null) {
        const map = requireMap(value, PURPOSE);
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(map)) {
          const m = fields.has(k) ? mask(schemalessSchema(v), v) : v;
          out[k] = m instanceof Map ? {} : typeof m === 'bigint' && typeof v === 'number' ? 0 : m;
        }
        return newRecord(record, side, null, out);
      }
      const struct = requireStruct(schema, value, PURPOSE);
      const out: Record<string, unknown> = {};
      for (const f of schema.fields ?? []) {
        const v = structGet(f, struct, replaceNull);
        out[f.name] = fields.has(f.name) ? mask(f.schema, v) : v;
      }
      return newRecord(record, side, schema, out);
    };
  };
}
