// io.debezium.transforms.ExtractNewRecordState ("unwrap") over the sink record model, following
// Debezium's ExtractNewRecordState.java, ExtractNewRecordStateConfigDefinition.java and
// extractnewstate/DefaultDeleteHandlingStrategy.java (repo debezium/debezium, debezium-core):
// - a record whose value schema name does not end in ".Envelope" passes unchanged;
// - the value becomes `after`; a truncate (before and after null) is dropped;
// - delete.tombstone.handling.mode (default tombstone):
//     drop                    deletes and tombstones removed
//     tombstone               a delete becomes a record with a null value (schema kept), tombstones dropped
//     rewrite                 a delete becomes `before` + __deleted="true", others get __deleted="false", tombstones dropped
//     rewrite-with-tombstone  as rewrite, tombstones kept
//     delete-to-tombstone     a delete becomes a real tombstone (null value and schema), tombstones dropped
// - add.fields / add.headers: "op,ts_ms,source.ts_ms,table,txId:alias…" → __op, __ts_ms, __source_ts_ms,
//   __table (unqualified names other than op/ts_ms and the transaction ones live in `source`), each
//   new field the source field's schema made optional; prefixes add.fields.prefix / add.headers.prefix;
// - the pre-2.5 options drop.tombstones (default true) and delete.handling.mode (drop|rewrite|none,
//   default drop) select the legacy behaviour when either is set (LegacyDeleteHandlingStrategy).
import { ConfigError } from '../../errors.ts';
import type { ConnectField, ConnectSchema } from '../connect-schema.ts';
import type { ConnectRecord } from '../connect-record.ts';

export const EXTRACT_NEW_RECORD_STATE = 'io.debezium.transforms.ExtractNewRecordState';
export const DELETE_TOMBSTONE_MODES = ['drop', 'tombstone', 'rewrite', 'rewrite-with-tombstone', 'delete-to-tombstone'] as const;
export type DeleteTombstoneMode = (typeof DELETE_TOMBSTONE_MODES)[number];
const LEGACY_DELETE_MODES = ['drop', 'rewrite', 'none'] as const;
const DELETED_FIELD = '__deleted';
const TRANSACTION_FIELDS = new Set(['id', 'total_order', 'data_collection_order']);

/** One transform: the record, a changed copy, or null to drop it (Transformation.apply); source and sink records alike. */
export type Transform = <R extends ConnectRecord>(record: R) => R | null;

interface FieldReference {
  /** "source", "transaction" or null (a top-level envelope field: op, ts_ms) */
  struct: string | null;
  field: string;
  newField: string;
}

/** ExtractNewRecordState.FieldReference */
function fieldReferences(prefix: string, list: string, key: string): FieldReference[] {
  if (!list.trim()) return [];
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((spec) => {
    const parts = spec.split(':');
    if (parts.length > 2) throw new ConfigError(key, `unexpected field name "${spec}" (expected field, struct.field or field:newName)`);
    const splits = parts[0].split('.');
    const field = splits.length === 1 ? splits[0] : splits[1];
    const struct = splits.length === 1
      ? (field === 'op' || field === 'ts_ms' ? null : TRANSACTION_FIELDS.has(field) ? 'transaction' : 'source')
      : splits[0];
    const newField = prefix + (parts.length === 2 ? parts[1] : splits.length === 1 ? field : `${struct}_${field}`);
    return { struct, field, newField };
  });
}

function fieldOf(schema: ConnectSchema | undefined, name: string): ConnectField | undefined {
  return schema?.fields?.find((f) => f.name === name);
}

/** FieldReference.getSchema: the field's schema basics, made optional; undefined when absent. */
function refSchema(ref: FieldReference, envelope: ConnectSchema): ConnectSchema | undefined {
  const parent = ref.struct !== null ? fieldOf(envelope, ref.struct)?.schema : envelope;
  const f = fieldOf(parent, ref.field) ?? fieldOf(envelope, ref.field);
  if (!f) return undefined;
  const { type, name, version, doc, parameters, fields, items, keys, values } = f.schema;
  const out: ConnectSchema = { type, optional: true };
  if (name !== undefined) out.name = name;
  if (version !== undefined) out.version = version;
  if (doc !== undefined) out.doc = doc;
  if (parameters !== undefined) out.parameters = parameters;
  if (fields) out.fields = fields;
  if (items) out.items = items;
  if (keys) out.keys = keys;
  if (values) out.values = values;
  return out;
}

function refValue(ref: FieldReference, envelope: ConnectSchema, value: Record<string, unknown>): unknown {
  const parent = ref.struct !== null ? (value[ref.struct] as Record<string, unknown> | null) : value;
  if (!parent) return null; // transaction is null during snapshots
  const parentSchema = ref.struct !== null ? fieldOf(envelope, ref.struct)?.schema : envelope;
  return fieldOf(parentSchema, ref.field) ? parent[ref.field] ?? null : value[ref.field] ?? null;
}

/** SimpleHeaderConverter's text for a primitive header value */
function headerBytes(v: unknown): Buffer | null {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === 'object') return Buffer.from(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)));
  return Buffer.from(String(v));
}

export interface ExtractNewRecordStateOptions {
  [key: string]: unknown;
}

