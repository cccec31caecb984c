// Expectations from Debezium 3.2.7's ByLogicalTableRouterTest (debezium-core/src/test/java/io/debezium/transforms,
// test names cited per case) and from reading ByLogicalTableRouter.java where the tests are silent.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import type { ConnectRecord } from '../connect-record.ts';
import { byLogicalTableRouter } from './by-logical-table-router.ts';
import { buildTransforms } from './index.ts';

const P = 'transforms.route.';
const keySchema = (name: string): ConnectSchema => ({ type: 'struct', optional: false, name, fields: [{ name: 'id', schema: { type: 'int64', optional: false } }] });
const rowSchema = (name: string): ConnectSchema => ({
  type: 'struct', optional: true, name,
  fields: [{ name: 'id', schema: { type: 'int64', optional: false } }, { name: 'n', schema: { type: 'int32', optional: true, default: 5 } }],
});
const envelope = (prefix: string): ConnectSchema => ({
  type: 'struct', optional: false, name: `${prefix}.Envelope`, version: 2,
  fields: [
    { name: 'before', schema: rowSchema(`${prefix}.Value`) }, { name: 'after', schema: rowSchema(`${prefix}.Value`) },
    { name: 'source', schema: { type: 'struct', optional: false, name: 'io.debezium.connector.postgresql.Source', fields: [{ name: 'table', schema: { type: 'string', optional: false } }] } },
    { name: 'op', schema: { type: 'string', optional: false } },
  ],
});
function change(topic: string, id: bigint): ConnectRecord {
  return {
    topic, partition: null, keySchema: keySchema(`${topic}.Key`), key: { id }, valueSchema: envelope(topic),
    value: { before: null, after: { id, n: null }, source: { table: topic.split('.').pop() }, op: 'c' }, headers: [{ key: 'h', value: Buffer.from('x') }],
  };
}
const shards = {
  'topic.regex': '(.*)customers_shard(.*)', 'topic.replacement': '$1customers_all_shards',
  'key.field.name': 'shard_id', 'key.field.regex': '(.*)customers_shard_(.*)', 'key.field.replacement': '$2',
};

