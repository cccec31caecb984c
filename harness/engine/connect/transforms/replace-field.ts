// org.apache.kafka.connect.transforms.ReplaceField$Key / $Value (Kafka 3.9): keep the fields `include` lists
// (all when empty) minus `exclude`, renamed by `renames` (old:new,…); the deprecated whitelist / blacklist are read
// as include / exclude. With a schema the new struct schema is SchemaUtil.copySchemaBasics of the old one (name,
// version, doc, parameters: not optional), each kept field's schema unchanged; a null value passes unchanged.
import { ConfigError } from '../../errors.ts';
import type { ConnectField } from '../connect-schema.ts';
import type { Transform } from './extract-new-record-state.ts';
import { boolOption, copySchemaBasics, listOption, newRecord, operatingSchema, operatingValue, requireMap, requireStruct, structGet, type Side } from './record-side.ts';

export const REPLACE_FIELD = 'org.apache.kafka.connect.transforms.ReplaceField';
const PURPOSE = 'field replacement';

export function replaceField(side: Side) {
  return (options: Record<string, unknown>, prefix: string): Transform => {
    const exclude = new Set(listOption(options.exclude ?? options.blacklist));
    const include = new Set(listOption(options.include ?? options.whitelist));
    const renames = new Map<string, string>();
    for (const mapping of listOption(options.renames)) {
      const parts = mapping.split(':');
      if (parts.length !== 2) throw new ConfigError(`${prefix}renames`, `Invalid rename mapping: ${mapping}`);
      renames.set(parts[0]!, parts[1]!);
    }
    const replaceNull = boolOption(options, 'replace.null.with.default', true, prefix);
    const keep = (name: string) => !exclude.has(name) && (include.size === 0 || include.has(name));
    const renamed = (name: string) => renames.get(name) ?? name;
    return (record) => {
      const value = operatingValue(record, side);
      if (value === null || value === undefined) return record;
      const schema = operatingSchema(record, side);
      if (schema === null) {
        const map = requireMap(value, PURPOSE);
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(map)) if (keep(k)) out[renamed(k)] = v;
        return newRecord(record, side, null, out);
      }
      const struct = requireStruct(schema, value, PURPOSE);
      const kept = (schema.fields ?? []).filter((f) => keep(f.name));
      const fields: ConnectField[] = kept.map((f) => ({ name: renamed(f.name), schema: f.schema }));
      const out: Record<string, unknown> = {};
      for (const f of kept) out[renamed(f.name)] = structGet(f, struct, replaceNull);
      return newRecord(record, side, copySchemaBasics(schema, fields), out);
    };
  };
}
