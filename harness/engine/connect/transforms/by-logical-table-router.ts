// io.debezium.transforms.ByLogicalTableRouter (Debezium 3.2.7, debezium-core): sends the change events of several
// physical tables (shards) to one topic.
// - topic.regex must match the whole topic, which becomes topic.replacement (Matcher.replaceFirst); no match, or an
//   empty new topic, leaves the record as it is;
// - a non-null key must be a struct: its schema is copied (version, doc, parameters, optionality, fields; not its
//   default) under the name adjust(<new topic>.Key), plus, with key.enforce.uniqueness (default true), a required
//   string field key.field.name (default __dbz__physicalTableIdentifier) holding the old topic, or
//   key.field.regex/key.field.replacement applied to it when that regex matches it; a null key keeps neither schema;
// - a tombstone, or a value whose schema name does not end in ".Envelope" (heartbeats, schema changes), keeps its
//   value; otherwise the envelope schema is rebuilt under adjust(<new topic>.Envelope) with `before` and `after`
//   both of a copy of before's schema named adjust(<new topic>.Value), every other field as it was;
// - new key and envelope schemas are cached per old schema in LRU caches of logical.table.cache.size entries
//   (default 16), so the schema built first for an old schema is the one it keeps getting.
import { ConfigError } from '../../errors.ts';
import type { ConnectField, ConnectSchema } from '../connect-schema.ts';
import type { Transform } from './extract-new-record-state.ts';
import { matchesThenReplaceFirst } from './java-replace-first.ts';
import { boolOption, requireStruct, structGet, TransformDataError } from './record-side.ts';
import { schemaNameAdjuster } from './schema-name-adjuster.ts';
import { SchemaLruCache } from './schema-lru-cache.ts';

export const BY_LOGICAL_TABLE_ROUTER = 'io.debezium.transforms.ByLogicalTableRouter';
export const DEFAULT_KEY_FIELD_NAME = '__dbz__physicalTableIdentifier';

const isBlank = (v: unknown): boolean => v === undefined || v === null || String(v).trim() === '';
const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

/** Field.isRequired: a value that is not blank */
function required(options: Record<string, unknown>, name: string, prefix: string): string {
  if (isBlank(options[name])) throw new ConfigError(`${prefix}${name}`, 'A value is required');
  return String(options[name]);
}

/** ConfigDef.Type.INT (logical.table.cache.size, default 16) */
function intOption(options: Record<string, unknown>, name: string, def: number, prefix: string): number {
  const v = options[name];
  if (v === undefined || v === null) return def;
  const t = String(v).trim();
  if (!/^[+-]?\d+$/.test(t) || Number(t) > 2 ** 31 - 1 || Number(t) < -(2 ** 31)) throw new ConfigError(`${prefix}${name}`, `"${String(v)}" is not a 32-bit integer`);
  return Number(t);
}

/** ByLogicalTableRouter.copySchemaExcludingName: version, doc, parameters and optionality (not the default), fields when asked */
function copyExcludingName(source: ConnectSchema, name: string, fields: ConnectField[]): ConnectSchema {
  const out: ConnectSchema = { type: 'struct', optional: source.optional, name };
  if (source.version !== undefined) out.version = source.version;
  if (source.doc !== undefined) out.doc = source.doc;
  if (source.parameters !== undefined) out.parameters = { ...source.parameters };
  out.fields = fields;
  return out;
}

