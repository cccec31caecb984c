// What Java class a schemaless value would have in Kafka Connect (JsonConverter reads schemaless integers as Long and
// other numbers as Double, objects as HashMap, arrays as ArrayList), for ConnectSchema.schemaType(value.getClass())
// and for the class names in Kafka's messages. A JS Date stands for a java.util.Date (TimestampConverter's output).
import type { ConnectSchema, ConnectType } from '../connect-schema.ts';
import { LOGICAL } from '../connect-schema.ts';
import { TransformDataError } from './record-side.ts';

export const isStructLike = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date);

/** ConnectSchema.schemaType(value.getClass()); null for a class Connect has no type for (java.util.Date). */
export function schemalessType(v: unknown): ConnectType | null {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Buffer.isBuffer(v)) return 'bytes';
  if (Array.isArray(v)) return 'array';
  if (isStructLike(v)) return 'map';
  return null;
}

const CLASS_NAMES: Record<ConnectType, string> = {
  int8: 'java.lang.Byte', int16: 'java.lang.Short', int32: 'java.lang.Integer', int64: 'java.lang.Long', float32: 'java.lang.Float',
  float64: 'java.lang.Double', boolean: 'java.lang.Boolean', string: 'java.lang.String', bytes: '[B', array: 'java.util.ArrayList',
  map: 'java.util.HashMap', struct: 'org.apache.kafka.connect.data.Struct',
};

/** Class.getName() of a value, by its schema when it has one (logical types included), else by the value. */
export function javaClassName(v: unknown, schema: ConnectSchema | null = null): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date || (schema?.name !== undefined && [LOGICAL.connectDate, LOGICAL.connectTime, LOGICAL.connectTimestamp].includes(schema.name as never))) return 'java.util.Date';
  if (schema?.name === LOGICAL.decimal) return 'java.math.BigDecimal';
  const type = schema?.type ?? schemalessType(v);
  return type === null ? typeof v : CLASS_NAMES[type];
}

/** value.getClass() as Java prints it ("class java.lang.Long"). */
export const javaClass = (v: unknown): string => `class ${javaClassName(v)}`;

/** Requirements.requireStruct, with the value's Java class in the message. */
export function requireStructValue(schema: ConnectSchema, value: unknown, purpose: string): Record<string, unknown> {
  if (schema.type !== 'struct' || !isStructLike(value)) throw new TransformDataError(`Only Struct objects supported for [${purpose}], found: ${javaClassName(value, schema)}`);
  return value;
}

/** A schemaless int64 result as the schemaless values here hold it: a number while exact, else a bigint. */
export const schemalessLong = (v: bigint): number | bigint => (Number.isSafeInteger(Number(v)) ? Number(v) : v);

/** The transforms' schemaUpdateCache: the new schema built once per input schema (the records of a table share one). */
export function schemaUpdateCache(build: (schema: ConnectSchema) => ConnectSchema): (schema: ConnectSchema) => ConnectSchema {
  const cache = new WeakMap<ConnectSchema, ConnectSchema>();
  return (schema) => {
    let out = cache.get(schema);
    if (out === undefined) cache.set(schema, (out = build(schema)));
    return out;
  };
}
