// org.apache.kafka.connect.transforms.SetSchemaMetadata$Key / $Value (Kafka 3.9): the key/value schema gets
// `schema.name` and/or `schema.version` (at least one), everything else kept; a struct is copied onto the new schema,
// its null fields taking their defaults unless replace.null.with.default=false. Schemaless data with a value is a
// DataException; a null value with no schema passes unchanged.
import { ConfigError } from '../../errors.ts';
import type { Transform } from './extract-new-record-state.ts';
import { isStructLike } from './java-values.ts';
import { boolOption, newRecord, operatingSchema, operatingValue, structGet, TransformDataError, type Side } from './record-side.ts';

export const SET_SCHEMA_METADATA = 'org.apache.kafka.connect.transforms.SetSchemaMetadata';

/** ConfigDef.Type.INT */
function intOption(options: Record<string, unknown>, name: string, prefix: string): number | null {
  const v = options[name];
  if (v === undefined || v === null) return null;
  const t = String(v).trim();
  if (!/^[+-]?\d+$/.test(t) || Number(t) < -(2 ** 31) || Number(t) > 2 ** 31 - 1) {
    throw new ConfigError(`${prefix}${name}`, `Invalid value ${String(v)} for configuration ${name}: Not a number of type INT`);
  }
  return Number(t);
}

export function setSchemaMetadata(side: Side) {
  return (options: Record<string, unknown>, prefix: string): Transform => {
    const name = options['schema.name'] === undefined || options['schema.name'] === null ? null : String(options['schema.name']).trim();
    const version = intOption(options, 'schema.version', prefix);
    const replaceNull = boolOption(options, 'replace.null.with.default', true, prefix);
    if (name === null && version === null) throw new ConfigError(`${prefix}schema.name`, 'Neither schema name nor version configured');
    return (record) => {
      const value = operatingValue(record, side);
      const schema = operatingSchema(record, side);
      if ((value === null || value === undefined) && schema === null) return record;
      if (schema === null) throw new TransformDataError('Schema required for [updating schema metadata]');
      // Kafka 3.9 builds the new ConnectSchema with schema.fields(), which throws for anything but a struct
      if (schema.type !== 'struct') throw new TransformDataError('Cannot list fields on non-struct type');
      const updated = { ...schema };
      if (name !== null) updated.name = name;
      if (version !== null) updated.version = version;
      if (!isStructLike(value)) return newRecord(record, side, updated, value);
      const out: Record<string, unknown> = {};
      for (const f of schema.fields ?? []) out[f.name] = structGet(f, value, replaceNull);
      return newRecord(record, side, updated, out);
    };
  };
}