export function byLogicalTableRouter(options: Record<string, unknown>, prefix: string): Transform {
  const newTopicFor = matchesThenReplaceFirst(`${prefix}topic.regex`, required(options, 'topic.regex', prefix),
    `${prefix}topic.replacement`, required(options, 'topic.replacement', prefix));
  const keyFieldRegex = str(options['key.field.regex'])?.trim() ?? '';
  const keyFieldReplacement = str(options['key.field.replacement']);
  // validateKeyFieldReplacement
  if (keyFieldRegex !== '' && isBlank(keyFieldReplacement)) {
    throw new ConfigError(`${prefix}key.field.replacement`, 'key.field.replacement must be non-empty if key.field.regex is set.');
  }
  const identifierFor = keyFieldRegex === ''
    ? null
    : matchesThenReplaceFirst(`${prefix}key.field.regex`, String(options['key.field.regex']), `${prefix}key.field.replacement`, keyFieldReplacement!);
  const keyFieldName = str(options['key.field.name']) ?? DEFAULT_KEY_FIELD_NAME;
  const enforceUniqueness = boolOption(options, 'key.enforce.uniqueness', true, prefix);
  const cacheSize = intOption(options, 'logical.table.cache.size', 16, prefix);
  const adjust = schemaNameAdjuster(options['schema.name.adjustment.mode'], `${prefix}schema.name.adjustment.mode`);
  const keySchemas = new SchemaLruCache<ConnectSchema>(cacheSize);
  const envelopeSchemas = new SchemaLruCache<ConnectSchema>(cacheSize);

  const keySchemaFor = (old: ConnectSchema, newTopic: string): ConnectSchema => {
    let schema = keySchemas.get(old);
    if (!schema) {
      const fields = [...(old.fields ?? [])];
      // SchemaBuilder.field refuses a second field of the same name
      if (enforceUniqueness && fields.some((f) => f.name === keyFieldName)) throw new TransformDataError(`Cannot create field because of field name duplication ${keyFieldName}`);
      if (enforceUniqueness) fields.push({ name: keyFieldName, schema: { type: 'string', optional: false } });
      schema = copyExcludingName(old, adjust(`${newTopic}.Key`), fields);
      keySchemas.put(old, schema);
    }
    return schema;
  };

  const envelopeSchemaFor = (old: ConnectSchema, newTopic: string): ConnectSchema => {
    let schema = envelopeSchemas.get(old);
    if (!schema) {
      const before = old.fields?.find((f) => f.name === 'before');
      if (!before) throw new TypeError(`NullPointerException: the envelope schema ${old.name} has no "before" field`);
      const valueSchema = copyExcludingName(before.schema, adjust(`${newTopic}.Value`), [...(before.schema.fields ?? [])]);
      const fields = (old.fields ?? []).map((f) => (f.name === 'before' || f.name === 'after' ? { name: f.name, schema: valueSchema } : f));
      schema = copyExcludingName(old, adjust(`${newTopic}.Envelope`), fields);
      envelopeSchemas.put(old, schema);
    }
    return schema;
  };

  return (record) => {
    const oldTopic = record.topic;
    const newTopic = newTopicFor(oldTopic);
    // no match; an empty topic is logged ("Routing regex returned an empty topic name") and the record kept
    if (newTopic === null || newTopic === '') return record;
    let keySchema: ConnectSchema | null = null;
    let key: Record<string, unknown> | null = null;
    // a table without a primary key has a null key
    if (record.key !== null && record.key !== undefined) {
      const oldKey = requireStruct(record.keySchema, record.key, 'Updating schema');
      keySchema = keySchemaFor(record.keySchema!, newTopic);
      key = {};
      // Struct.get: a null field reads as its schema's default
      for (const f of record.keySchema!.fields ?? []) key[f.name] = structGet(f, oldKey, true);
      if (enforceUniqueness) key[keyFieldName] = (identifierFor && identifierFor(oldTopic)) ?? oldTopic;
    }
    const vs = record.valueSchema;
    // SmtManager.isValidEnvelope; tombstones and other records keep their value
    if (record.value === null || record.value === undefined || !vs?.name?.endsWith('.Envelope')) {
      return { ...record, topic: newTopic, keySchema, key };
    }
    const oldEnvelope = requireStruct(vs, record.value, 'Updating schema');
    const valueSchema = envelopeSchemaFor(vs, newTopic);
    const value: Record<string, unknown> = {};
    for (const f of vs.fields ?? []) {
      const v = structGet(f, oldEnvelope, true);
      if ((f.name === 'before' || f.name === 'after') && v !== null) {
        const row = requireStruct(f.schema, v, 'Updating schema');
        value[f.name] = Object.fromEntries((f.schema.fields ?? []).map((x) => [x.name, structGet(x, row, true)]));
      } else value[f.name] = v;
    }
    return { ...record, topic: newTopic, keySchema, key, valueSchema, value };
  };
}
