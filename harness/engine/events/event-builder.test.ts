import { describe, expect, it } from 'vitest';
import { parseConnectorConfig } from '../source/config.ts';
import type { SourcePosition, TableMeta } from './contract.ts';
import { UNCHANGED_TOAST } from './contract.ts';
import { EventBuilder } from './event-builder.ts';
import { debeziumRecords as golden } from './event-builder.golden.ts';

const base = {
  name: 'inventory-connector',
  'topic.prefix': 'dbserver1',
  'database.hostname': 'localhost',
  'database.user': 'postgres',
  'database.dbname': 'inventory',
  'plugin.name': 'pgoutput',
};

const customers: TableMeta = {
  schema: 'public',
  table: 'customers',
  columns: [
    { name: 'id', position: 1, typeOid: 23, typeName: 'int4', typeMod: -1, typeCategory: 'N', nullable: false, defaultExpression: '0' },
    { name: 'name', position: 2, typeOid: 25, typeName: 'text', typeMod: -1, typeCategory: 'S', nullable: true },
  ],
  primaryKey: ['id'],
  replicaIdentity: 'default',
};

const streamPos: SourcePosition = {
  snapshot: 'false',
  tsUs: 1700000000123456n,
  txId: 767,
  lsn: 33227720n,
  sequence: '["33227000","33227720"]',
  xmin: null,
};

const clock = (): bigint => 1700000001987654321n;
const builder = (extra: Record<string, unknown> = {}): EventBuilder => new EventBuilder(parseConnectorConfig({ ...base, ...extra }), { clock });
const text = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));

// The golden key was built without the column default; TableSchemaBuilder.addField builds key and value
// fields alike, so the key field carries "default":0 just as the value's id field does.
const goldenKey = golden.key.replace('"optional":false,"field":"id"', '"optional":false,"default":0,"field":"id"');

const CONTEXT_HEADERS = {
  '__debezium.context.connectorLogicalName': 'dbserver1',
  '__debezium.context.taskId': '0',
  '__debezium.context.connectorName': 'postgresql',
};

describe('EventBuilder against records produced by Debezium 3.2.7 classes', () => {
  it('insert: topic, key and the full schema+payload value, byte for byte', () => {
    const [rec, ...rest] = builder().change('c', customers, null, { id: '1', name: 'Ann' }, streamPos);
    expect(rest).toEqual([]);
    expect(rec.topic).toBe('dbserver1.public.customers');
    expect(text(rec.key)).toBe(goldenKey);
    expect(text(rec.value)).toBe(golden.create);
    expect(rec.headers).toEqual(CONTEXT_HEADERS);
  });

  it('value.converter.schemas.enable=false prints the bare payload', () => {
    const [rec] = builder({ 'value.converter.schemas.enable': 'false' }).change('c', customers, null, { id: '1', name: 'Ann' }, streamPos);
    expect(text(rec.value)).toBe(golden.create_noschema);
  });

  it('update under REPLICA IDENTITY DEFAULT has before = null', () => {
    const [rec] = builder({ 'value.converter.schemas.enable': false }).change('u', customers, null, { id: '1', name: 'Ann' }, streamPos);
    expect(text(rec.value)).toBe(golden.update);
  });

  it('delete under DEFAULT carries only the key columns, then a tombstone with the same key', () => {
    const recs = builder({ 'value.converter.schemas.enable': false }).change('d', customers, { id: '1', name: null }, null, streamPos);
    expect(recs).toHaveLength(2);
    expect(text(recs[0].value)).toBe(golden.delete);
    expect(recs[1].value).toBeNull();
    expect(text(recs[1].key)).toBe(goldenKey);
    expect(recs[1].headers).toEqual(recs[0].headers);
  });

  it('a delete without old values (REPLICA IDENTITY NOTHING) is skipped, as emitDeleteRecord skips it', () => {
    expect(builder().change('d', customers, null, null, streamPos)).toEqual([]);
    expect(builder().change('d', customers, { id: null, name: null }, null, streamPos)).toEqual([]);
  });

  it('skip.messages.without.change drops an update whose before equals its after', () => {
    const full: TableMeta = { ...customers, replicaIdentity: 'full' };
    const row = { id: '1', name: 'same' };
    expect(builder({ 'skip.messages.without.change': 'true' }).change('u', full, row, row, streamPos)).toEqual([]);
    expect(builder().change('u', full, row, row, streamPos)).toHaveLength(1);
  });

  it('tombstones.on.delete=false drops the tombstone', () => {
    expect(builder({ 'tombstones.on.delete': 'false' }).change('d', customers, { id: '1', name: null }, null, streamPos)).toHaveLength(1);
  });

  it('a snapshot read carries source.snapshot and the snapshot sequence', () => {
    const pos: SourcePosition = { ...streamPos, snapshot: 'first', tsUs: 1700000000000000n, sequence: '[null,"33227720"]' };
    const [rec] = builder({ 'value.converter.schemas.enable': false }).change('r', customers, null, { id: '1', name: 'Ann' }, pos);
    const value = JSON.parse(text(rec.value)!);
    expect(JSON.stringify(value.source)).toBe(golden.source_snapshot);
    expect(value.op).toBe('r');
    expect(value.before).toBeNull();
  });

  it('truncate is skipped by default (skipped.operations=t) and otherwise has no key', () => {
    expect(builder().truncate(customers, streamPos)).toEqual([]);
    const [rec] = builder({ 'skipped.operations': 'none', 'value.converter.schemas.enable': false }).truncate(customers, streamPos);
    expect(rec.key).toBeNull();
    expect(text(rec.value)).toBe(golden.truncate);
  });

  it('a primary-key change is a delete (newkey header), a tombstone, and a create (oldkey header)', () => {
    const recs = builder().change('u', customers, { id: '1', name: null }, { id: '2', name: 'Ann' }, streamPos);
    expect(recs.map((r) => (r.value === null ? 'tombstone' : JSON.parse(text(r.value)!).payload.op))).toEqual(['d', 'tombstone', 'c']);
    expect(recs[0].headers['__debezium.newkey']).toBe(golden.header_newkey);
    expect(recs[1].headers['__debezium.newkey']).toBe(golden.header_newkey);
    expect(recs[2].headers['__debezium.oldkey']).toBe('{"id":1}');
    expect(JSON.parse(text(recs[0].key)!).payload).toEqual({ id: 1 });
    expect(JSON.parse(text(recs[2].key)!).payload).toEqual({ id: 2 });
  });

  it('transaction metadata: BEGIN/END records and the per-event transaction block', () => {
    const b = builder({ 'provide.transaction.metadata': 'true', 'value.converter.schemas.enable': false });
    const [beginRec] = b.begin({ ...streamPos, tsUs: 1700000000123000n });
    expect(beginRec.topic).toBe('dbserver1.transaction');
    expect(text(beginRec.key)).toBe(golden.tx_key);
    const beginValue = JSON.parse(text(beginRec.value)!);
    expect(beginValue).toEqual(JSON.parse(golden.tx_begin).payload);
    const [event] = b.change('c', customers, null, { id: '1', name: 'Ann' }, streamPos);
    expect(text(event.value)).toBe(golden.create_tx);
    b.change('c', customers, null, { id: '2', name: 'Bob' }, { ...streamPos, lsn: 33227760n });
    const [endRec] = b.commit({ ...streamPos, tsUs: 1700000000123000n, lsn: 33227800n });
    expect(text(endRec.value)).toBe(golden.tx_end);
  });

  it('heartbeat: key {serverName}, value {ts_ms}, pinned to partition 0', () => {
    const b = new EventBuilder(parseConnectorConfig(base), { clock: () => 1700000000123000000n });
    const rec = b.heartbeat(streamPos);
    expect(rec.topic).toBe('__debezium-heartbeat.dbserver1');
    expect(text(rec.key)).toBe(golden.hb_key);
    expect(text(rec.value)).toBe(golden.hb_value);
    expect(rec.partition).toBe(0);
  });
});

