// Connect schema → Avro schema as Confluent's AvroData.fromConnectSchema builds it (Apicurio Registry 2.6's
// converter runs a port of it: utils/converter/.../avro/AvroData.java), printed as Avro 1.12's
// Schema.toString() prints it, because that text is what the converter registers. Checked against
// AvroData's own output in avro-data.golden.ts (goldens/README.md).
//
// What it copies: structs become records named after the Connect name (namespace = up to the last dot) or
// io.confluent.connect.avro.ConnectDefault[N]; optional schemas become ["null", T] unions (["T", "null"] when
// the schema has a default); int8/int16 are int with connect.type; Decimal is bytes with scale/precision and
// logicalType decimal, Date/Time/Timestamp get date/time-millis/timestamp-millis; other named types
// (io.debezium.*) keep their base type with connect.name; connect.doc/version/parameters/default/name as
// properties (connect.meta.data=true); maps with non-optional string keys are Avro maps, others arrays of
// MapEntry records. A named type met again (same Connect schema) is written by name, as Avro does.
import type { ConnectSchema } from '../connect-schema.ts';
import { LOGICAL } from '../connect-schema.ts';
import { javaDoubleToString, javaFloatToString } from '../java-format.ts';
import { jsonTextString } from '../json-converter.ts';

export const AVRO_NAMESPACE = 'io.confluent.connect.avro';
const DEFAULT_SCHEMA_NAME = 'ConnectDefault';
const MAP_ENTRY_TYPE_NAME = 'MapEntry';
/** AvroData.CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT */
const DECIMAL_PRECISION_DEFAULT = 64;
const DECIMAL_PRECISION_PROP = 'connect.decimal.precision';

/** A JSON value as Jackson holds it (numbers keep their Java type, objects their insertion order). */
export type JsonValue =
  | null | boolean | string
  | { int: number } | { long: bigint } | { float: number } | { double: number }
  | JsonValue[] | JsonObject;
export class JsonObject {
  readonly entries: Array<[string, JsonValue]> = [];
  set(k: string, v: JsonValue): this {
    const i = this.entries.findIndex(([key]) => key === k);
    if (i >= 0) this.entries[i] = [k, v];
    else this.entries.push([k, v]);
    return this;
  }
}

export type AvroPrimitive = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';
export type AvroSchema =
  | { type: AvroPrimitive; props: Props }
  | { type: 'record'; name: string; namespace: string | null; doc?: string; fields: AvroField[]; props: Props }
  | { type: 'array'; items: AvroSchema; props: Props }
  | { type: 'map'; values: AvroSchema; props: Props }
  | { type: 'union'; branches: AvroSchema[] };
export interface AvroField { name: string; schema: AvroSchema; doc?: string; default?: JsonValue }

/** JsonProperties.addProp: the first value of a key stays (Avro throws on a different one; AvroData never does that). */
export class Props {
  readonly entries: Array<[string, JsonValue]> = [];
  add(k: string, v: JsonValue): void {
    if (!this.entries.some(([key]) => key === k)) this.entries.push([k, v]);
  }
  get(k: string): JsonValue | undefined {
    return this.entries.find(([key]) => key === k)?.[1];
  }
}

export interface AvroDataOptions {
  /** connect.meta.data (default true) */
  connectMetaData: boolean;
}

interface Context {
  /** AvroData's FromConnectContext.schemaMap: non-optional Connect schemas already converted */
  done: Map<string, AvroSchema>;
  nameIndex: number;
}

/** AvroData.fromConnectSchema(schema) */
export function fromConnectSchema(schema: ConnectSchema, opts: AvroDataOptions = { connectMetaData: true }): AvroSchema {
  return convert(schema, { done: new Map(), nameIndex: 0 }, opts, false);
}

function splitName(full: string): [string | null, string] {
  const i = full.lastIndexOf('.');
  return i >= 0 ? [full.slice(0, i), full.slice(i + 1)] : [null, full];
}

function nameOrDefault(ctx: Context, name: string | undefined): [string | null, string] {
  if (name !== undefined) return splitName(name);
  ctx.nameIndex++;
  return [AVRO_NAMESPACE, DEFAULT_SCHEMA_NAME + (ctx.nameIndex > 1 ? ctx.nameIndex : '')];
}

/** A key for ConnectSchema.equals (type, optional, default, name, version, doc, parameters, fields, keys, values). */
function schemaKey(s: ConnectSchema): string {
  return JSON.stringify(s, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? `b:${v.toString('hex')}` : v));
}

