// What Kafka's $Key / $Value transform variants share (operatingSchema, operatingValue, newRecord), the Struct
// accessors they use, and Connect's DataException as an Error naming the transform.
import type { ConnectField, ConnectSchema } from '../connect-schema.ts';
import type { ConnectRecord } from '../connect-record.ts';
import { ConfigError } from '../../errors.ts';

export type Side = 'key' | 'value';

/** org.apache.kafka.connect.errors.DataException: a record the transform cannot handle (stops the task, errors.tolerance=none). */
export class TransformDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataException';
  }
}

/** `<class>$Key` / `<class>$Value` for a Kafka transform class with both variants. */
export const variants = (cls: string): [string, Side][] => [[`${cls}$Key`, 'key'], [`${cls}$Value`, 'value']];

export const operatingSchema = (r: ConnectRecord, side: Side): ConnectSchema | null => (side === 'key' ? r.keySchema : r.valueSchema);
export const operatingValue = (r: ConnectRecord, side: Side): unknown => (side === 'key' ? r.key : r.value);

export function newRecord<R extends ConnectRecord>(r: R, side: Side, schema: ConnectSchema | null, value: unknown): R {
  return side === 'key' ? { ...r, keySchema: schema, key: value } : { ...r, valueSchema: schema, value };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Map);

/** Requirements.requireStruct: a struct value with a struct schema. */
export function requireStruct(schema: ConnectSchema | null, value: unknown, purpose: string): Record<string, unknown> {
  if (schema?.type !== 'struct' || !isPlainObject(value)) throw new TransformDataError(`Only Struct objects supported for [${purpose}], found: ${value === null || value === undefined ? 'null' : typeof value}`);
  return value;
}

/** Requirements.requireMap: a schemaless map value. */
export function requireMap(value: unknown, purpose: string): Record<string, unknown> {
  if (value instanceof Map) return Object.fromEntries(value);
  if (!isPlainObject(value)) throw new TransformDataError(`Only Map objects supported in absence of schema for [${purpose}], found: ${value === null || value === undefined ? 'null' : typeof value}`);
  return value;
}

/** Struct.get (the field's default for a null) or Struct.getWithoutDefault. */
export function structGet(field: ConnectField, struct: Record<string, unknown>, replaceNullWithDefault: boolean): unknown {
  const v = struct[field.name];
  if ((v === null || v === undefined) && replaceNullWithDefault && field.schema.default !== undefined) return field.schema.default;
  return v ?? null;
}

/** SchemaUtil.copySchemaBasics: name, version, doc, parameters; not optional, not the default. */
export function copySchemaBasics(schema: ConnectSchema, fields: ConnectField[]): ConnectSchema {
  const out: ConnectSchema = { type: 'struct', optional: false };
  if (schema.name !== undefined) out.name = schema.name;
  if (schema.version !== undefined) out.version = schema.version;
  if (schema.doc !== undefined) out.doc = schema.doc;
  if (schema.parameters !== undefined) out.parameters = { ...schema.parameters };
  out.fields = fields;
  return out;
}

/** ConfigDef.Type.LIST */
export const listOption = (v: unknown): string[] => (v === undefined || v === null ? [] : String(v).split(',').map((x) => x.trim()).filter(Boolean));

/** ConfigDef.Type.BOOLEAN with a default; anything but true/false is an error naming the key. */
export function boolOption(options: Record<string, unknown>, name: string, def: boolean, prefix: string): boolean {
  const v = options[name];
  if (v === undefined || v === null) return def;
  if (typeof v === 'boolean') return v;
  const t = String(v).trim().toLowerCase();
  if (t === 'true' || t === 'false') return t === 'true';
  throw new ConfigError(`${prefix}${name}`, `Invalid value ${String(v)} for configuration ${name}: Expected value to be either true or false`);
}

export function requiredOption(options: Record<string, unknown>, name: string, prefix: string): string {
  const v = options[name];
  if (v === undefined || v === null || String(v).trim() === '') throw new ConfigError(`${prefix}${name}`, `Missing required configuration "${name}" which has no default value.`);
  return String(v).trim();
}
