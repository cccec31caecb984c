// Expectations from Debezium's own tests of the SMT: debezium/debezium
// debezium-core/src/test/java/io/debezium/transforms/ExtractNewRecordStateTest.java (test names cited per
// case), whose fixtures (AbstractExtractStateTest) are mirrored here: value {id int8, name string},
// source {lsn int32 = 1234}, transaction {id "571", total_order 42L, data_collection_order 42L}.
import { describe, expect, it } from 'vitest';
import type { ConnectSchema } from '../connect-schema.ts';
import { valueToJson } from '../json-converter.ts';
import { buildTransforms, decodeConnectJson, extractNewRecordState, payloadToJson, type SinkRecord } from './index.ts';

const rowSchema: ConnectSchema = {
  type: 'struct', optional: true, name: 'dummy.Value',
  fields: [{ name: 'id', schema: { type: 'int8', optional: false } }, { name: 'name', schema: { type: 'string', optional: true } }],
};
const sourceSchema: ConnectSchema = { type: 'struct', optional: false, name: 'source', fields: [{ name: 'lsn', schema: { type: 'int32', optional: false } }, { name: 'ts_ms', schema: { type: 'int64', optional: true } }] };
const txSchema: ConnectSchema = {
  type: 'struct', optional: true, name: 'event.block',
  fields: [
    { name: 'id', schema: { type: 'string', optional: false } },
    { name: 'total_order', schema: { type: 'int64', optional: false } },
    { name: 'data_collection_order', schema: { type: 'int64', optional: false } },
  ],
};
const envelopeSchema: ConnectSchema = {
  type: 'struct', optional: false, name: 'dummy.Envelope',
  fields: [
    { name: 'before', schema: rowSchema }, { name: 'after', schema: rowSchema }, { name: 'source', schema: sourceSchema },
    { name: 'op', schema: { type: 'string', optional: false } }, { name: 'ts_ms', schema: { type: 'int64', optional: true } },
    { name: 'transaction', schema: txSchema },
  ],
};

function rec(op: string, before: unknown, after: unknown, tx: unknown = null): SinkRecord {
  return {
    topic: 'dummy', partition: 0, offset: '0', timestamp: 0, keySchema: null, key: null, valueSchema: envelopeSchema,
    value: { before, after, source: { lsn: 1234, ts_ms: 1_700_000_000_000n }, op, ts_ms: 1_700_000_000_123n, transaction: tx },
    headers: [],
  };
}
const create = () => rec('c', null, { id: 1, name: 'myRecord' });
const update = () => rec('u', { id: 1, name: 'old' }, { id: 1, name: 'updatedRecord' }, { id: '571', total_order: 42n, data_collection_order: 42n });
const del = () => rec('d', { id: 1, name: 'myRecord' }, null);
const truncate = () => rec('t', null, null);
const tombstone = (): SinkRecord => ({ ...create(), valueSchema: null, value: null });
const header = (r: SinkRecord | null, k: string) => r?.headers.find((h) => h.key === k)?.value?.toString();

