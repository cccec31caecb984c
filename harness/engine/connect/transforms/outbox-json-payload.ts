// table.expand.json.payload of io.debezium.transforms.outbox.EventRouter: the payload string read as Jackson's
// ObjectMapper.readTree reads it (keys in document order, a repeated key keeping its first place and its last value;
// integers as int, long or BigInteger nodes, other numbers as doubles; what follows the first value is not read) and
// turned into a Connect schema and value as Debezium's outbox/JsonSchemaData.java does:
// - strings, booleans → optional string/boolean; int → optional int32, long → optional int64, other numbers →
//   optional float64; objects → optional structs named by their path (the payload field's name, then ".field");
// - null → no field, or optional bytes under table.json.payload.null.behavior=optional_bytes; an empty array → no field;
// - an array takes the schema of its first non-null element (all elements of one JSON type and, for numbers, one
//   width); an array of objects merges the element schemas (a field seen later is added; a bytes field gives way to
//   another type) into a required struct when they differ;
// - values are put as Connect's Struct.put checks them: a value of another type than its schema is an error.
import type { ConnectField, ConnectSchema } from '../connect-schema.ts';
import { copySchemaBasics } from './record-side.ts';
import { schemaKey } from './schema-lru-cache.ts';

export const JSON_PAYLOAD_NULL_BEHAVIORS = ['ignore', 'optional_bytes'] as const;
export type JsonPayloadNullBehavior = (typeof JSON_PAYLOAD_NULL_BEHAVIORS)[number];

