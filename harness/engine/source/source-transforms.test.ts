import { describe, expect, it } from 'vitest';
import { ConfigErrors, parseConnectorConfig } from './config.ts';
import type { SourcePosition, TableMeta } from '../events/contract.ts';
import { EventBuilder } from '../events/event-builder.ts';
import { debeziumRecords as golden } from '../events/event-builder.golden.ts';
import { transformRecords, withTransforms } from './source-transforms.ts';

// The event side's records through the source chain: the records Debezium 3.2.7 produced (event-builder.golden.ts)
// must come out byte for byte where the transform does not change them.
const base = { name: 'c', 'topic.prefix': 'dbserver1', 'database.hostname': 'localhost', 'database.user': 'postgres', 'database.dbname': 'inventory' };
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
const pos: SourcePosition = { snapshot: 'false', tsUs: 1700000000123456n, txId: 767, lsn: 33227720n, sequence: '["33227000","33227720"]', xmin: null };
const clock = (): bigint => 1700000001987654321n;
const built = (extra: Record<string, unknown>) => {
  const config = parseConnectorConfig({ ...base, ...extra });
  return { plain: new EventBuilder(config, { clock }), chained: withTransforms(new EventBuilder(config, { clock }), config.transforms) };
};
const text = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));

describe('source-side transforms (WorkerSourceTask: transforms before the converters)', () => {
  it('no transforms: the builder itself', () => {
    const config = parseConnectorConfig(base);
    const b = new EventBuilder(config, { clock });
    expect(config.transforms).toBeNull();
    expect(withTransforms(b, config.transforms)).toBe(b);
  });

  it('a timestamp a transform sets (the outbox EventRouter) goes to Kafka with the record; none otherwise', () => {
    const { plain } = built({});
    const records = plain.change('c', customers, null, { id: '1', name: 'Ann' }, pos);
    const [stamped] = transformRecords((r) => ({ ...r, timestamp: 1700000000123 }), records);
    const [kept] = transformRecords((r) => r, records);
    expect(stamped.timestamp).toBe(1700000000123);
    expect('timestamp' in kept).toBe(false);
    expect(text(kept.value)).toBe(text(records[0].value));
  });

  it('RegexRouter renames the topic; key, value and headers stay byte for byte', () => {
    const { plain, chained } = built({ transforms: 'route', 'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter', 'transforms.route.regex': '([^.]+)\\.([^.]+)\\.([^.]+)', 'transforms.route.replacement': '$1.$3' });
    const [want] = plain.change('c', customers, null, { id: '1', name: 'Ann' }, pos);
    const [got, ...rest] = chained.change('c', customers, null, { id: '1', name: 'Ann' }, pos);
    expect(rest).toEqual([]);
    expect(got!.topic).toBe('dbserver1.customers');
    expect(text(got!.value)).toBe(golden.create);
    expect([text(got!.key), text(got!.value), got!.headers]).toEqual([text(want!.key), text(want!.value), want!.headers]);
  });

  it('Filter + RecordIsTombstone drops the tombstone after a delete and keeps the delete', () => {
    const { chained } = built({
      transforms: 'noTomb', 'transforms.noTomb.type': 'org.apache.kafka.connect.transforms.Filter', 'transforms.noTomb.predicate': 'tomb',
      predicates: 'tomb', 'predicates.tomb.type': 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
    });
    const out = chained.change('d', customers, { id: '1', name: null }, null, pos);
    expect(out.map((r) => r.value === null)).toEqual([false]);
  });

  it('ExtractNewRecordState on the source: the row state, a delete rewritten with __deleted', () => {
    const { chained } = built({ transforms: 'unwrap', 'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState', 'transforms.unwrap.delete.tombstone.handling.mode': 'rewrite' });
    const [c] = chained.change('c', customers, null, { id: '1', name: 'Ann' }, pos);
    expect(JSON.parse(text(c!.value)!).payload).toEqual({ id: 1, name: 'Ann', __deleted: 'false' });
    const d = chained.change('d', customers, { id: '1', name: null }, null, pos);
    expect(d.map((r) => JSON.parse(text(r.value)!).payload)).toEqual([{ id: 1, name: null, __deleted: 'true' }]);
  });

  it('transforms need JsonConverter with schemas on both sides; a bad transform is an error naming its key', () => {
    const errorKeys = (extra: Record<string, unknown>): string[] => {
      try {
        parseConnectorConfig({ ...base, ...extra });
      } catch (e) {
        return (e as ConfigErrors).errors.map((x) => x.key);
      }
      return [];
    };
    const route = { transforms: 'r', 'transforms.r.type': 'org.apache.kafka.connect.transforms.RegexRouter', 'transforms.r.regex': 'x', 'transforms.r.replacement': 'y' };
    expect(errorKeys({ ...route, 'value.converter.schemas.enable': 'false' })).toEqual(['transforms']);
    expect(errorKeys({ transforms: 'm', 'transforms.m.type': 'io.debezium.transforms.HeaderToValue' })).toEqual(['transforms.m.type']);
    expect(errorKeys({ ...route, 'transforms.r.predicate': 'p' })).toEqual(['transforms.r.predicate']);
    expect(errorKeys(route)).toEqual([]);
  });
});
