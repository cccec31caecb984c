// Avro schema (a registry's text) → Connect schema, as AvroData.toConnectSchema reads it with its default
// config (connect.meta.data=true): ["null", T] / [T, "null"] unions are an optional T; connect.type gives
// int8/int16 back; logicalType decimal/date/time-millis/timestamp-millis the Connect logical types;
// connect.name / connect.version / connect.doc / connect.parameters / connect.default come back as they went
// out; a record without connect.name is named by its full name (not io.confluent.connect.avro.ConnectDefault*);
// arrays of MapEntry records are maps. Checked against AvroData's round trip in avro-data.golden.ts.
import type { ConnectSchema } from '../connect-schema.ts';
import { LOGICAL } from '../connect-schema.ts';
import { AVRO_NAMESPACE } from './avro-schema.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const PRECISION_DEFAULT = 64;

interface Ctx { named: Map<string, Obj>; space: string | null }

function fullNameOf(o: Obj, space: string | null): string {
  const name = String(o.name);
  if (name.includes('.')) return name;
  const ns = o.namespace !== undefined ? (o.namespace as string) || null : space;
  return ns ? `${ns}.${name}` : name;
}

/** The schema a name refers to, or the schema itself; named types defined on the way are remembered. */
function resolve(s: Json, ctx: Ctx): { s: Json; space: string | null } {
  if (typeof s === 'string') {
    const prim = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];
    if (prim.includes(s)) return { s, space: ctx.space };
    const full = s.includes('.') ? s : ctx.space ? `${ctx.space}.${s}` : s;
    const found = ctx.named.get(full) ?? ctx.named.get(s);
    if (!found) throw new Error(`Avro schema refers to an unknown type ${s}`);
    return { s: found, space: namespaceOf(full) };
  }
  if (s && typeof s === 'object' && !Array.isArray(s) && (s.type === 'record' || s.type === 'enum' || s.type === 'fixed')) {
    const full = fullNameOf(s, ctx.space);
    if (!ctx.named.has(full)) ctx.named.set(full, s);
    return { s, space: namespaceOf(full) };
  }
  return { s, space: ctx.space };
}

function namespaceOf(full: string): string | null {
  const i = full.lastIndexOf('.');
  return i >= 0 ? full.slice(0, i) : null;
}

export function connectSchemaFromAvro(text: string): ConnectSchema {
  return toConnect(JSON.parse(text) as Json, { named: new Map(), space: null }, false, undefined);
}

