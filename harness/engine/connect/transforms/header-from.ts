// org.apache.kafka.connect.transforms.HeaderFrom$Key / $Value (Kafka 3.9): each of `fields` (top-level) is added as
// the header at the same position in `headers`, after the record's own headers; operation `move` also removes the
// fields (the struct schema then SchemaUtil.copySchemaBasics of the old one, not optional), `copy` keeps the key/value
// as it is. Header values are what the default SimpleHeaderConverter writes (Values.convertToString; null stays
// null). A null key/value is a DataException, as in Kafka; so is a field missing from a struct schema (Kafka: a
// NullPointerException).
import { ConfigError } from '../../errors.ts';
import type { RecordHeader } from '../connect-record.ts';
import { headerString } from '../header-format.ts';
import { javaDoubleToString } from '../java-format.ts';
import type { Transform } from './extract-new-record-state.ts';
import { isStructLike, requireStructValue } from './java-values.ts';
import { boolOption, copySchemaBasics, newRecord, operatingSchema, operatingValue, requireMap, structGet, TransformDataError, type Side } from './record-side.ts';
import { javaDateString } from './simple-date-format.ts';

export const HEADER_FROM = 'org.apache.kafka.connect.transforms.HeaderFrom';

const quote = (v: string): string => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Values.append for a schemaless value (Long, Double, String, byte[], List, Map, java.util.Date). */
function schemalessString(v: unknown, embedded: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : javaDoubleToString(v);
  if (typeof v === 'string') return embedded ? quote(v) : v;
  if (Buffer.isBuffer(v)) return embedded ? `"${v.toString('base64')}"` : v.toString('base64');
  if (Array.isArray(v)) return `[${v.map((x) => schemalessString(x, true)).join(',')}]`;
  if (v instanceof Date) return javaDateString(v.getTime());
  if (isStructLike(v)) return `{${Object.entries(v).map(([k, x]) => `${quote(k)}:${schemalessString(x, true)}`).join(',')}}`;
  return String(v);
}

/** ConfigDef.Type.LIST with NonEmptyListValidator */
function nonEmptyList(options: Record<string, unknown>, name: string, prefix: string): string[] {
  const v = options[name];
  if (v === undefined || v === null) throw new ConfigError(`${prefix}${name}`, `Missing required configuration "${name}" which has no default value.`);
  const t = String(v).trim();
  if (t === '') throw new ConfigError(`${prefix}${name}`, `Invalid value [] for configuration ${name}: Empty list`);
  return t.split(/\s*,\s*/);
}

export function headerFrom(side: Side) {
  return (options: Record<string, unknown>, prefix: string): Transform => {
    const fields = nonEmptyList(options, 'fields', prefix);
    const headers = nonEmptyList(options, 'headers', prefix);
    const op = options.operation === undefined || options.operation === null ? undefined : String(options.operation).trim();
    if (op === undefined) throw new ConfigError(`${prefix}operation`, 'Missing required configuration "operation" which has no default value.');
    if (op !== 'move' && op !== 'copy') throw new ConfigError(`${prefix}operation`, `Invalid value ${op} for configuration operation: String must be one of: move, copy`);
    const replaceNull = boolOption(options, 'replace.null.with.default', true, prefix);
    if (headers.length !== fields.length) throw new ConfigError(`${prefix}headers`, "'fields' config must have the same number of elements as 'headers' config.");
    const purpose = `header ${op}`;
    const header = (key: string, text: string | null): RecordHeader => ({ key, value: text === null ? null : Buffer.from(text, 'utf8') });

    return (record) => {
      const value = operatingValue(record, side);
      const schema = operatingSchema(record, side);
      if (schema === null) {
        const map = requireMap(value, purpose);
        const out: Record<string, unknown> = { ...map };
        const added = fields.map((f, i) => {
          if (op === 'move') delete out[f];
          const v = map[f];
          return header(headers[i]!, v === null || v === undefined ? null : schemalessString(v, false));
        });
        return { ...newRecord(record, side, null, out), headers: [...record.headers, ...added] };
      }
      const struct = requireStructValue(schema, value, purpose);
      const added = fields.map((f, i) => {
        const field = schema.fields?.find((x) => x.name === f);
        if (field === undefined) throw new TransformDataError(`HeaderFrom: field "${f}" is not in the ${side} schema (Kafka 3.9 fails with a NullPointerException)`);
        const v = structGet(field, struct, replaceNull);
        return header(headers[i]!, v === null ? null : headerString(field.schema, v));
      });
      let out = newRecord(record, side, schema, struct);
      if (op === 'move') {
        const kept = (schema.fields ?? []).filter((x) => !fields.includes(x.name));
        out = newRecord(record, side, copySchemaBasics(schema, kept), Object.fromEntries(kept.map((x) => [x.name, structGet(x, struct, replaceNull)])));
      }
      return { ...out, headers: [...record.headers, ...added] };
    };
  };
}
