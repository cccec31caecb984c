// org.apache.kafka.connect.transforms.Flatten$Key / $Value (Kafka 3.9): nested structs (schemaless: maps) become
// top-level fields named by their path joined with `delimiter` (default "."); arrays and primitives stay as they
// are, a map in a struct is a DataException. A flattened field is optional when it or any enclosing struct is, and
// takes its own default or else the one in its enclosing struct's default. A null value passes unchanged; a null
// nested struct leaves its fields null (or its default's values).
import type { ConnectField, ConnectSchema } from '../connect-schema.ts';
import type { Transform } from './extract-new-record-state.ts';
import { isStructLike, javaClass, requireStructValue, schemalessType, schemaUpdateCache } from './java-values.ts';
import { copySchemaBasics, newRecord, operatingSchema, operatingValue, requireMap, structGet, TransformDataError, type Side } from './record-side.ts';

export const FLATTEN = 'org.apache.kafka.connect.transforms.Flatten';
const PURPOSE = 'flattening';

export function flatten(side: Side) {
  return (options: Record<string, unknown>): Transform => {
    // ConfigDef.Type.STRING, trimmed (a blank delimiter is an empty one)
    const delimiter = options.delimiter === undefined || options.delimiter === null ? '.' : String(options.delimiter).trim();
    const name = (prefix: string, field: string) => (prefix === '' ? field : `${prefix}${delimiter}${field}`);
    const unsupported = (type: string, field: string) => new TransformDataError(`Flatten transformation does not support ${type.toUpperCase()} for record with schemas (for field ${field}).`);

    const flattenMap = (map: Record<string, unknown>, prefix: string, out: Record<string, unknown>): void => {
      for (const [k, v] of Object.entries(map)) {
        const field = name(prefix, k);
        if (v === null || v === undefined) { out[field] = null; continue; }
        const type = schemalessType(v);
        if (type === null) throw new TransformDataError(`Flatten transformation was passed a value of type ${javaClass(v)} which is not supported by Connect's data API`);
        if (type === 'map') flattenMap(requireMap(v, PURPOSE), field, out);
        else out[field] = v;
      }
    };

    /** Flatten.buildUpdatedSchema; SchemaBuilder.field refuses a name twice */
    const buildSchema = (schema: ConnectSchema, prefix: string, fields: ConnectField[], optional: boolean, parentDefault: Record<string, unknown> | null): void => {
      for (const f of schema.fields ?? []) {
        const field = name(prefix, f.name);
        const fieldOptional = optional || f.schema.optional;
        let def: unknown = null;
        if (f.schema.default !== undefined && f.schema.default !== null) def = f.schema.default;
        else if (parentDefault !== null) def = structGet(f, parentDefault, true);
        if (f.schema.type === 'map') throw unsupported('map', field);
        if (f.schema.type === 'struct') {
          buildSchema(f.schema, field, fields, fieldOptional, (def ?? null) as Record<string, unknown> | null);
          continue;
        }
        if (fields.some((x) => x.name === field)) throw new TransformDataError(`Cannot create field because of field name duplication ${field}`);
        // SchemaUtil.copySchemaBasics(orig): type (array items), name, version, doc, parameters
        const s: ConnectSchema = { type: f.schema.type, optional: fieldOptional };
        if (f.schema.items !== undefined) s.items = f.schema.items;
        for (const k of ['name', 'version', 'doc'] as const) if (f.schema[k] !== undefined) (s as unknown as Record<string, unknown>)[k] = f.schema[k];
        if (f.schema.parameters !== undefined) s.parameters = { ...f.schema.parameters };
        if (def !== null && def !== undefined) s.default = def;
        fields.push({ name: field, schema: s });
      }
    };
    const flattenStruct = (struct: Record<string, unknown> | null, schema: ConnectSchema, prefix: string, out: Record<string, unknown>): void => {
      if (struct === null) return;
      for (const f of schema.fields ?? []) {
        const field = name(prefix, f.name);
        if (f.schema.type === 'map') throw unsupported('map', field);
        const v = structGet(f, struct, true);
        if (f.schema.type === 'struct') flattenStruct(isStructLike(v) ? v : null, f.schema, field, out);
        else out[field] = v;
      }
    };

    const updated = schemaUpdateCache((schema) => {
      const fields: ConnectField[] = [];
      buildSchema(schema, '', fields, schema.optional, (schema.default ?? null) as Record<string, unknown> | null);
      return copySchemaBasics(schema, fields);
    });

    return (record) => {
      const value = operatingValue(record, side);
      if (value === null || value === undefined) return record;
      const schema = operatingSchema(record, side);
      if (schema === null) {
        const out: Record<string, unknown> = {};
        flattenMap(requireMap(value, PURPOSE), '', out);
        return newRecord(record, side, null, out);
      }
      const struct = requireStructValue(schema, value, PURPOSE);
      const newSchema = updated(schema);
      const out: Record<string, unknown> = Object.fromEntries((newSchema.fields ?? []).map((f) => [f.name, null]));
      flattenStruct(struct, schema, '', out);
      return newRecord(record, side, newSchema, out);
    };
  };
}
