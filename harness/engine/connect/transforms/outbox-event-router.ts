// io.debezium.transforms.outbox.EventRouter (Debezium 3.2.7, debezium-core: EventRouter, EventRouterDelegate,
// EventRouterConfigDefinition, AdditionalFieldsValidator): the outbox pattern on Debezium change events.
// - a tombstone is dropped; a record that is not an envelope (heartbeats, schema changes) passes unchanged;
// - op "d" is dropped; op "u" is dropped after a log line (table.op.invalid.behavior warn|error, default warn) or
//   fails the task (fatal); every other op (c, r) becomes an event built from `after`:
//   topic       route.topic.regex (default "(?<routedByValue>.*)") + route.topic.replacement (default
//               "outbox.event.${routedByValue}") applied (Kafka's RegexRouter) to the string column route.by.field
//               (default aggregatetype);
//   key         the column table.field.event.key (default aggregateid) with its schema;
//   value       the column table.field.event.payload (default payload) as it is, or, when
//               table.fields.additional.placement puts a column in the envelope, a struct {payload, <alias>…} named
//               <after schema's namespace>.<routed-by value>.<after schema's last name part>; with
//               table.field.event.schema.version, that struct carries the int32 column's value as its version;
//               a null or blank payload is a tombstone (null value and schema) under route.tombstone.on.empty.payload;
//   headers     "id" (table.field.event.id, default id) plus the header placements; a partition placement sets the
//               record's partition from an int32 column;
//   timestamp   the envelope's ts_ms, or the table.field.event.timestamp column (io.debezium.time.Timestamp,
//               MicroTimestamp or NanoTimestamp; null falls back to ts_ms), in milliseconds;
// - table.expand.json.payload turns a payload string starting with "{" or "[" into a struct (outbox-json-payload.ts);
//   text that cannot be read is left as it is (Debezium logs "JSON expansion failed");
// - the value schema is cached per payload schema (LRU, 10000) and, with a schema version column, per version for
//   the life of the task, so the schema built first for either is the one later events get (as in Debezium).
// - field.name.adjustment.mode (none|avro|avro_unicode) renames the expanded payload's fields; as in Debezium, a
//   renamed field's value is then looked up under the new name and stays null.
// table.field.event.type is read and has no effect in Debezium 3.2.7 either. Refused by name: tracing.* (the
// OpenTelemetry span, not implemented) and debezium.op.invalid.behavior (removed in Debezium 2.0, DBZ-5045; use
// table.op.invalid.behavior).
import { ConfigError } from '../../errors.ts';
import { LOGICAL, type ConnectField, type ConnectSchema } from '../connect-schema.ts';
import { headerString } from '../header-format.ts';
import type { RecordHeader } from '../connect-record.ts';
import type { Transform } from './extract-new-record-state.ts';
import { matchesThenReplaceFirst } from './java-replace-first.ts';
import { jsonSchemaData, JSON_PAYLOAD_NULL_BEHAVIORS, readTree, type JsonPayloadNullBehavior } from './outbox-json-payload.ts';
import { boolOption, requireStruct, structGet, TransformDataError } from './record-side.ts';
import { fieldNameAdjuster } from './schema-name-adjuster.ts';
import { SchemaLruCache, schemaKey } from './schema-lru-cache.ts';

export const OUTBOX_EVENT_ROUTER = 'io.debezium.transforms.outbox.EventRouter';
export const INVALID_OPERATION_BEHAVIORS = ['warn', 'error', 'fatal'] as const;
const PLACEMENTS = ['header', 'envelope', 'partition'] as const;
type Placement = (typeof PLACEMENTS)[number];
interface AdditionalField { placement: Placement; field: string; alias: string }

/** org.apache.kafka.connect.errors.ConnectException / java.lang.IllegalStateException raised by the router */
export class OutboxRouterError extends Error {
  constructor(name: 'ConnectException' | 'IllegalStateException', message: string) {
    super(message);
    this.name = name;
  }
}