function nonOptional(s: ConnectSchema): ConnectSchema {
  return { ...s, optional: false };
}

function convert(schema: ConnectSchema, ctx: Context, opts: AvroDataOptions, ignoreOptional: boolean): AvroSchema {
  const key = schema.optional ? null : schemaKey(schema);
  if (key !== null) {
    const cached = ctx.done.get(key);
    if (cached) return cached;
  }
  let connectType: string | undefined;
  let base: AvroSchema;
  const props = new Props();
  switch (schema.type) {
    case 'int8': connectType = 'int8'; base = { type: 'int', props }; break;
    case 'int16': connectType = 'int16'; base = { type: 'int', props }; break;
    case 'int32': base = { type: 'int', props }; break;
    case 'int64': base = { type: 'long', props }; break;
    case 'float32': base = { type: 'float', props }; break;
    case 'float64': base = { type: 'double', props }; break;
    case 'boolean': base = { type: 'boolean', props }; break;
    case 'string': base = { type: 'string', props }; break;
    case 'bytes':
      // Avro fixed (connect.fixed.size) only comes from Avro sources, never from Debezium's schemas
      if (schema.parameters?.['connect.fixed.size'] !== undefined) throw new Error(`Avro fixed (connect.fixed.size on ${schema.name}) is not implemented by this engine's Avro converter`);
      base = { type: 'bytes', props };
      if (schema.name?.toLowerCase() === LOGICAL.decimal.toLowerCase()) {
        props.add('scale', { int: Number(schema.parameters?.scale) });
        const p = schema.parameters?.[DECIMAL_PRECISION_PROP];
        props.add('precision', { int: p === undefined ? DECIMAL_PRECISION_DEFAULT : Number(p) });
      }
      break;
    case 'array':
      base = { type: 'array', items: convert(schema.items!, ctx, opts, false), props };
      break;
    case 'map':
      if (schema.keys!.type === 'string' && !schema.keys!.optional) {
        base = { type: 'map', values: convert(schema.values!, ctx, opts, false), props };
      } else {
        const entryProps = new Props();
        let entryName: [string | null, string] = [AVRO_NAMESPACE, MAP_ENTRY_TYPE_NAME];
        if (schema.name !== undefined) {
          entryName = nameOrDefault(ctx, schema.name);
          entryProps.add('connect.internal.type', MAP_ENTRY_TYPE_NAME);
        }
        const entry: AvroSchema = {
          type: 'record', name: entryName[1], namespace: entryName[0], props: entryProps,
          fields: [recordField('key', schema.keys!, ctx, opts), recordField('value', schema.values!, ctx, opts)],
        };
        base = { type: 'array', items: entry, props };
      }
      break;
    case 'struct':
      if (schema.name === `${AVRO_NAMESPACE}.Union`) throw new Error(`Connect unions (${schema.name}) are not implemented by this engine's Avro converter`);
      if (schema.optional) {
        // ["null", record]: the record is the non-optional schema's, metadata on the record
        base = { type: 'union', branches: [{ type: 'null', props: new Props() }, convert(nonOptional(schema), ctx, opts, false)] };
      } else {
        const [namespace, name] = nameOrDefault(ctx, schema.name);
        validateName(name, `record ${schema.name}`);
        const record: AvroSchema = { type: 'record', name, namespace, fields: [], props };
        // registered before its fields, so a field of the same (non-optional) schema refers to it
        if (key !== null) ctx.done.set(key, record);
        record.fields = schema.fields!.map((f) => {
          validateName(f.name, `field "${f.name}" of ${schema.name ?? `${namespace}.${name}`}`);
          return recordField(f.name, f.schema, ctx, opts);
        });
        base = record;
      }
      break;
  }
  let final: AvroSchema = base;
  if (base.type !== 'union') {
    if (opts.connectMetaData) {
      if (schema.doc !== undefined) props.add('connect.doc', schema.doc);
      if (schema.version !== undefined) props.add('connect.version', { int: schema.version });
      if (schema.parameters !== undefined && Object.keys(schema.parameters).length > 0) {
        const params = new JsonObject();
        for (const [k, v] of Object.entries(schema.parameters)) if (k !== `${AVRO_NAMESPACE}.field.default`) params.set(k, v);
        if (params.entries.length > 0) props.add('connect.parameters', params);
      }
      if (schema.default !== undefined && schema.default !== null && schema.parameters?.[`${AVRO_NAMESPACE}.field.default`] === undefined) {
        props.add('connect.default', defaultValue(schema, schema.default));
      }
      if (schema.name !== undefined) props.add('connect.name', schema.name);
      if (connectType !== undefined) props.add('connect.type', connectType);
    }
    const n = schema.name?.toLowerCase();
    let legacyDecimal = false;
    if (n === LOGICAL.decimal.toLowerCase()) {
      const precision = schema.parameters?.[DECIMAL_PRECISION_PROP] === undefined ? DECIMAL_PRECISION_DEFAULT : Number(schema.parameters[DECIMAL_PRECISION_PROP]);
      const scale = schema.parameters?.scale === undefined ? 0 : Number(schema.parameters.scale);
      if (scale < 0 || scale > precision) legacyDecimal = true;
      else {
        // LogicalTypes.decimal(precision, scale).addToSchema: logicalType, precision, scale (present already)
        props.add('logicalType', 'decimal');
        props.add('precision', { int: precision });
        props.add('scale', { int: scale });
      }
    } else if (n === LOGICAL.connectTime.toLowerCase()) props.add('logicalType', 'time-millis');
    else if (n === LOGICAL.connectTimestamp.toLowerCase()) props.add('logicalType', 'timestamp-millis');
    else if (n === LOGICAL.connectDate.toLowerCase()) props.add('logicalType', 'date');
    // the legacy property, kept by AvroData for compatibility
    if (n === LOGICAL.decimal.toLowerCase() && (schema.parameters?.[DECIMAL_PRECISION_PROP] !== undefined || legacyDecimal)) props.add('logicalType', 'decimal');
    // parameters starting with "avro" (AVRO_PROP) are copied as properties
    for (const [k, v] of Object.entries(schema.parameters ?? {})) if (k.startsWith('avro')) props.add(k, v);
    if (!ignoreOptional && schema.optional) {
      // maybeMakeOptional: the null branch first, unless there is a default (it must match the first branch)
      const nul: AvroSchema = { type: 'null', props: new Props() };
      final = { type: 'union', branches: schema.default !== undefined && schema.default !== null ? [base, nul] : [nul, base] };
    }
  }
  if (key !== null) ctx.done.set(key, final);
  return final;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
/**
 * Avro 1.12's Schema.validateName, which Schema.Field and Schema.createRecord run (namespaces are not checked):
 * a letter or '_' first, then letters, digits or '_' (Java's Character.isLetter / isLetterOrDigit per UTF-16
 * unit, so characters outside the BMP are refused). Debezium's AvroConverter fails the same way on such a name.
 */
export function validateName(name: string, what: string): void {
  const fail = (why: string): never => {
    throw new Error(`Avro cannot name ${what}: ${why} (Debezium's AvroConverter refuses it the same way; rename it, or set schema.name.adjustment.mode/field.name.adjustment.mode=avro)`);
  };
  if (name.length === 0) fail('Empty name');
  const c0 = name[0];
  if (!(c0 === '_' || (LETTER.test(c0) && !isSurrogate(c0)))) fail(`Illegal initial character: ${name}`);
  for (let i = 1; i < name.length; i++) {
    const c = name[i];
    if (!(c === '_' || ((LETTER.test(c) || DIGIT.test(c)) && !isSurrogate(c)))) fail(`Illegal character in: ${name}`);
  }
}

function isSurrogate(c: string): boolean {
  const u = c.charCodeAt(0);
  return u >= 0xd800 && u <= 0xdfff;
}

/** AvroData.addAvroRecordField: a Connect default becomes the field default, an optional field defaults to null. */
function recordField(name: string, schema: ConnectSchema, ctx: Context, opts: AvroDataOptions): AvroField {
  const field: AvroField = { name, schema: convert(schema, ctx, opts, false) };
  if (schema.default !== undefined && schema.default !== null) field.default = fieldDefault(defaultValue(schema, schema.default));
  else if (schema.optional) field.default = null;
  return field;
}

/**
 * Schema.Field keeps JacksonUtils.toObject(default) and prints JacksonUtils.toJsonNode of it: a float default
 * comes back as a double (toObject reads every floating number as a Double).
 */
function fieldDefault(v: JsonValue): JsonValue {
  if (v !== null && typeof v === 'object' && 'float' in v) return { double: Math.fround(v.float) };
  if (Array.isArray(v)) return v.map(fieldDefault);
  if (v instanceof JsonObject) {
    const o = new JsonObject();
    for (const [k, x] of v.entries) o.set(k, fieldDefault(x));
    return o;
  }
  return v;
}

function bytesOf(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new Error(`expected bytes, got ${typeof v}`);
}

/** AvroData.defaultValueFromConnect, for values in the engine's representation (json-converter.ts). */
export function defaultValue(schema: ConnectSchema, value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (schema.type) {
    case 'int8': case 'int16': case 'int32': return { int: Number(value) };
    case 'int64': return { long: BigInt(value as number | bigint) };
    case 'float32': return { float: Number(value) };
    case 'float64': return { double: Number(value) };
    case 'boolean': return Boolean(value);
    case 'string': return String(value);
    // new String(bytes, ISO_8859_1): one char per byte
    case 'bytes': return bytesOf(value).toString('latin1');
    case 'array': return (value as unknown[]).map((x) => defaultValue(schema.items!, x));
    case 'map': {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      if (schema.keys!.type === 'string' && !schema.keys!.optional) {
        const o = new JsonObject();
        for (const [k, x] of entries) o.set(String(k), defaultValue(schema.values!, x));
        return o;
      }
      return entries.map(([k, x]) => [defaultValue(schema.keys!, k), defaultValue(schema.values!, x)]);
    }
    case 'struct': {
      const o = new JsonObject();
      const struct = value as Record<string, unknown>;
      for (const f of schema.fields!) {
        const x = struct[f.name];
        o.set(f.name, defaultValue(f.schema, x === null || x === undefined ? f.schema.default ?? null : x));
      }
      return o;
    }
  }
}

// ---- printing: org.apache.avro.Schema.toString() (Jackson, compact) ----

function printJson(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return jsonTextString(v);
  if (Array.isArray(v)) return `[${v.map(printJson).join(',')}]`;
  if (v instanceof JsonObject) return `{${v.entries.map(([k, x]) => `${jsonTextString(k)}:${printJson(x)}`).join(',')}}`;
  if ('int' in v) return String(v.int);
  if ('long' in v) return v.long.toString();
  // Jackson writes NaN/Infinity as strings only when asked to quote them; Avro's generator writes them bare
  if ('float' in v) return javaFloatToString(v.float);
  return javaDoubleToString(v.double);
}

function printProps(props: Props): string {
  return props.entries.map(([k, v]) => `,${jsonTextString(k)}:${printJson(v)}`).join('');
}

interface Names { space: string | null; defined: Set<string> }

const fullName = (ns: string | null, name: string): string => (ns ? `${ns}.${name}` : name);

function print(s: AvroSchema, names: Names): string {
  switch (s.type) {
    case 'union': return `[${s.branches.map((b) => print(b, names)).join(',')}]`;
    case 'array': return `{"type":"array","items":${print(s.items, names)}${printProps(s.props)}}`;
    case 'map': return `{"type":"map","values":${print(s.values, names)}${printProps(s.props)}}`;
    case 'record': {
      const full = fullName(s.namespace, s.name);
      // Name.getQualified: a known name without the enclosing namespace
      if (names.defined.has(full)) return jsonTextString(s.namespace === null || s.namespace === names.space ? s.name : full);
      names.defined.add(full);
      let out = `{"type":"record","name":${jsonTextString(s.name)}`;
      // Name.writeName: the namespace only where it differs from the enclosing one ("" to leave one)
      if (s.namespace !== null) {
        if (s.namespace !== names.space) out += `,"namespace":${jsonTextString(s.namespace)}`;
      } else if (names.space !== null) out += ',"namespace":""';
      if (s.doc !== undefined) out += `,"doc":${jsonTextString(s.doc)}`;
      const saved = names.space;
      names.space = s.namespace;
      out += `,"fields":[${s.fields.map((f) => {
        let fo = `{"name":${jsonTextString(f.name)},"type":${print(f.schema, names)}`;
        if (f.doc !== undefined) fo += `,"doc":${jsonTextString(f.doc)}`;
        if (f.default !== undefined) fo += `,"default":${printJson(f.default)}`;
        return fo + '}';
      }).join(',')}]`;
      names.space = saved;
      return out + printProps(s.props) + '}';
    }
    default:
      return s.props.entries.length === 0 ? `"${s.type}"` : `{"type":"${s.type}"${printProps(s.props)}}`;
  }
}

/** Schema.toString(): the text the converter registers. */
export function avroSchemaToString(s: AvroSchema): string {
  return print(s, { space: null, defined: new Set() });
}