describe('ExtractNewRecordState', () => {
  it('drops tombstones under drop, tombstone and rewrite; keeps them under rewrite-with-tombstone (testTombstoneDroppedByDefault, testTombstoneForwardConfigured, testTombstoneRewriteWithTombstone)', () => {
    for (const mode of ['drop', 'tombstone', 'rewrite', 'delete-to-tombstone']) {
      expect(extractNewRecordState({ 'delete.tombstone.handling.mode': mode })(tombstone())).toBeNull();
    }
    expect(extractNewRecordState({})(tombstone())).toBeNull(); // default is tombstone
    const t = tombstone();
    expect(extractNewRecordState({ 'delete.tombstone.handling.mode': 'rewrite-with-tombstone' })(t)).toEqual(t);
  });

  it('drops truncate events (testTruncateDroppedByDefault)', () => {
    expect(extractNewRecordState({})(truncate())).toBeNull();
  });

  it('delete: dropped under drop, null value under tombstone, before + __deleted=true under rewrite (testHandleDeleteDrop, testHandleDeleteNone, testHandleDeleteRewrite)', () => {
    expect(extractNewRecordState({ 'delete.tombstone.handling.mode': 'drop' })(del())).toBeNull();
    const t = extractNewRecordState({ 'delete.tombstone.handling.mode': 'tombstone' })(del())!;
    expect(t.value).toBeNull();
    expect(t.valueSchema).toBe(rowSchema); // Debezium's note: a null value with the schema kept
    const tt = extractNewRecordState({ 'delete.tombstone.handling.mode': 'delete-to-tombstone' })(del())!;
    expect([tt.value, tt.valueSchema]).toEqual([null, null]);
    const rw = extractNewRecordState({ 'delete.tombstone.handling.mode': 'rewrite' })(del())!;
    expect(rw.value).toEqual({ id: 1, name: 'myRecord', __deleted: 'true' });
    expect(rw.valueSchema!.fields!.at(-1)).toEqual({ name: '__deleted', schema: { type: 'string', optional: true } });
  });

  it('create under rewrite gets __deleted=false and the op header (testHandleCreateRewrite)', () => {
    const r = extractNewRecordState({ 'delete.tombstone.handling.mode': 'rewrite', 'add.headers': 'op' })(create())!;
    expect((r.value as Record<string, unknown>).__deleted).toBe('false');
    expect(r.headers).toHaveLength(1);
    expect(header(r, '__op')).toBe('c');
  });

  it('unwraps a create into the after row and keeps schema name (testUnwrapCreateRecord)', () => {
    const r = extractNewRecordState({ 'delete.tombstone.handling.mode': 'tombstone' })(create())!;
    expect(r.value).toEqual({ id: 1, name: 'myRecord' });
    expect(r.valueSchema!.name).toBe('dummy.Value');
  });

  it('passes records that are not envelopes unchanged (testIgnoreUnknownRecord)', () => {
    const unknown: SinkRecord = { ...create(), valueSchema: { type: 'struct', optional: false, name: 'unknown', fields: [] }, value: {} };
    expect(extractNewRecordState({})(unknown)).toBe(unknown);
    const unnamed: SinkRecord = { ...create(), valueSchema: { type: 'struct', optional: false, fields: [] }, value: {} };
    expect(extractNewRecordState({})(unnamed)).toBe(unnamed);
  });

  it('propagates existing headers (testUnwrapPropagatesRecordHeaders)', () => {
    const c = create();
    c.headers.push({ key: 'application/debezium-test-header', value: Buffer.from('shouldPropagatePreviousRecordHeaders') });
    const r = extractNewRecordState({})(c)!;
    expect(r.headers).toHaveLength(1);
    expect(header(r, 'application/debezium-test-header')).toBe('shouldPropagatePreviousRecordHeaders');
  });

  it('add.fields: op, ts_ms and source.ts_ms become __op, __ts_ms, __source_ts_ms (testAddField, testAddTimestamp)', () => {
    const r = extractNewRecordState({ 'add.fields': 'op,ts_ms,source.ts_ms' })(create())!;
    expect(r.value).toEqual({ id: 1, name: 'myRecord', __op: 'c', __ts_ms: 1_700_000_000_123n, __source_ts_ms: 1_700_000_000_000n });
    expect(r.valueSchema!.fields!.map((f) => [f.name, f.schema.type, f.schema.optional])).toEqual([
      ['id', 'int8', false], ['name', 'string', true], ['__op', 'string', true], ['__ts_ms', 'int64', true], ['__source_ts_ms', 'int64', true],
    ]);
    expect(valueToJson(r.valueSchema!, r.value)).toBe('{"id":1,"name":"myRecord","__op":"c","__ts_ms":1700000000123,"__source_ts_ms":1700000000000}');
  });

  it('add.fields with a prefix; unqualified lsn from source, id from transaction (testAddFields)', () => {
    const r = extractNewRecordState({ 'add.fields': 'op , lsn,id', 'add.fields.prefix': 'prefix.' })(update())!;
    expect(r.value).toMatchObject({ 'prefix.op': 'u', 'prefix.lsn': 1234, 'prefix.id': '571' });
  });

  it('field and header renaming with field:newName (testNewFieldAndHeaderMapping)', () => {
    const r = extractNewRecordState({
      'add.fields': 'op:OP, lsn:LSN, id:ID, source.lsn:source_lsn, transaction.total_order:TOTAL_ORDER',
      'add.fields.prefix': '',
      'add.headers': 'op, source.lsn:source_lsn, transaction.id:TXN_ID, transaction.total_order:TOTAL_ORDER',
      'add.headers.prefix': 'prefix.',
    })(update())!;
    expect(r.value).toMatchObject({ OP: 'u', LSN: 1234, ID: '571', source_lsn: 1234, TOTAL_ORDER: 42n });
    expect(r.headers).toHaveLength(4);
    expect([header(r, 'prefix.op'), header(r, 'prefix.source_lsn'), header(r, 'prefix.TXN_ID'), header(r, 'prefix.TOTAL_ORDER')]).toEqual(['u', '1234', '571', '42']);
  });

  it('a missing optional struct gives null (testAddFieldsForMissingOptionalField)', () => {
    const r = extractNewRecordState({ 'add.fields': 'op,lsn,id' })(create())!;
    expect(r.value).toMatchObject({ __op: 'c', __lsn: 1234, __id: null });
  });

  // ExtractNewRecordState.apply: handleDeleteRecord / handleRecord (which add __deleted) run before addFields; the
  // conformance run's transforms profile showed real Debezium's order
  it('rewrite adds the requested fields to deletes too, after __deleted', () => {
    const r = extractNewRecordState({ 'delete.tombstone.handling.mode': 'rewrite', 'add.fields': 'op,source.ts_ms' })(del())!;
    expect(Object.keys(r.value as object)).toEqual(['id', 'name', '__deleted', '__op', '__source_ts_ms']);
    expect(r.value).toMatchObject({ __op: 'd', __deleted: 'true' });
  });

  it('tombstones kept by rewrite-with-tombstone get the "d" op header', () => {
    const r = extractNewRecordState({ 'delete.tombstone.handling.mode': 'rewrite-with-tombstone', 'add.headers': 'op,source.ts_ms' })(tombstone())!;
    expect(r.headers.map((h) => [h.key, h.value?.toString()])).toEqual([['__op', 'd']]);
  });

  it('legacy drop.tombstones / delete.handling.mode', () => {
    expect(extractNewRecordState({ 'drop.tombstones': 'false' })(tombstone())).not.toBeNull();
    expect(extractNewRecordState({ 'drop.tombstones': 'true' })(tombstone())).toBeNull();
    expect(extractNewRecordState({ 'delete.handling.mode': 'drop' })(del())).toBeNull();
    expect(extractNewRecordState({ 'delete.handling.mode': 'none' })(del())!.value).toBeNull();
    expect(extractNewRecordState({ 'delete.handling.mode': 'rewrite' })(del())!.value).toMatchObject({ __deleted: 'true' });
  });

  it('an unknown mode names the key and the allowed values', () => {
    expect(() => buildTransforms({ transforms: 'unwrap', 'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState', 'transforms.unwrap.delete.tombstone.handling.mode': 'keep' }))
      .toThrow('transforms.unwrap.delete.tombstone.handling.mode: unknown value "keep" (allowed: drop, tombstone, rewrite, rewrite-with-tombstone, delete-to-tombstone)');
    expect(() => buildTransforms({ transforms: 'x', 'transforms.x.type': 'org.example.Nope' })).toThrow(/transforms\.x\.type: unsupported transform "org.example.Nope" \(allowed: io.debezium.transforms.ExtractNewRecordState, /);
  });

  it('works on records decoded from JsonConverter bytes, int64 kept exact', () => {
    const bytes = Buffer.from(JSON.stringify({ schema: { type: 'struct', optional: false, name: 'p.public.t.Envelope', fields: [
      { type: 'struct', optional: true, name: 'p.public.t.Value', field: 'before', fields: [{ type: 'int64', optional: false, field: 'id' }] },
      { type: 'struct', optional: true, name: 'p.public.t.Value', field: 'after', fields: [{ type: 'int64', optional: false, field: 'id' }] },
      { type: 'struct', optional: false, name: 'io.debezium.connector.postgresql.Source', field: 'source', fields: [{ type: 'int64', optional: false, field: 'ts_ms' }] },
      { type: 'string', optional: false, field: 'op' },
    ] }, payload: null }).replace('"payload":null', '"payload":{"before":null,"after":{"id":9007199254740993},"source":{"ts_ms":1700000000000},"op":"c"}'));
    const v = decodeConnectJson(bytes);
    const t = buildTransforms({ transforms: 'unwrap', 'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState', 'transforms.unwrap.add.fields': 'op,source.ts_ms' });
    const r = t({ ...create(), valueSchema: v.schema, value: v.value })!;
    expect(payloadToJson(r.valueSchema, r.value)).toBe('{"id":9007199254740993,"__op":"c","__source_ts_ms":1700000000000}');
  });
});
