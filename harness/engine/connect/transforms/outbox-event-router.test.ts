// Expectations from Debezium 3.2.7's EventRouterTest (debezium-core/src/test/java/io/debezium/transforms/outbox,
// test names cited per case; its createEventRecord fixture mirrored by `event` below) and from reading
// EventRouterDelegate.java where the tests are silent.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.ts';
import type { ConnectField, ConnectSchema } from '../connect-schema.ts';
import type { ConnectRecord } from '../connect-record.ts';
import { buildTransforms } from './index.ts';
import { outboxEventRouter } from './outbox-event-router.ts';

const P = 'transforms.outbox.';
const str = (optional = false): ConnectSchema => ({ type: 'string', optional });
const baseFields: ConnectField[] = [
  { name: 'id', schema: str() }, { name: 'aggregatetype', schema: str() }, { name: 'aggregateid', schema: str() },
  { name: 'type', schema: str() }, { name: 'payload', schema: str() }, { name: 'is_deleted', schema: { type: 'boolean', optional: true } },
];

interface EventOptions { op?: string; payload?: unknown; extraFields?: ConnectField[]; extra?: Record<string, unknown>; rowName?: string; fields?: ConnectField[]; row?: Record<string, unknown> }
function event(o: EventOptions = {}): ConnectRecord & { timestamp?: number | null } {
  const rowSchema: ConnectSchema = { type: 'struct', optional: true, fields: [...(o.fields ?? baseFields), ...(o.extraFields ?? [])] };
  if (o.rowName) rowSchema.name = o.rowName;
  const row = o.row ?? { id: 'da8d6de6-3b77-45ff-8f44-57db55a7a06c', aggregatetype: 'User', aggregateid: '10711fa5', type: 'UserCreated', payload: o.payload === undefined ? '{}' : o.payload, is_deleted: null, ...o.extra };
  const envelope: ConnectSchema = {
    type: 'struct', optional: false, name: 'event.Envelope',
    fields: [
      { name: 'before', schema: rowSchema }, { name: 'after', schema: rowSchema },
      { name: 'source', schema: { type: 'struct', optional: false, fields: [] } },
      { name: 'op', schema: str() }, { name: 'ts_ms', schema: { type: 'int64', optional: true } },
    ],
  };
  const op = o.op ?? 'c';
  return {
    topic: 'db.outbox', partition: null, keySchema: null, key: null, valueSchema: envelope,
    value: { before: op === 'c' ? null : row, after: op === 'd' ? null : row, source: {}, op, ts_ms: 1_700_000_000_123n }, headers: [],
  };
}
type Out = ConnectRecord & { timestamp?: number | null };
const route = (opts: Record<string, unknown>, r: ConnectRecord): Out | null => outboxEventRouter(opts, P)(r) as Out | null;
const header = (r: ConnectRecord | null, k: string) => r?.headers.filter((h) => h.key === k).map((h) => h.value?.toString() ?? null);
function configError(opts: Record<string, unknown>, key: string): void {
  let err: unknown;
  try { outboxEventRouter(opts, P); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(ConfigError);
  expect((err as ConfigError).key).toBe(`${P}${key}`);
}

describe('outbox EventRouter', () => {
  it('drops tombstones and deletes (canSkipTombstone, canSkipDeletion)', () => {
    expect(route({}, { ...event(), valueSchema: null, value: null })).toBeNull();
    expect(route({}, event({ op: 'd' }))).toBeNull();
  });

  it('passes records that are not envelopes; an envelope-named schema without op fails (canSkipMessagesWithoutDebeziumCdcEnvelope*, shouldFailWhenTheSchemaLooksValidButDoesNotHaveTheCorrectFields)', () => {
    const noName: ConnectRecord = { ...event(), valueSchema: { type: 'struct', optional: false, fields: [{ name: 'ts_ms', schema: { type: 'int64', optional: false } }] }, value: { ts_ms: 1n } };
    expect(route({}, noName)).toBe(noName);
    const heartbeat: ConnectRecord = { ...noName, valueSchema: { ...noName.valueSchema!, name: 'io.debezium.connector.common.Heartbeat.Envelope' } };
    expect(() => route({}, heartbeat)).toThrow('op is not a valid field name');
  });

  it('drops updates under warn and error, fails on them under fatal (canSkipUpdates, canFailOnUpdates)', () => {
    expect(route({}, event({ op: 'u' }))).toBeNull();
    expect(route({ 'table.op.invalid.behavior': 'error' }, event({ op: 'u' }))).toBeNull();
    expect(() => route({ 'table.op.invalid.behavior': 'FATAL' }, { ...event({ op: 'u' }), key: { id: 1 } })).toThrow('Unexpected update message received Struct{id=1}, fail.');
  });

  it('routes a create by aggregatetype: payload as the value, aggregateid as the key, the id header, ts_ms as timestamp (canExtractTableFields, canSetDefaultMessageKey, canRouteBasedOnField, canSetTimestampFromDebeziumEnvelopeByDefault)', () => {
    const r = route({}, event())!;
    expect(r.topic).toBe('outbox.event.User');
    expect(r.value).toBe('{}');
    expect(r.valueSchema).toEqual(str());
    expect(r.keySchema).toEqual(str());
    expect(r.key).toBe('10711fa5');
    expect(header(r, 'id')).toEqual(['da8d6de6-3b77-45ff-8f44-57db55a7a06c']);
    expect(r.timestamp).toBe(1_700_000_000_123);
    expect(r.partition).toBeNull();
    expect(route({}, event({ op: 'r' }))!.topic).toBe('outbox.event.User'); // snapshot reads are events too
  });

  it('table.field.event.key picks the key column; a missing one fails (canSetMessageKey, failsOnInvalidSetMessageKey)', () => {
    expect(route({ 'table.field.event.key': 'type' }, event())!.key).toBe('UserCreated');
    expect(() => route({ 'table.field.event.key': 'fakefield' }, event())).toThrow('fakefield is not a valid field name');
  });

  it('route.topic.regex/replacement rewrite the routed value; no full match keeps it as the topic', () => {
    expect(route({ 'route.topic.replacement': '${routedByValue}.events' }, event())!.topic).toBe('User.events');
    expect(route({ 'route.topic.regex': 'Order(.*)', 'route.topic.replacement': 'x$1' }, event())!.topic).toBe('User');
  });

  it('table.field.event.timestamp: Timestamp as is, MicroTimestamp and NanoTimestamp in ms, null falls back to ts_ms (canSetTimestampByUserDefinedConfiguration)', () => {
    const ts = (name: string | undefined, v: bigint | null) => route({ 'table.field.event.timestamp': 'event_timestamp' }, event({
      extraFields: [{ name: 'event_timestamp', schema: { type: 'int64', optional: true, ...(name ? { name } : {}) } }], extra: { event_timestamp: v },
    }))!.timestamp;
    expect(ts('io.debezium.time.Timestamp', 14222264625338n)).toBe(14222264625338);
    expect(ts('io.debezium.time.MicroTimestamp', 14222264625338999n)).toBe(14222264625338);
    expect(ts('io.debezium.time.NanoTimestamp', 14222264625338999999n)).toBe(14222264625338);
    expect(ts('io.debezium.time.MicroTimestamp', null)).toBe(1_700_000_000_123);
    expect(() => ts(undefined, 1n)).toThrow('Unsupported field type INT64 (without logical schema name) for event timestamp');
    expect(() => ts('io.debezium.time.ZonedTimestamp', 1n)).toThrow('Unsupported field type io.debezium.time.ZonedTimestamp for event timestamp');
    expect(() => route({ 'table.field.event.timestamp': 'nope' }, event())).toThrow('Unable to find timestamp field nope in event');
  });

  it('envelope placements make a struct value named after the after schema and the routed value (canSetPayloadTypeIntoTheEnvelope*, canSetMultipleFieldsIntoTheEnvelope)', () => {
    const r = route({ 'table.fields.additional.placement': 'type:envelope:payloadType, aggregateid:envelope:payloadId,type:header:payloadType' },
      event({ rowName: 'srv.public.outbox.Value' }))!;
    expect(r.valueSchema).toEqual({
      type: 'struct', optional: false, name: 'srv.public.outbox.User.Value',
      fields: [{ name: 'payload', schema: str() }, { name: 'payloadType', schema: str() }, { name: 'payloadId', schema: str() }],
    });
    expect(r.value).toEqual({ payload: '{}', payloadType: 'UserCreated', payloadId: '10711fa5' });
    expect(header(r, 'payloadType')).toEqual(['UserCreated']);
    expect(route({ 'table.fields.additional.placement': 'type:envelope' }, event())!.valueSchema!.name).toBe('User');
  });

  it('the value schema is cached per payload schema: the first routed value names it for later events', () => {
    const t = outboxEventRouter({ 'table.fields.additional.placement': 'type:envelope' }, P);
    expect(t(event({ rowName: 'srv.public.outbox.Value' }))!.valueSchema!.name).toBe('srv.public.outbox.User.Value');
    expect(t(event({ rowName: 'srv.public.outbox.Value', extra: { aggregatetype: 'Order' } }))!.valueSchema!.name).toBe('srv.public.outbox.User.Value');
  });

  it('table.field.event.schema.version sets the version of the envelope struct, cached per version (canSetSchemaVersionWhenMoreThanPayloadIsInEnvelope, shouldNotSetSchemaVersionByDefault)', () => {
    const t = outboxEventRouter({ 'table.field.event.schema.version': 'version', 'table.fields.additional.placement': 'type:envelope:eventType' }, P);
    const v = (n: number) => t(event({ extraFields: [{ name: 'version', schema: { type: 'int32', optional: false } }], extra: { version: n } }))!.valueSchema!;
    const v1 = v(1);
    expect(v1.version).toBe(1);
    expect(v(3).version).toBe(3);
    expect(v(1)).toBe(v1);
    const onlyHeaders = route({ 'table.field.event.schema.version': 'version' }, event({ extraFields: [{ name: 'version', schema: { type: 'int32', optional: false } }], extra: { version: 1 } }))!;
    expect(onlyHeaders.valueSchema!.version).toBeUndefined();
  });

  it('keeps column types and sets the partition from a partition placement (canInfluenceTableColumnTypes, canSetPartitionWithAdditionalFields)', () => {
    const fields: ConnectField[] = [
      { name: 'event_id', schema: { type: 'int32', optional: false } }, { name: 'payload_id', schema: { type: 'int32', optional: false } },
      { name: 'my_route_field', schema: str() }, { name: 'event_type', schema: { type: 'bytes', optional: false } },
      { name: 'payload_body', schema: { type: 'bytes', optional: false } }, { name: 'p', schema: { type: 'int32', optional: false } },
      { name: 'some_boolean', schema: { type: 'boolean', optional: false } },
    ];
    const row = { event_id: 2, payload_id: 1232, my_route_field: 'routename', event_type: Buffer.from('CoolSchemaCreated'), payload_body: Buffer.from('{}'), p: 123, some_boolean: true };
    const opts = { 'table.field.event.id': 'event_id', 'table.field.event.key': 'payload_id', 'table.field.event.type': 'event_type', 'table.field.event.payload': 'payload_body', 'route.by.field': 'my_route_field' };
    const r = route({ ...opts, 'table.fields.additional.placement': 'some_boolean:envelope:bool' }, event({ fields, row }))!;
    expect(r.topic).toBe('outbox.event.routename');
    expect(r.value).toEqual({ payload: Buffer.from('{}'), bool: true });
    expect(r.key).toBe(1232);
    expect(r.keySchema).toEqual({ type: 'int32', optional: false });
    expect(header(r, 'id')).toEqual(['2']);
    expect(route({ ...opts, 'table.fields.additional.placement': 'p:partition' }, event({ fields, row }))!.partition).toBe(123);
  });

  it('an empty payload is a tombstone only under route.tombstone.on.empty.payload (canMarkAnEventAsDeleted, noTombstoneIfNotConfigured)', () => {
    const opts = { 'table.fields.additional.placement': 'is_deleted:envelope:deleted', 'route.tombstone.on.empty.payload': 'true' };
    expect(route(opts, event({ extra: { is_deleted: true } }))!.value).toEqual({ payload: '{}', deleted: true });
    const tomb = route(opts, event({ payload: ' ', extra: { is_deleted: true } }))!;
    expect(tomb.value).toBeNull();
    expect(tomb.valueSchema).toBeNull();
    expect(tomb.key).toBe('10711fa5');
    expect(route({ 'table.fields.additional.placement': 'is_deleted:envelope:deleted' }, event({ payload: '' }))!.value).toEqual({ payload: '', deleted: null });
  });

  it('table.fields.additional.error.on.missing=false skips missing header columns; true fails on them', () => {
    expect(header(route({ 'table.fields.additional.placement': 'nope:header', 'table.fields.additional.error.on.missing': 'false' }, event()), 'nope')).toEqual([]);
    expect(() => route({ 'table.fields.additional.placement': 'nope:header' }, event())).toThrow('nope is not a valid field name');
  });

  it('expands a JSON payload (canExpandJsonPayloadIfConfigured, canExpandJsonPayloadWithAdditionalFieldInEnvelope, shouldNotExpandJSONPayloadIfNotConfigured)', () => {
    const payload = '{"fullName": "John Doe", "enabled": true, "rating": 4.9, "age": 42, "pets": ["dog", "cat"], "petObjects": [{"type": "dog"}, {"type": "cat"}]}';
    const r = route({ 'table.expand.json.payload': 'true' }, event({ payload }))!;
    expect(r.valueSchema!.name).toBe('payload');
    expect(r.valueSchema!.fields!.map((f) => [f.name, f.schema.type])).toEqual([
      ['fullName', 'string'], ['enabled', 'boolean'], ['rating', 'float64'], ['age', 'int32'], ['pets', 'array'], ['petObjects', 'array'],
    ]);
    expect(r.value).toEqual({ fullName: 'John Doe', enabled: true, rating: 4.9, age: 42, pets: ['dog', 'cat'], petObjects: [{ type: 'dog' }, { type: 'cat' }] });
    expect(route({}, event({ payload }))!.value).toBe(payload);
    const env = route({ 'table.expand.json.payload': 'true', 'table.fields.additional.placement': 'type:envelope' }, event({ payload: '{"fullName": "John Doe"}' }))!;
    expect(env.value).toEqual({ payload: { fullName: 'John Doe' }, type: 'UserCreated' });
    expect(env.valueSchema!.fields![0]!.schema).toEqual({ type: 'struct', optional: true, name: 'payload', fields: [{ name: 'fullName', schema: str(true) }] });
  });

  it('field.name.adjustment.mode renames expanded fields, whose values are then looked up under the new name (null)', () => {
    const r = route({ 'table.expand.json.payload': 'true', 'field.name.adjustment.mode': 'avro' }, event({ payload: '{"ok": 1, "has-dash": 2}' }))!;
    expect(r.valueSchema!.fields!.map((f) => f.name)).toEqual(['ok', 'has_dash']);
    expect(r.value).toEqual({ ok: 1, has_dash: null });
  });

  it('a payload that cannot be expanded stays a string; a number beyond long fails as Struct.put does', () => {
    const t = (payload: string) => route({ 'table.expand.json.payload': 'true' }, event({ payload }))!;
    expect(t('not json').value).toBe('not json');
    expect(t(' {"a":1}').value).toBe(' {"a":1}');
    expect(t('{"a":').value).toBe('{"a":');
    expect(t('{"a":[1,2.5]}').value).toBe('{"a":[1,2.5]}');
    expect(() => t('{"a":123456789012345678901234567890}')).toThrow('Invalid Java object for schema with type STRUCT');
  });

  it('refuses bad and unimplemented configuration by full key (shouldFailOnInvalidConfigurationFor*)', () => {
    configError({ 'table.fields.additional.placement': 'type' }, 'table.fields.additional.placement');
    configError({ 'table.fields.additional.placement': '' }, 'table.fields.additional.placement');
    configError({ 'table.fields.additional.placement': 'type:somewhere' }, 'table.fields.additional.placement');
    configError({ 'table.fields.additional.placement': 'type:envelope:payload' }, 'table.fields.additional.placement');
    configError({ 'table.op.invalid.behavior': 'invalidOption' }, 'table.op.invalid.behavior');
    configError({ 'table.json.payload.null.behavior': 'keep' }, 'table.json.payload.null.behavior');
    configError({ 'route.topic.regex': '(unclosed' }, 'route.topic.regex');
    configError({ 'route.tombstone.on.empty.payload': 'yes' }, 'route.tombstone.on.empty.payload');
    configError({ 'tracing.span.context.field': 'ctx' }, 'tracing.span.context.field');
    configError({ 'debezium.op.invalid.behavior': 'fatal' }, 'debezium.op.invalid.behavior');
    configError({ 'table.expand.json.payload': 'true', 'field.name.adjustment.mode': 'avro2' }, 'field.name.adjustment.mode');
  });

  it('is registered under its Debezium class name', () => {
    const chain = buildTransforms({ transforms: 'outbox', [`${P}type`]: 'io.debezium.transforms.outbox.EventRouter' });
    expect(chain(event())!.topic).toBe('outbox.event.User');
  });
});
