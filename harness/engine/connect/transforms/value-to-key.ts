// org.apache.kafka.connect.transforms.ValueToKey (Kafka 3.9): the key becomes a struct (or map) of the value's
// `fields`. With a schema the key schema is an unnamed required struct of those fields' schemas; a field the value
// schema lacks is a DataException ("Field does not exist: …"), and so is a null value (a tombstone): put a
// RecordIsTombstone predicate with negate on it to leave tombstones alone.
import type { ConnectField } from '../connect-schema.ts';
import type { Transform } from './extract-new-record-state.ts';
import { boolOption, listOption, requireMap, requireStruct, structGet, TransformDataError } from './record-side.ts';
import { ConfigError } from '../../errors.ts';

export const VALUE_TO_KEY = 'org.apache.kafka.connect.transforms.ValueToKey';
const PURPOSE = 'copying fields from value to key';

export function valueToKey(options: Record<string, unknown>, prefix: string): Transform {
  const names = listOption(options.fields);
  if (names.length === 0) throw new ConfigError(`${prefix}fields`, 'Missing required configuration "fields" which has no default value (at least one field).');
  const replaceNull = boolOption(options, 'replace.null.with.default', true, prefix);
  return (record) => {
    if (record.valueSchema === null) {
      const map = requireMap(record.value, PURPOSE);
      const key: Record<string, unknown> = {};
      for (const n of names) key[n] = map[n] ?? null;
      return { ...record, keySchema: null, key };
    }
    const struct = requireStruct(record.valueSchema, record.value, PURPOSE);
    const fields: ConnectField[] = names.map((n) => {
      const f = record.valueSchema!.fields?.find((x) => x.name === n);
      if (!f) throw new TransformDataError(`Field does not exist: ${n}`);
      return f;
    });
    const key: Record<string, unknown> = {};
    for (const f of fields) key[f.name] = structGet(f, struct, replaceNull);
    return { ...record, keySchema: { type: 'struct', optional: false, fields: fields.map((f) => ({ name: f.name, schema: f.schema })) }, key };
  };
}
