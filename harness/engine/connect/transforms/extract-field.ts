// org.apache.kafka.connect.transforms.ExtractField$Key / $Value (Kafka 3.9, field.syntax.version V1: `field` is
// one top-level name): the key or value becomes that field, its schema the field's schema. A null struct gives a
// null value with the field's schema; a field the schema lacks is "Unknown field: …". Schemaless: the map's entry.
import { ConfigError } from '../../errors.ts';
import type { Transform } from './extract-new-record-state.ts';
import { boolOption, newRecord, operatingSchema, operatingValue, requireMap, requireStruct, requiredOption, structGet, TransformDataError, type Side } from './record-side.ts';

export const EXTRACT_FIELD = 'org.apache.kafka.connect.transforms.ExtractField';
const PURPOSE = 'field extraction';

export function extractField(side: Side) {
  return (options: Record<string, unknown>, prefix: string): Transform => {
    const name = requiredOption(options, 'field', prefix);
    const syntax = String(options['field.syntax.version'] ?? 'V1').toUpperCase();
    if (syntax !== 'V1') throw new ConfigError(`${prefix}field.syntax.version`, 'only V1 (top-level field names, the default) is implemented by this engine', ['V1']);
    const replaceNull = boolOption(options, 'replace.null.with.default', true, prefix);
    return (record) => {
      const schema = operatingSchema(record, side);
      const value = operatingValue(record, side);
      if (schema === null) {
        if (value === null || value === undefined) return newRecord(record, side, null, null);
        return newRecord(record, side, null, requireMap(value, PURPOSE)[name] ?? null);
      }
      const field = schema.fields?.find((f) => f.name === name);
      if (!field) throw new TransformDataError(`Unknown field: ${name}`);
      if (value === null || value === undefined) return newRecord(record, side, field.schema, null);
      return newRecord(record, side, field.schema, structGet(field, requireStruct(schema, value, PURPOSE), replaceNull));
    };
  };
}