export function extractNewRecordState(options: ExtractNewRecordStateOptions, keyPrefix = ''): Transform {
  const str = (k: string, d: string): string => (options[k] === undefined || options[k] === null ? d : String(options[k]));
  const legacy = options['drop.tombstones'] !== undefined || options['delete.handling.mode'] !== undefined;
  let mode = 'tombstone' as DeleteTombstoneMode;
  let dropTombstones = true;
  let legacyDeletes = 'drop' as (typeof LEGACY_DELETE_MODES)[number];
  if (legacy) {
    const dt = str('drop.tombstones', 'true').trim().toLowerCase();
    if (dt !== 'true' && dt !== 'false') throw new ConfigError(`${keyPrefix}drop.tombstones`, `"${dt}" is not a boolean`, ['true', 'false']);
    dropTombstones = dt === 'true';
    const dm = str('delete.handling.mode', 'drop').trim().toLowerCase();
    if (!(LEGACY_DELETE_MODES as readonly string[]).includes(dm)) {
      throw new ConfigError(`${keyPrefix}delete.handling.mode`, `unknown value "${dm}"`, [...LEGACY_DELETE_MODES]);
    }
    legacyDeletes = dm as typeof legacyDeletes;
  } else {
    const m = str('delete.tombstone.handling.mode', 'tombstone').trim().toLowerCase();
    if (!(DELETE_TOMBSTONE_MODES as readonly string[]).includes(m)) {
      throw new ConfigError(`${keyPrefix}delete.tombstone.handling.mode`, `unknown value "${m}"`, [...DELETE_TOMBSTONE_MODES]);
    }
    mode = m as DeleteTombstoneMode;
  }
  const rewrite = legacy ? legacyDeletes === 'rewrite' : mode === 'rewrite' || mode === 'rewrite-with-tombstone';
  const addFields = fieldReferences(str('add.fields.prefix', '__'), str('add.fields', ''), `${keyPrefix}add.fields`);
  const addHeaders = fieldReferences(str('add.headers.prefix', '__'), str('add.headers', ''), `${keyPrefix}add.headers`);
  const routeByField = str('route.by.field', '').trim() || null;

  // one new schema per envelope schema object (decodeConnectJson hands out one object per distinct
  // schema text), op and rewrite flag, so a table's records share it and printers compile once
  const schemaCache = new WeakMap<ConnectSchema, Map<string, ConnectSchema>>();

  /** ExtractNewRecordState.addFields (+ InsertField of __deleted when rewriting) */
  const extend = (base: ConnectSchema, baseValue: Record<string, unknown>, envelope: ConnectSchema, env: Record<string, unknown>, deleted: string | null) => {
    const refs = addFields.map((r) => ({ r, schema: refSchema(r, envelope) })).filter((x) => x.schema !== undefined);
    if (refs.length === 0 && deleted === null) return { schema: base, value: baseValue };
    const cacheKey = `${String(env.op)}|${deleted !== null}`;
    let perEnvelope = schemaCache.get(envelope);
    if (!perEnvelope) {
      perEnvelope = new Map();
      schemaCache.set(envelope, perEnvelope);
    }
    let schema = perEnvelope.get(cacheKey);
    if (!schema) {
      // the delete handling strategy adds __deleted before addFields adds the add.fields (Debezium 3.2.7, seen in
      // the conformance run's transforms profile)
      const fields: ConnectField[] = [...(base.fields ?? [])];
      if (deleted !== null) fields.push({ name: DELETED_FIELD, schema: { type: 'string', optional: true } });
      fields.push(...refs.map((x) => ({ name: x.r.newField, schema: x.schema! })));
      // SchemaUtil.copySchemaBasics: name, version, doc, parameters; a new builder is required (not optional)
      schema = { type: 'struct', optional: false, fields };
      if (base.name !== undefined) schema.name = base.name;
      if (base.version !== undefined) schema.version = base.version;
      if (base.doc !== undefined) schema.doc = base.doc;
      if (base.parameters !== undefined) schema.parameters = base.parameters;
      perEnvelope.set(cacheKey, schema);
    }
    const value: Record<string, unknown> = { ...baseValue };
    if (deleted !== null) value[DELETED_FIELD] = deleted;
    for (const x of refs) value[x.r.newField] = refValue(x.r, envelope, env);
    return { schema, value };
  };

  return (record) => {
    if (record.value === null || record.value === undefined) {
      // tombstone
      const keep = legacy ? !dropTombstones : mode === 'rewrite-with-tombstone';
      if (!keep) return null;
      const headers = [...record.headers];
      for (const h of addHeaders) if (h.struct === null && h.field === 'op') headers.push({ key: h.newField, value: Buffer.from('d') });
      return { ...record, headers };
    }
    const envelope = record.valueSchema;
    if (!envelope || envelope.type !== 'struct' || !envelope.name?.endsWith('.Envelope')) return record;
    const env = record.value as Record<string, unknown>;
    const headers = [...record.headers];
    for (const h of addHeaders) {
      if (refSchema(h, envelope)) headers.push({ key: h.newField, value: headerBytes(refValue(h, envelope, env)) });
    }
    const afterSchema = fieldOf(envelope, 'after')?.schema ?? null;
    const beforeSchema = fieldOf(envelope, 'before')?.schema ?? null;
    const after = (env.after ?? null) as Record<string, unknown> | null;
    const before = (env.before ?? null) as Record<string, unknown> | null;
    if (after === null && before === null) return null; // truncate
    let topic = record.topic;
    if (after === null) {
      if (routeByField && before && before[routeByField] != null) topic = String(before[routeByField]);
      if (legacy ? legacyDeletes === 'drop' : mode === 'drop') return null;
      if (rewrite) {
        const x = extend(beforeSchema!, before!, envelope, env, 'true');
        return { ...record, topic, headers, valueSchema: x.schema, value: x.value };
      }
      if (!legacy && mode === 'delete-to-tombstone') return { ...record, topic, headers, valueSchema: null, value: null };
      return { ...record, topic, headers, valueSchema: afterSchema, value: null };
    }
    if (routeByField && after[routeByField] != null) topic = String(after[routeByField]);
    const x = extend(afterSchema!, after, envelope, env, rewrite ? 'false' : null);
    return { ...record, topic, headers, valueSchema: x.schema, value: x.value };
  };
}
