// org.apache.kafka.connect.transforms.InsertField$Key / $Value (Kafka 3.9): adds the record's topic, partition,
// offset (sink records only), timestamp, and a static value as fields. `<name>!` makes a field required, `<name>?`
// or a bare name optional. With a schema the struct is SchemaUtil.copySchemaBasics of the old one (not optional)
// with the new fields last; a null value (a tombstone) passes unchanged.
import type { ConnectField, ConnectSchema } from '../connect-schema.ts';
import type { ConnectRecord } from '../connect-record.ts';
import type { Transform } from './extract-new-record-state.ts';
import { boolOption, copySchemaBasics, newRecord, operatingSchema, operatingValue, requireMap, requireStruct, structGet, TransformDataError, type Side } from './record-side.ts';

export const INSERT_FIELD = 'org.apache.kafka.connect.transforms.InsertField';
const PURPOSE = 'field insertion';
const TIMESTAMP = 'org.apache.kafka.connect.data.Timestamp';

interface InsertionSpec { name: string; optional: boolean }
function spec(v: unknown): InsertionSpec | null {
  if (v === undefined || v === null || String(v).trim() === '') return null;
  const t = String(v).trim();
  if (t.endsWith('!')) return { name: t.slice(0, -1), optional: false };
  if (t.endsWith('?')) return { name: t.slice(0, -1), optional: true };
  return { name: t, optional: true };
}

export function insertField(side: Side) {
  return (options: Record<string, unknown>, prefix: string): Transform => {
    const topic = spec(options['topic.field']);
    const partition = spec(options['partition.field']);
    const offset = spec(options['offset.field']);
    const timestamp = spec(options['timestamp.field']);
    const stat = spec(options['static.field']);
    const staticValue = options['static.value'] === undefined || options['static.value'] === null ? null : String(options['static.value']);
    boolOption(options, 'replace.null.with.default', true, prefix);
    const added = (r: ConnectRecord): [InsertionSpec, ConnectSchema, unknown][] => {
      const out: [InsertionSpec, ConnectSchema, unknown][] = [];
      if (topic) out.push([topic, { type: 'string', optional: topic.optional }, r.topic]);
      if (partition) out.push([partition, { type: 'int32', optional: partition.optional }, r.partition]);
      if (offset) {
        if (!('offset' in r)) throw new TransformDataError('Offset insertion is only supported for sink connectors, record is of type: class org.apache.kafka.connect.source.SourceRecord');
        out.push([offset, { type: 'int64', optional: offset.optional }, BigInt((r as ConnectRecord & { offset: string }).offset)]);
      }
      if (timestamp) {
        const ts = 'timestamp' in r ? (r as ConnectRecord & { timestamp: number | null }).timestamp : null;
        out.push([timestamp, { type: 'int64', optional: timestamp.optional, name: TIMESTAMP, version: 1 }, ts === null || ts === undefined ? null : BigInt(ts)]);
      }
      if (stat) out.push([stat, { type: 'string', optional: stat.optional }, staticValue]);
      return out;
    };
    return (record) => {
      const value = operatingValue(record, side);
      if (value === null || value === undefined) return record;
      const schema = operatingSchema(record, side);
      const extra = added(record);
      if (schema === null) {
        const out: Record<string, unknown> = { ...requireMap(value, PURPOSE) };
        for (const [s, , v] of extra) out[s.name] = typeof v === 'bigint' ? Number(v) : v;
        return newRecord(record, side, null, out);
      }
      const struct = requireStruct(schema, value, PURPOSE);
      const fields: ConnectField[] = [...(schema.fields ?? []), ...extra.map(([s, fs]) => ({ name: s.name, schema: fs }))];
      const out: Record<string, unknown> = {};
      for (const f of schema.fields ?? []) out[f.name] = structGet(f, struct, true);
      for (const [s, fs, v] of extra) {
        if ((v === null || v === undefined) && !fs.optional) throw new TransformDataError(`Invalid value: null used for required field: "${s.name}", schema type: ${fs.type.toUpperCase()}`);
        out[s.name] = v ?? null;
      }
      return newRecord(record, side, copySchemaBasics(schema, fields), out);
    };
  };
}