const REFUSED: Record<string, string> = {
  'tracing.span.context.field': 'OpenTelemetry tracing (ActivateTracingSpan) is not implemented by this engine',
  'tracing.operation.name': 'OpenTelemetry tracing (ActivateTracingSpan) is not implemented by this engine',
  'tracing.with.context.field.only': 'OpenTelemetry tracing (ActivateTracingSpan) is not implemented by this engine',
  'debezium.op.invalid.behavior': 'removed in Debezium 2.0 (DBZ-5045) and ignored by Debezium 3.2.7; use table.op.invalid.behavior',
};

/** String.split with a literal separator: trailing empty strings dropped, "" gives [""] */
function javaSplit(s: string, sep: string): string[] {
  if (s === '') return [''];
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** String.trim: characters up to U+0020 */
const javaTrim = (s: string): string => s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');

/** An EnumeratedValue option: trimmed, any case */
function enumOption<T extends string>(options: Record<string, unknown>, name: string, allowed: readonly T[], def: T, prefix: string): T {
  const v = options[name];
  if (v === undefined || v === null) return def;
  const t = String(v).trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(t)) throw new ConfigError(`${prefix}${name}`, `Value must be one of ${allowed.join(', ')}`, [...allowed]);
  return t as T;
}

/** AdditionalFieldsValidator.isListOfStringPairs + EventRouterConfigDefinition.parseAdditionalFieldsConfig */
function additionalFields(options: Record<string, unknown>, prefix: string): AdditionalField[] {
  const key = `${prefix}table.fields.additional.placement`;
  const v = options['table.fields.additional.placement'];
  if (v === undefined || v === null) return [];
  const list = javaSplit(String(v), ',');
  const out = list.map((mapping): AdditionalField => {
    const parts = javaSplit(mapping, ':');
    if (parts.length !== 2 && parts.length !== 3) {
      throw new ConfigError(key, `A comma-separated list of valid String pairs or trios is expected but got: [${list.join(', ')}]`);
    }
    const field = parts[0]!.trim();
    const placement = parts[1]!.trim().toLowerCase();
    // Debezium takes an unknown placement here and fails on the first event with a NullPointerException
    if (!(PLACEMENTS as readonly string[]).includes(placement)) throw new ConfigError(key, `unknown placement "${parts[1]!.trim()}" for ${field}`, [...PLACEMENTS]);
    return { placement: placement as Placement, field, alias: parts.length === 3 ? parts[2]!.trim() : field };
  });
  // Debezium's SchemaBuilder fails on the first event when two envelope fields share a name
  const names = ['payload'];
  for (const f of out.filter((x) => x.placement === 'envelope')) {
    if (names.includes(f.alias)) throw new ConfigError(key, `Cannot create field because of field name duplication ${f.alias}`);
    names.push(f.alias);
  }
  return out;
}

const fieldOf = (schema: ConnectSchema, name: string): ConnectField | undefined => schema.fields?.find((f) => f.name === name);

/** Struct.lookupField */
function lookup(schema: ConnectSchema, name: string): ConnectField {
  const f = fieldOf(schema, name);
  if (!f) throw new TransformDataError(`${name} is not a valid field name`);
  return f;
}
/** Struct.get(name): a null reads as the field's default */
const get = (schema: ConnectSchema, struct: Record<string, unknown>, name: string): unknown => structGet(lookup(schema, name), struct, true);
/** Struct.getString / getInt32 / getInt64: the raw value of a field of that type */
function getTyped(schema: ConnectSchema, struct: Record<string, unknown>, name: string, type: 'string' | 'int32' | 'int64'): unknown {
  if (lookup(schema, name).schema.type !== type) throw new TransformDataError(`Field '${name}' is not of type ${type.toUpperCase()}`);
  return struct[name] ?? null;
}