describe('ByLogicalTableRouter', () => {
  it('routes shards to one topic, renames the key schema and adds the shard id (testKeyReplacementWorkingConfigurationWithNoSchemaNameAdjustment)', () => {
    const t = byLogicalTableRouter(shards, P);
    const r1 = t(change('mysql-server-1.inventory.customers_shard_1', 123n))!;
    expect(r1.topic).toBe('mysql-server-1.inventory.customers_all_shards');
    expect(r1.keySchema).toEqual({
      type: 'struct', optional: false, name: 'mysql-server-1.inventory.customers_all_shards.Key',
      fields: [{ name: 'id', schema: { type: 'int64', optional: false } }, { name: 'shard_id', schema: { type: 'string', optional: false } }],
    });
    expect(r1.key).toEqual({ id: 123n, shard_id: '1' });
    const r2 = t(change('mysql-server-1.inventory.customers_shard_2', 456n))!;
    expect(r2.key).toEqual({ id: 456n, shard_id: '2' });
    expect(r1.headers).toEqual([{ key: 'h', value: Buffer.from('x') }]);
  });

  it('schema.name.adjustment.mode=avro adjusts the new names (testKeyReplacementWorkingConfigurationWithAvroSchemaNameAdjustment)', () => {
    const t = byLogicalTableRouter({ ...shards, 'schema.name.adjustment.mode': 'avro' }, P);
    const r = t(change('mysql-server-1.inventory.customers_shard_1', 1n))!;
    expect(r.keySchema!.name).toBe('mysql_server_1.inventory.customers_all_shards.Key');
    expect(r.valueSchema!.name).toBe('mysql_server_1.inventory.customers_all_shards.Envelope');
    expect(r.topic).toBe('mysql-server-1.inventory.customers_all_shards');
  });

  it('rebuilds the envelope: <topic>.Envelope, before and after of <topic>.Value, other fields unchanged; a null field reads as its default (Struct.get)', () => {
    const r = byLogicalTableRouter({ 'topic.regex': 'srv\\.public\\.(.*)_\\d+', 'topic.replacement': 'srv.public.$1' }, P)(change('srv.public.orders_1', 7n))!;
    expect(r.topic).toBe('srv.public.orders');
    const vs = r.valueSchema!;
    expect(vs.name).toBe('srv.public.orders.Envelope');
    expect(vs.version).toBe(2);
    expect(vs.optional).toBe(false);
    expect(vs.fields!.map((f) => [f.name, f.schema.name])).toEqual([
      ['before', 'srv.public.orders.Value'], ['after', 'srv.public.orders.Value'], ['source', 'io.debezium.connector.postgresql.Source'], ['op', undefined],
    ]);
    expect(vs.fields![0]!.schema.optional).toBe(true);
    expect(r.value).toEqual({ before: null, after: { id: 7n, n: 5 }, source: { table: 'orders_1' }, op: 'c' });
    expect(r.key).toEqual({ id: 7n, __dbz__physicalTableIdentifier: 'srv.public.orders_1' });
  });

  it('key.enforce.uniqueness=false renames the key schema only (testNamespaceReplacementWithoutKeyChange)', () => {
    const t = byLogicalTableRouter({ 'topic.regex': '(.*).dbz_shard_\\d+.(.*)', 'topic.replacement': 'dbz_core.$2', 'key.enforce.uniqueness': 'false' }, P);
    const r = t(change('s21.dbz_shard_21.address', 123n))!;
    expect(r.topic).toBe('dbz_core.address');
    expect(r.keySchema!.name).toBe('dbz_core.address.Key');
    expect(r.keySchema!.fields!.map((f) => f.name)).toEqual(['id']);
    expect(r.key).toEqual({ id: 123n });
  });

  it('a null key keeps no key schema; a tombstone keeps its null value (testKeyNullValue)', () => {
    const t = byLogicalTableRouter(shards, P);
    const r = t({ ...change('mysql-server-1.inventory.customers_shard_1', 1n), key: null })!;
    expect(r.topic).toBe('mysql-server-1.inventory.customers_all_shards');
    expect(r.keySchema).toBeNull();
    const tomb = t({ ...change('mysql-server-1.inventory.customers_shard_1', 1n), valueSchema: null, value: null })!;
    expect(tomb.value).toBeNull();
    expect(tomb.key).toEqual({ id: 1n, shard_id: '1' });
  });

  it('a record that is not an envelope keeps its value; the key still changes (testHeartbeatMessageTopicReplacementTopic, shouldHandleSchemaChangeEvent)', () => {
    const t = byLogicalTableRouter({ 'topic.regex': '__debezium-heartbeat(.*)', 'topic.replacement': 'debezium_heartbeat_all', 'key.field.name': 'original_topic' }, P);
    const hbKey: ConnectSchema = { type: 'struct', optional: false, name: 'io.debezium.connector.mysql.ServerNameKey', fields: [{ name: 'serverName', schema: { type: 'string', optional: false } }] };
    const hbValue: ConnectSchema = { type: 'struct', optional: false, name: 'io.debezium.connector.common.Heartbeat', fields: [{ name: 'ts_ms', schema: { type: 'int64', optional: false } }] };
    const r = t({ topic: '__debezium-heartbeat.db', partition: null, keySchema: hbKey, key: { serverName: 'db' }, valueSchema: hbValue, value: { ts_ms: 1n }, headers: [] })!;
    expect(r.topic).toBe('debezium_heartbeat_all');
    expect(r.keySchema!.name).toBe('debezium_heartbeat_all.Key');
    expect(r.key).toEqual({ serverName: 'db', original_topic: '__debezium-heartbeat.db' });
    expect(r.valueSchema).toBe(hbValue);
  });

  it('no full match, or an empty new topic, passes the record unchanged; key.field.regex without a match keeps the old topic as the id', () => {
    const t = byLogicalTableRouter(shards, P);
    const other = change('srv.public.orders', 1n);
    expect(t(other)).toBe(other);
    const empty = change('x.', 1n);
    expect(byLogicalTableRouter({ 'topic.regex': 'x\\.(.*)', 'topic.replacement': '$1' }, P)(empty)).toBe(empty);
    const noKeyMatch = byLogicalTableRouter({ ...shards, 'key.field.regex': 'nomatch(.*)' }, P)(change('a.customers_shard_3', 1n))!;
    expect(noKeyMatch.key).toEqual({ id: 1n, shard_id: 'a.customers_shard_3' });
  });

  it('replaceFirst replaces the first find(), not the whole match', () => {
    const r = byLogicalTableRouter({ 'topic.regex': 'a|ab', 'topic.replacement': 'X' }, P)(change('ab', 1n))!;
    expect(r.topic).toBe('Xb');
  });

  it('caches the new key schema per old key schema (the first new name wins while cached), logical.table.cache.size bounds it', () => {
    const unnamed: ConnectSchema = { type: 'struct', optional: false, fields: [{ name: 'id', schema: { type: 'int64', optional: false } }] };
    const rec = (topic: string): ConnectRecord => ({ topic, partition: null, keySchema: { ...unnamed }, key: { id: 1n }, valueSchema: null, value: null, headers: [] });
    const opts = { 'topic.regex': '(.)-(.*)', 'topic.replacement': '$1' };
    const cached = byLogicalTableRouter(opts, P);
    expect(cached(rec('a-1'))!.keySchema!.name).toBe('a.Key');
    expect(cached(rec('b-1'))!.keySchema!.name).toBe('a.Key');
    const uncached = byLogicalTableRouter({ ...opts, 'logical.table.cache.size': '0' }, P);
    expect(uncached(rec('a-1'))!.keySchema!.name).toBe('a.Key');
    expect(uncached(rec('b-1'))!.keySchema!.name).toBe('b.Key');
  });

  it('refuses bad configuration by full key before start (testBrokenKeyReplacementConfiguration*, testBrokenTopicReplacementConfiguration*)', () => {
    const bad = (o: Record<string, unknown>, key: string) => {
      expect(() => byLogicalTableRouter(o, P)).toThrow(ConfigError);
      try { byLogicalTableRouter(o, P); } catch (e) { expect((e as ConfigError).key).toBe(key); }
    };
    bad({ 'topic.regex': 'someValidRegex(.*)', 'topic.replacement': '$1', 'key.field.regex': 'x(.*)' }, `${P}key.field.replacement`);
    bad({ 'topic.regex': 'someValidRegex(.*)', 'topic.replacement': '$1', 'key.field.regex': 'x(.*)', 'key.field.replacement': '' }, `${P}key.field.replacement`);
    bad({ 'topic.regex': 'someValidRegex(.*)' }, `${P}topic.replacement`);
    bad({ 'topic.regex': 'someValidRegex(.*)', 'topic.replacement': '' }, `${P}topic.replacement`);
    bad({ 'topic.replacement': 'x' }, `${P}topic.regex`);
    bad({ 'topic.regex': '[a-', 'topic.replacement': 'x' }, `${P}topic.regex`);
    bad({ ...shards, 'schema.name.adjustment.mode': 'avro2' }, `${P}schema.name.adjustment.mode`);
    bad({ ...shards, 'key.enforce.uniqueness': 'maybe' }, `${P}key.enforce.uniqueness`);
    bad({ ...shards, 'logical.table.cache.size': 'ten' }, `${P}logical.table.cache.size`);
  });

  it('is registered under its Debezium class name', () => {
    const chain = buildTransforms({ transforms: 'route', [`${P}type`]: 'io.debezium.transforms.ByLogicalTableRouter', [`${P}topic.regex`]: '(.*)_\\d+', [`${P}topic.replacement`]: '$1' });
    expect(chain(change('srv.public.t_1', 1n))!.topic).toBe('srv.public.t');
  });
});