function toConnect(raw: Json, outer: Ctx, forceOptional: boolean, fieldDefault: Json | undefined): ConnectSchema {
  const { s, space } = resolve(raw, outer);
  const ctx: Ctx = { named: outer.named, space };
  if (Array.isArray(s)) {
    if (s.length === 2 && s.some((b) => b === 'null')) {
      const member = s.find((b) => b !== 'null')!;
      return toConnect(member, ctx, true, undefined);
    }
    throw new Error('Avro unions other than [null, T] are not implemented by this engine\'s Avro converter');
  }
  const o: Obj = typeof s === 'string' ? { type: s } : (s as Obj);
  const type = o.type as string;
  const logical = typeof o.logicalType === 'string' ? o.logicalType.toLowerCase() : undefined;
  const out: ConnectSchema = { type: 'int32', optional: false };
  const params: Record<string, string> = {};
  switch (type) {
    case 'boolean': out.type = 'boolean'; break;
    case 'bytes': case 'fixed':
      out.type = 'bytes';
      if (logical === 'decimal') {
        out.name = LOGICAL.decimal;
        out.version = 1;
        params.scale = String(typeof o.scale === 'number' ? o.scale : 0);
        if (typeof o.precision === 'number' && o.precision !== PRECISION_DEFAULT) params['connect.decimal.precision'] = String(o.precision);
      }
      if (type === 'fixed') params['connect.fixed.size'] = String(o.size);
      break;
    case 'double': out.type = 'float64'; break;
    case 'float': out.type = 'float32'; break;
    case 'int': {
      const ct = o['connect.type'];
      if (logical === 'date') Object.assign(out, { name: LOGICAL.connectDate, version: 1 });
      else if (logical === 'time-millis') Object.assign(out, { name: LOGICAL.connectTime, version: 1 });
      else if (ct === 'int8' || ct === 'int16') out.type = ct;
      break;
    }
    case 'long':
      out.type = 'int64';
      if (logical === 'timestamp-millis') Object.assign(out, { name: LOGICAL.connectTimestamp, version: 1 });
      break;
    case 'string': out.type = 'string'; break;
    case 'array': {
      const items = resolve(o.items, ctx).s as Obj;
      const isEntry = items && typeof items === 'object' && items.type === 'record' &&
        ((fullNameOf(items, ctx.space) === `${AVRO_NAMESPACE}.MapEntry`) || items['connect.internal.type'] === 'MapEntry');
      if (isEntry) {
        const fields = items.fields as Obj[];
        const entryCtx: Ctx = { named: ctx.named, space: namespaceOf(fullNameOf(items, ctx.space)) };
        out.type = 'map';
        out.keys = toConnect(fields.find((f) => f.name === 'key')!.type, entryCtx, false, undefined);
        out.values = toConnect(fields.find((f) => f.name === 'value')!.type, entryCtx, false, undefined);
      } else {
        out.type = 'array';
        out.items = toConnect(o.items, ctx, false, undefined);
      }
      break;
    }
    case 'map':
      out.type = 'map';
      out.keys = { type: 'string', optional: false };
      out.values = toConnect(o.values, ctx, false, undefined);
      break;
    case 'record':
      out.type = 'struct';
      out.fields = (o.fields as Obj[]).map((f) => ({
        name: String(f.name),
        schema: toConnect(f.type, ctx, false, 'default' in f ? f.default : undefined),
      }));
      break;
    case 'enum':
      throw new Error(`Avro enums (${String(o.name)}) are not implemented by this engine's Avro converter`);
    default:
      throw new Error(`Couldn't translate unsupported schema type ${type}.`);
  }
  if (typeof o['connect.doc'] === 'string') out.doc = o['connect.doc'];
  if (typeof o['connect.version'] === 'number') out.version = o['connect.version'];
  const cp = o['connect.parameters'];
  if (cp && typeof cp === 'object' && !Array.isArray(cp)) for (const [k, v] of Object.entries(cp)) params[k] = String(v);
  for (const [k, v] of Object.entries(o)) if (k.startsWith('avro')) params[k] = typeof v === 'string' ? v : JSON.stringify(v);
  const connectDefault = o['connect.default'];
  let def: Json | undefined = fieldDefault;
  if (def === undefined) def = connectDefault;
  else if (connectDefault === undefined) params[`${AVRO_NAMESPACE}.field.default`] = 'true';
  if (Object.keys(params).length > 0) out.parameters = params;
  if (def !== undefined && def !== null) out.default = defaultFromAvro(out, def);
  const name = typeof o['connect.name'] === 'string' ? o['connect.name']
    : type === 'record' || type === 'fixed' ? fullNameOf(o, outer.space) : undefined;
  if (name !== undefined && !name.startsWith(`${AVRO_NAMESPACE}.ConnectDefault`) && out.name === undefined) out.name = name;
  if (forceOptional) out.optional = true;
  return out;
}

/** AvroData.defaultValueFromAvro for a JSON default, into the engine's value representation. */
function defaultFromAvro(schema: ConnectSchema, v: Json): unknown {
  if (v === null) return null;
  switch (schema.type) {
    case 'int8': case 'int16': case 'int32': case 'float32': case 'float64': return Number(v);
    case 'int64': return BigInt(v as number);
    case 'boolean': return Boolean(v);
    case 'string': return String(v);
    case 'bytes': return Buffer.from(String(v), 'latin1');
    case 'array': return (v as Json[]).map((x) => defaultFromAvro(schema.items!, x));
    case 'map':
      if (Array.isArray(v)) return new Map((v as Json[][]).map(([k, x]) => [defaultFromAvro(schema.keys!, k), defaultFromAvro(schema.values!, x)]));
      return Object.fromEntries(Object.entries(v as Obj).map(([k, x]) => [k, defaultFromAvro(schema.values!, x)]));
    case 'struct': {
      const o = v as Obj;
      return Object.fromEntries(schema.fields!.map((f) => [f.name, o[f.name] === undefined ? null : defaultFromAvro(f.schema, o[f.name])]));
    }
  }
}
