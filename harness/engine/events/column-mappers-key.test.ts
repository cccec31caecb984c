// TableSchemaBuilder.create adds key fields with no column mapper (addField(keySchemaBuilder, table, column, null))
// and createKeyGenerator converts key values without mappers: a masked, hashed or truncated primary-key column
// is masked in the value and sent as it is in the key, in Debezium 3.2.7 and here.
import { describe, expect, it } from 'vitest';
import { parseConnectorConfig } from '../source/config.ts';
import type { SourcePosition, TableMeta } from './contract.ts';
import { EventBuilder } from './event-builder.ts';

const config = (extra: Record<string, string>) => parseConnectorConfig({
  'topic.prefix': 'dbserver1', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd',
  'value.converter.schemas.enable': 'false', 'key.converter.schemas.enable': 'false', ...extra,
});
const people: TableMeta = {
  schema: 'public', table: 'people', primaryKey: ['email'], replicaIdentity: 'default',
  columns: [
    { name: 'email', position: 1, typeOid: 25, typeName: 'text', typeMod: -1, typeCategory: 'S', nullable: false },
    { name: 'ssn', position: 2, typeOid: 1043, typeName: 'varchar', typeMod: 15, typeCategory: 'S', nullable: true },
  ],
};
const pos: SourcePosition = { snapshot: 'false', tsUs: 1n, txId: 1, lsn: 1n, sequence: null, xmin: null };
const json = (b: Buffer | null) => (b === null ? null : JSON.parse(b.toString('utf8')));

describe('column mappers leave the key alone (TableSchemaBuilder)', () => {
  it('a masked key column is masked in the value only', () => {
    const b = new EventBuilder(config({ 'column.mask.with.4.chars': 'public.people.email,public.people.ssn' }), { clock: () => 0n });
    const [rec] = b.change('c', people, null, { email: 'ann@example.com', ssn: '123-45-6789' }, pos);
    expect(json(rec.key)).toEqual({ email: 'ann@example.com' });
    expect(json(rec.value).after).toEqual({ email: '****', ssn: '****' });
  });

  it('a hashed key column: the key keeps the value, update and delete keys too', () => {
    const b = new EventBuilder(config({ 'column.mask.hash.SHA-256.with.salt.pepper': 'public.people.email', 'column.truncate.to.3.chars': 'public.people.ssn' }), { clock: () => 0n });
    const [upd] = b.change('u', people, { email: 'ann@example.com', ssn: '123-45-6789' }, { email: 'ann@example.com', ssn: '987-65-4321' }, pos);
    expect(json(upd.key)).toEqual({ email: 'ann@example.com' });
    expect(json(upd.value).after.email).toMatch(/^[0-9a-f]{64}$/);
    expect(json(upd.value).after.ssn).toBe('987');
    const [del] = b.change('d', people, { email: 'ann@example.com', ssn: null }, null, pos);
    expect(json(del.key)).toEqual({ email: 'ann@example.com' });
    expect(json(del.value).before).toEqual({ email: json(upd.value).after.email, ssn: null });
  });
});

// Snapshot records carry the columns as JDBC metadata describes them (PostgresConnection.doReadTableColumn over
// pgjdbc 42.7.7's PgDatabaseMetaData.getColumns), streamed ones as pgoutput's relation message does (ColumnMetaData).
describe('column.propagate.source.type: snapshot (JDBC metadata) and streaming (pgoutput) columns differ as in Debezium', () => {
  const orders: TableMeta = {
    schema: 'public', table: 'orders', primaryKey: ['id'], replicaIdentity: 'default',
    columns: [
      { name: 'id', position: 1, typeOid: 23, typeName: 'int4', typeMod: -1, typeCategory: 'N', nullable: false, defaultExpression: "nextval('orders_id_seq'::regclass)" },
      { name: 'total', position: 2, typeOid: 1700, typeName: 'numeric', typeMod: -1, typeCategory: 'N', nullable: true },
    ],
  };
  const b = new EventBuilder(parseConnectorConfig({
    'topic.prefix': 'dbserver1', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd', 'column.propagate.source.type': 'public.orders.*',
  }), { clock: () => 0n });
  const params = (rec: { value: Buffer | null }) => Object.fromEntries(
    (json(rec.value).schema.fields.find((f: { field: string }) => f.field === 'after').fields as Array<{ field: string; parameters: Record<string, string> }>)
      .map((f) => [f.field, f.parameters]));

  it('a serial column is SERIAL in the snapshot and INT4 while streaming; unconstrained numeric has length 0 and no scale in the snapshot', () => {
    const [snap] = b.change('r', orders, null, { id: '1', total: '9.5' }, { ...pos, snapshot: 'true' });
    const [live] = b.change('c', orders, null, { id: '2', total: '9.5' }, pos);
    expect(params(snap).id).toEqual({ '__debezium.source.column.type': 'SERIAL', '__debezium.source.column.length': '10', '__debezium.source.column.scale': '0', '__debezium.source.column.name': 'id' });
    expect(params(live).id).toEqual({ '__debezium.source.column.type': 'INT4', '__debezium.source.column.length': '10', '__debezium.source.column.scale': '0', '__debezium.source.column.name': 'id' });
    expect(params(snap).total).toEqual({ '__debezium.source.column.type': 'NUMERIC', '__debezium.source.column.length': '0', '__debezium.source.column.name': 'total' });
    expect(params(live).total).toEqual({ '__debezium.source.column.type': 'NUMERIC', '__debezium.source.column.length': '131089', '__debezium.source.column.scale': '0', '__debezium.source.column.name': 'total' });
  });

  it('a domain over varchar(6) has length 6 on both paths (PostgresType.getDefaultLength reads the domain typmod)', () => {
    const coded: TableMeta = {
      schema: 'public', table: 'coded', primaryKey: [], replicaIdentity: 'default',
      columns: [{ name: 'code', position: 1, typeOid: 90000, typeName: 'short_code', typeMod: -1, typeCategory: 'S', nullable: true, baseTypeName: 'varchar', domainTypeMod: 10, domainParentTypeName: 'varchar' }],
    };
    const c = new EventBuilder(parseConnectorConfig({
      'topic.prefix': 'dbserver1', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd', 'datatype.propagate.source.type': '.+\\.short_code',
    }), { clock: () => 0n });
    for (const [op, p] of [['r', { ...pos, snapshot: 'true' }], ['c', pos]] as const) {
      const [rec] = c.change(op, coded, null, { code: 'abc' }, p);
      expect(params(rec).code).toEqual({ '__debezium.source.column.type': 'SHORT_CODE', '__debezium.source.column.length': '6', '__debezium.source.column.scale': '0', '__debezium.source.column.name': 'code' });
    }
  });
});