describe('EventBuilder rules', () => {
  it('unchanged TOAST values become __debezium_unavailable_value', () => {
    const [rec] = builder({ 'value.converter.schemas.enable': false }).change('u', customers, null, { id: '1', name: UNCHANGED_TOAST }, streamPos);
    expect(JSON.parse(text(rec.value)!).after).toEqual({ id: 1, name: '__debezium_unavailable_value' });
  });

  it('under REPLICA IDENTITY FULL an unchanged TOAST value is taken from the old tuple (PostgresChangeRecordEmitter)', () => {
    const full: TableMeta = { ...customers, replicaIdentity: 'full' };
    const [rec] = builder({ 'value.converter.schemas.enable': false }).change('u', full, { id: '1', name: 'long text' }, { id: '1', name: UNCHANGED_TOAST }, streamPos);
    const v = JSON.parse(text(rec.value)!);
    expect(v.before).toEqual({ id: 1, name: 'long text' });
    expect(v.after).toEqual({ id: 1, name: 'long text' });
  });

  it('a table without primary key has no key; message.key.columns provides one', () => {
    const noPk: TableMeta = { ...customers, table: 'log', primaryKey: [] };
    expect(builder().change('c', noPk, null, { id: '1', name: 'x' }, streamPos)[0].key).toBeNull();
    const [rec] = builder({ 'message.key.columns': 'public.log:name' }).change('c', noPk, null, { id: '1', name: 'x' }, streamPos);
    expect(text(rec.key)).toBe('{"schema":{"type":"struct","fields":[{"type":"string","optional":true,"field":"name"}],"optional":false,"name":"dbserver1.public.log.Key"},"payload":{"name":"x"}}');
  });

  it('skipped.operations drops the named operations but never snapshot reads', () => {
    const b = builder({ 'skipped.operations': 'c,u' });
    expect(b.change('c', customers, null, { id: '1', name: 'a' }, streamPos)).toEqual([]);
    expect(b.change('r', customers, null, { id: '1', name: 'a' }, { ...streamPos, snapshot: 'true' })).toHaveLength(1);
  });

  it('characters Kafka forbids in topic names become underscores', () => {
    const odd: TableMeta = { ...customers, schema: 'my schema', table: 'größe' };
    expect(builder().change('c', odd, null, { id: '1', name: 'a' }, streamPos)[0].topic).toBe('dbserver1.my_schema.gr__e');
  });

  it('extended.headers.enabled=false drops the context headers', () => {
    expect(builder({ 'extended.headers.enabled': 'false' }).change('c', customers, null, { id: '1', name: 'a' }, streamPos)[0].headers).toEqual({});
  });
});