/** Struct.put's ConnectSchema.validateValue, as far as the value's JavaScript form tells its Java class */
function checkPut(name: string, target: ConnectSchema, value: unknown, valueSchema: ConnectSchema | null): void {
  if (value === null || value === undefined) {
    if (!target.optional && target.default === undefined) throw new TransformDataError(`Invalid value: null used for required field: "${name}", schema type: ${target.type.toUpperCase()}`);
    return;
  }
  const ok = typeof value === 'string' ? target.type === 'string'
    : typeof value === 'boolean' ? target.type === 'boolean'
      : typeof value === 'bigint' ? target.type === 'int64'
        : typeof value === 'number' ? ['int8', 'int16', 'int32', 'float32', 'float64'].includes(target.type)
          : Buffer.isBuffer(value) ? target.type === 'bytes'
            : Array.isArray(value) ? target.type === 'array'
              : target.type === 'struct' || target.type === 'map';
  if (!ok) throw new TransformDataError(`Invalid Java object for schema with type ${target.type.toUpperCase()} for field: "${name}"`);
  if (target.type === 'struct' && valueSchema !== null && schemaKey(valueSchema) !== schemaKey(target)) throw new TransformDataError('Struct schemas do not match.');
}

/** Struct.toString for the fatal message: the non-null fields */
function keyText(key: unknown): string {
  if (key === null || key === undefined) return 'null';
  if (typeof key !== 'object' || Buffer.isBuffer(key)) return String(key);
  return `Struct{${Object.entries(key as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}=${String(v)}`).join(',')}}`;
}

function headerValue(schema: ConnectSchema, value: unknown): Buffer | null {
  return value === null || value === undefined ? null : Buffer.from(headerString(schema, value));
}

/** EventRouterDelegate.getSchemaName: the routed-by value before the last part of the after schema's name */
function valueSchemaName(eventSchema: ConnectSchema, routedBy: string): string {
  const original = eventSchema.name;
  if (original === undefined) return routedBy;
  const lastDot = original.lastIndexOf('.');
  return lastDot === -1 ? `${routedBy}.${original}` : `${original.slice(0, lastDot + 1)}${routedBy}.${original.slice(lastDot + 1)}`;
}

export function outboxEventRouter(options: Record<string, unknown>, prefix: string): Transform {
  for (const [k, reason] of Object.entries(REFUSED)) {
    if (options[k] !== undefined) throw new ConfigError(`${prefix}${k}`, reason);
  }
  const str = (name: string, def: string | null): string | null => (options[name] === undefined || options[name] === null ? def : String(options[name]));
  const invalidOp = enumOption(options, 'table.op.invalid.behavior', INVALID_OPERATION_BEHAVIORS, 'warn', prefix);
  const nullBehavior = enumOption<JsonPayloadNullBehavior>(options, 'table.json.payload.null.behavior', JSON_PAYLOAD_NULL_BEHAVIORS, 'ignore', prefix);
  const expandJson = boolOption(options, 'table.expand.json.payload', false, prefix);
  // read only with the expansion on (Debezium: FieldNameAdjustmentMode, for the expanded payload's field names)
  const json = jsonSchemaData(nullBehavior, expandJson ? fieldNameAdjuster(options['field.name.adjustment.mode'], `${prefix}field.name.adjustment.mode`) : undefined);
  const fieldEventId = str('table.field.event.id', 'id')!;
  const fieldEventKey = str('table.field.event.key', 'aggregateid');
  const fieldEventTimestamp = str('table.field.event.timestamp', null);
  const fieldPayload = str('table.field.event.payload', 'payload')!;
  const routeByField = str('route.by.field', 'aggregatetype')!;
  const fieldSchemaVersion = str('table.field.event.schema.version', null);
  const tombstoneOnEmpty = boolOption(options, 'route.tombstone.on.empty.payload', false, prefix);
  const route = matchesThenReplaceFirst(`${prefix}route.topic.regex`, str('route.topic.regex', '(?<routedByValue>.*)')!,
    `${prefix}route.topic.replacement`, str('route.topic.replacement', 'outbox.event.${routedByValue}')!);
  const additional = additionalFields(options, prefix);
  const errorOnMissing = boolOption(options, 'table.fields.additional.error.on.missing', true, prefix);
  const onlyHeaders = !additional.some((f) => f.placement === 'envelope');
  const payloadSchemas = new SchemaLruCache<ConnectSchema>(10_000);
  const versionedSchemas = new Map<number | null, ConnectSchema>();

  /** EventRouterDelegate.getSchemaBuilder */
  const buildValueSchema = (payloadSchema: ConnectSchema, eventSchema: ConnectSchema, routedBy: string, version: number | null): ConnectSchema => {
    const fields: ConnectField[] = [{ name: 'payload', schema: payloadSchema }];
    for (const f of additional) {
      if (f.placement !== 'envelope') continue;
      const src = fieldOf(eventSchema, f.field);
      if (!src) throw new TransformDataError(`NullPointerException: the event has no column "${f.field}" for table.fields.additional.placement`);
      fields.push({ name: f.alias, schema: src.schema });
    }
    const out: ConnectSchema = { type: 'struct', optional: false, name: valueSchemaName(eventSchema, routedBy) };
    if (version !== null) out.version = version;
    out.fields = fields;
    return out;
  };

  /** EventRouterDelegate.getEventTimestampMs */
  const timestampMs = (envelope: ConnectSchema, env: Record<string, unknown>, eventSchema: ConnectSchema, event: Record<string, unknown>): number | null => {
    const tsMs = () => {
      const v = getTyped(envelope, env, 'ts_ms', 'int64');
      return v === null ? null : Number(v);
    };
    if (fieldEventTimestamp === null) return tsMs();
    const field = fieldOf(eventSchema, fieldEventTimestamp);
    if (!field) throw new OutboxRouterError('ConnectException', `Unable to find timestamp field ${fieldEventTimestamp} in event`);
    const v = getTyped(eventSchema, event, fieldEventTimestamp, 'int64') as bigint | null;
    if (v === null) return tsMs();
    const name = field.schema.name;
    if (name === undefined) throw new OutboxRouterError('ConnectException', `Unsupported field type ${field.schema.type.toUpperCase()} (without logical schema name) for event timestamp`);
    // Connect's Timestamp is a java.util.Date, which Struct.getInt64 cannot cast
    if (name === LOGICAL.connectTimestamp) throw new OutboxRouterError('ConnectException', 'class java.util.Date cannot be cast to class java.lang.Long');
    if (name === LOGICAL.timestamp) return Number(v);
    if (name === LOGICAL.microTimestamp) return Number(v / 1_000n);
    if (name === LOGICAL.nanoTimestamp) return Number(v / 1_000_000n);
    throw new OutboxRouterError('ConnectException', `Unsupported field type ${name} for event timestamp`);
  };

  /** the expanded payload; on a failure the payload stays, and the schema is whatever was built before it */
  const expand = (payloadSchema: ConnectSchema | null, payload: unknown): { schema: ConnectSchema | null; value: unknown } => {
    if (!expandJson || typeof payload !== 'string') return { schema: payloadSchema, value: payload };
    let schema = payloadSchema;
    try {
      if (!payload.startsWith('{') && !payload.startsWith('[')) throw new Error(`Unable to parse payload starting with '${payload.charAt(0)}'`);
      const tree = readTree(payload);
      schema = json.toConnectSchema(fieldPayload, tree);
      return { schema, value: json.toConnectData(tree, schema) };
    } catch {
      return { schema, value: payload };
    }
  };

  return (record) => {
    if (record.value === null || record.value === undefined) return null;
    const envelope = record.valueSchema;
    if (!envelope?.name?.endsWith('.Envelope')) return record;
    const env = requireStruct(envelope, record.value, 'Detect Debezium Operation');
    const op = getTyped(envelope, env, 'op', 'string');
    if (op === null) throw new TypeError('NullPointerException: the envelope has a null op');
    if (op === 'd') return null;
    if (op === 'u') {
      if (invalidOp === 'fatal') throw new OutboxRouterError('IllegalStateException', `Unexpected update message received ${keyText(record.key)}, fail.`);
      return null;
    }
    // ConnectRecordUtil.extractAfterDelegate: ExtractField$Value on "after"
    const afterField = fieldOf(envelope, 'after');
    if (!afterField) throw new TransformDataError('Unknown field: after');
    const eventSchema = afterField.schema;
    const event = requireStruct(eventSchema, env.after ?? null, 'Read Outbox Event');

    const payloadField = fieldOf(eventSchema, fieldPayload);
    if (!payloadField) throw new OutboxRouterError('ConnectException', `Unable to find payload field ${fieldPayload} in event`);
    const timestamp = timestampMs(envelope, env, eventSchema, event);
    const eventId = get(eventSchema, event, fieldEventId);
    const expanded = expand(payloadField.schema, get(eventSchema, event, fieldPayload));
    const payloadSchema = expanded.schema;
    const payload = expanded.value;
    const headers: RecordHeader[] = [...record.headers, { key: 'id', value: headerValue(lookup(eventSchema, fieldEventId).schema, eventId) }];

    let valueSchema: ConnectSchema | null = null;
    let value: Record<string, unknown> | null = null;
    if (!onlyHeaders) {
      const version = fieldSchemaVersion === null ? undefined : getTyped(eventSchema, event, fieldSchemaVersion, 'int32') as number | null;
      const routedBy = getTyped(eventSchema, event, routeByField, 'string') as string | null;
      // Java concatenates a null routed-by value as "null"; the payload schema cache cannot take a null schema
      if (payloadSchema === null) throw new TypeError('NullPointerException: the expanded payload has no schema');
      if (version === undefined) {
        valueSchema = payloadSchemas.get(payloadSchema) ?? null;
        if (valueSchema === null) {
          valueSchema = buildValueSchema(payloadSchema, eventSchema, String(routedBy), null);
          payloadSchemas.put(payloadSchema, valueSchema);
        }
      } else {
        valueSchema = versionedSchemas.get(version) ?? null;
        if (valueSchema === null) {
          valueSchema = buildValueSchema(payloadSchema, eventSchema, String(routedBy), version);
          versionedSchemas.set(version, valueSchema);
        }
      }
      checkPut('payload', valueSchema.fields![0]!.schema, payload, payloadSchema);
      value = Object.fromEntries(valueSchema.fields!.map((f) => [f.name, null]));
      value.payload = payload;
    }

    let partition: number | null = null;
    for (const f of additional) {
      if (!errorOnMissing && !fieldOf(eventSchema, f.field)) continue;
      if (f.placement === 'envelope') {
        const v = get(eventSchema, event, f.field);
        checkPut(f.alias, lookup(valueSchema!, f.alias).schema, v, lookup(eventSchema, f.field).schema);
        value![f.alias] = v;
      } else if (f.placement === 'header') {
        const v = get(eventSchema, event, f.field);
        headers.push({ key: f.alias, value: headerValue(lookup(eventSchema, f.field).schema, v) });
      } else {
        partition = getTyped(eventSchema, event, f.field, 'int32') as number | null;
      }
    }

    const isDeleteEvent = payload === null || payload === undefined || (typeof payload === 'string' && javaTrim(payload) === '');
    let outSchema: ConnectSchema | null;
    let outValue: unknown;
    if (isDeleteEvent && tombstoneOnEmpty) {
      outSchema = null;
      outValue = null;
    } else if (onlyHeaders) {
      // a failed expansion leaves a string under a struct schema: Debezium's converter fails on it
      if (payloadSchema !== null && typeof payload === 'string' && payloadSchema.type !== 'string') {
        throw new TransformDataError(`Invalid Java object for schema with type ${payloadSchema.type.toUpperCase()}: class java.lang.String`);
      }
      outSchema = payloadSchema;
      outValue = payload;
    } else {
      outSchema = valueSchema;
      outValue = value;
    }
    const keyField = fieldEventKey === null ? undefined : fieldOf(eventSchema, fieldEventKey);
    const key = fieldEventKey === null ? null : get(eventSchema, event, fieldEventKey);
    const routedBy = getTyped(eventSchema, event, routeByField, 'string') as string | null;
    if (routedBy === null) throw new TypeError(`NullPointerException: the ${routeByField} column (route.by.field) is null, so the event has no topic`);
    return {
      ...record,
      topic: route(routedBy) ?? routedBy,
      partition,
      keySchema: keyField ? keyField.schema : { type: 'string', optional: false },
      key,
      valueSchema: outSchema,
      value: outValue,
      headers,
      timestamp,
    };
  };
}
