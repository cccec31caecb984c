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