/** A Jackson JsonNode */
export type JsonNode =
  | { kind: 'OBJECT'; fields: Map<string, JsonNode> }
  | { kind: 'ARRAY'; items: JsonNode[] }
  | { kind: 'STRING'; text: string }
  | { kind: 'BOOLEAN'; bool: boolean }
  | { kind: 'NULL' }
  | { kind: 'NUMBER'; raw: string; width: 'int' | 'long' | 'big' | 'double' };

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** ObjectMapper.readTree on text that starts with "{" or "[": the first JSON value; anything else is an Error. */
export function readTree(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    while (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t') i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${i}`);
  };
  const string = (): string => {
    STRING.lastIndex = i;
    const m = STRING.exec(text) ?? fail('invalid string');
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const value = (): JsonNode => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const fields = new Map<string, JsonNode>();
      ws();
      if (text[i] === '}') { i++; return { kind: 'OBJECT', fields }; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a field name');
        const k = string();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        fields.set(k, value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { kind: 'OBJECT', fields }; }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') { i++; return { kind: 'ARRAY', items }; }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return { kind: 'ARRAY', items }; }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return { kind: 'STRING', text: string() };
    for (const [word, node] of [['true', { kind: 'BOOLEAN', bool: true }], ['false', { kind: 'BOOLEAN', bool: false }], ['null', { kind: 'NULL' }]] as const) {
      if (text.startsWith(word, i) && !/[\w]/.test(text[i + word.length] ?? '')) { i += word.length; return node; }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text) ?? fail('unexpected character');
    if (/[\w.]/.test(text[i + m[0].length] ?? '')) fail('invalid number');
    i += m[0].length;
    if (m[1] !== undefined || m[2] !== undefined) return { kind: 'NUMBER', raw: m[0], width: 'double' };
    const n = BigInt(m[0]);
    const width = n >= -(2n ** 31n) && n < 2n ** 31n ? 'int' : n >= -(2n ** 63n) && n < 2n ** 63n ? 'long' : 'big';
    return { kind: 'NUMBER', raw: m[0], width };
  };
  return value();
}

/** org.apache.kafka.connect.errors.ConnectException / DataException raised while the payload is expanded */
export class JsonExpansionError extends Error {}

const optional = (type: ConnectSchema['type']): ConnectSchema => ({ type, optional: true });
const NUMBER_SCHEMAS = { int: optional('int32'), long: optional('int64'), big: optional('float64'), double: optional('float64') };
const isNullOrBlank = (s: string | null): boolean => s === null || s.trim() === '';

/** Jackson's asText for the messages */
const asText = (n: JsonNode): string => (n.kind === 'STRING' ? n.text : n.kind === 'NUMBER' ? n.raw : n.kind === 'BOOLEAN' ? String(n.bool) : n.kind === 'NULL' ? 'null' : '');
const show = (s: ConnectSchema): string => `Schema{${s.type.toUpperCase()}}`;

/**
 * `fieldName` is field.name.adjustment.mode's adjuster (FieldNameSelector.defaultNonRelationalSelector). As in
 * Debezium, the value of a renamed field is looked up under its new name, so it stays null.
 */
export function jsonSchemaData(nullBehavior: JsonPayloadNullBehavior, fieldName: (name: string) => string = (n) => n) {
  /** JsonSchemaData.toConnectSchema; null when the node adds no field */
  const toConnectSchema = (key: string | null, node: JsonNode): ConnectSchema | null => {
    switch (node.kind) {
      case 'STRING': return optional('string');
      case 'BOOLEAN': return optional('boolean');
      case 'NUMBER': return NUMBER_SCHEMAS[node.width];
      case 'ARRAY': return node.items.length === 0 ? null : { type: 'array', optional: true, items: arrayItems(key, node.items) };
      case 'OBJECT': {
        const fields: ConnectField[] = [];
        for (const [original, child] of node.fields) {
          const name = fieldName(original);
          const fieldSchema = toConnectSchema(`${isNullOrBlank(key) ? '' : `${key}.`}${name}`, child);
          if (fieldSchema !== null && !fields.some((f) => f.name === name)) fields.push({ name, schema: fieldSchema });
        }
        const out: ConnectSchema = { type: 'struct', optional: true };
        if (key !== null) out.name = key;
        out.fields = fields;
        return out;
      }
      case 'NULL': return nullBehavior === 'optional_bytes' ? optional('bytes') : null;
    }
  };

  /** JsonSchemaData.getFirstArrayElement */
  const firstElement = (items: JsonNode[]): JsonNode => {
    let ref: JsonNode = { kind: 'NULL' };
    for (const e of items) {
      if (e.kind === 'NULL') continue;
      if (ref.kind === 'NULL') ref = e;
      if (e.kind !== ref.kind) throw new JsonExpansionError(`Field is not a homogenous array (${asText(ref)} x ${e.kind}).`);
      if (ref.kind === 'NUMBER' && NUMBER_SCHEMAS[ref.width] !== NUMBER_SCHEMAS[(e as typeof ref).width]) {
        throw new JsonExpansionError(`Field is not a homogenous array (${asText(ref)} x ${asText(e)}), different number types (${show(NUMBER_SCHEMAS[ref.width])} x ${show(NUMBER_SCHEMAS[(e as typeof ref).width])})`);
      }
    }
    return ref;
  };

  /** JsonSchemaData.mergeSchema */
  const merge = (left: ConnectSchema | null, right: ConnectSchema): ConnectSchema => {
    if (left === null) return right;
    const fields = new Map<string, ConnectField>();
    for (const f of left.fields ?? []) fields.set(f.name, f);
    for (const f of right.fields ?? []) {
      const old = fields.get(f.name);
      if (!old) fields.set(f.name, f);
      else if (schemaKey(old.schema) !== schemaKey(f.schema) && old.schema.type === 'bytes' && f.schema.type !== 'bytes') fields.set(f.name, f);
    }
    return copySchemaBasics(left, [...fields.values()]);
  };

  /**
   * JsonSchemaData.toConnectSchemaWithCycles. Debezium merges the distinct element schemas in the order of a
   * java.util.HashSet, which follows ConnectSchema.hashCode and through it Schema.Type's identity hash, so it can
   * change from one JVM run to the next; here they merge in the order they first appear. The result differs only
   * when two elements give one field different types (the first merged wins).
   */
  const arrayItems = (key: string | null, items: JsonNode[]): ConnectSchema => {
    const sample = firstElement(items);
    if (sample.kind === 'OBJECT') {
      const distinct = new Map<string, ConnectSchema>();
      for (const e of items) {
        if (e.kind !== 'OBJECT') continue;
        const s = toConnectSchema(key, e)!;
        if (!distinct.has(schemaKey(s))) distinct.set(schemaKey(s), s);
      }
      let schema: ConnectSchema | null = null;
      for (const s of distinct.values()) schema = merge(schema, s);
      return schema!;
    }
    const schema = toConnectSchema(null, sample);
    if (schema === null) throw new JsonExpansionError(`Array '${asText({ kind: 'ARRAY', items })}' has unrecognized member schema.`);
    return schema;
  };

  /** ConnectSchema.validateValue for what getStructFieldValue made of `node` */
  const check = (field: string, schema: ConnectSchema, node: JsonNode): void => {
    if (node.kind === 'NULL') {
      if (!schema.optional) throw new JsonExpansionError(`Invalid value: null used for required field: "${field}", schema type: ${schema.type.toUpperCase()}`);
      return;
    }
    const expected = { STRING: 'string', BOOLEAN: 'boolean', ARRAY: 'array', OBJECT: 'struct', NUMBER: node.kind === 'NUMBER' ? { int: 'int32', long: 'int64', double: 'float64', big: 'BigDecimal' }[node.width] : '' }[node.kind];
    if (schema.type !== expected) throw new JsonExpansionError(`Invalid Java object for schema with type ${schema.type.toUpperCase()} for field: "${field}"`);
  };

  /** JsonSchemaData.getStructFieldValue, checked as Struct.put checks it */
  const fieldValue = (field: string, node: JsonNode, schema: ConnectSchema): unknown => {
    check(field, schema, node);
    switch (node.kind) {
      case 'STRING': return node.text;
      case 'BOOLEAN': return node.bool;
      case 'NUMBER': return node.width === 'long' ? BigInt(node.raw) : node.width === 'int' ? Number(BigInt(node.raw)) : Number(node.raw);
      case 'ARRAY': return node.items.map((e) => fieldValue(field, e, schema.items!));
      case 'OBJECT': return toStruct(node, schema);
      case 'NULL': return null;
    }
  };

  /** JsonSchemaData.jsonNodeToStructInternal: the schema's fields, null where the document has none */
  const toStruct = (node: JsonNode, schema: ConnectSchema | null): Record<string, unknown> => {
    if (schema === null || schema.type !== 'struct') throw new JsonExpansionError('Not a struct schema');
    const out: Record<string, unknown> = {};
    for (const f of schema.fields ?? []) {
      const child = node.kind === 'OBJECT' ? node.fields.get(f.name) : undefined;
      out[f.name] = child === undefined ? null : fieldValue(f.name, child, f.schema);
    }
    return out;
  };

  return { toConnectSchema, toConnectData: toStruct };
}
