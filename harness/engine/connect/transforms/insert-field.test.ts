import { describe, expect, it } from 'vitest';
import type { ConnectRecord, SinkRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { buildTransforms } from './index.ts';

const schema: ConnectSchema = { type: 'struct', optional: true, name: 'dbserver1.public.t.Value', fields: [{ name: 'id', schema: { type: 'int32', optional: false } }] };
const source = (value: unknown = { id: 1 }): ConnectRecord => ({ topic: 'dbserver1.public.t', partition: null, keySchema: null, key: null, valueSchema: schema, value, headers: [] });
const sink: SinkRecord = { ...source(), partition: 3, offset: '42', timestamp: 1700000000000 };
const insert = (opts: Record<string, string>) => buildTransforms({ transforms: 'i', 'transforms.i.type': 'org.apache.kafka.connect.transforms.InsertField$Value', ...Object.fromEntries(Object.entries(opts).map(([k, v]) => [`transforms.i.${k}`, v])) });

describe('InsertField (Kafka 3.9)', () => {
  it('topic (required with !), static field and value; the schema basics are copied (not optional), new fields last', () => {
    const out = insert({ 'topic.field': 'src_topic!', 'static.field': 'origin', 'static.value': 'cdc' })(source())!;
    expect(out.valueSchema).toEqual({ type: 'struct', optional: false, name: 'dbserver1.public.t.Value', fields: [
      schema.fields![0], { name: 'src_topic', schema: { type: 'string', optional: false } }, { name: 'origin', schema: { type: 'string', optional: true } },
    ] });
    expect(out.value).toEqual({ id: 1, src_topic: 'dbserver1.public.t', origin: 'cdc' });
  });

  it('partition, offset and timestamp (a Connect Timestamp) on a sink record', () => {
    const out = insert({ 'partition.field': 'p', 'offset.field': 'o', 'timestamp.field': 'ts' })(sink)!;
    expect(out.value).toEqual({ id: 1, p: 3, o: 42n, ts: 1700000000000n });
    expect(out.valueSchema!.fields!.at(-1)).toEqual({ name: 'ts', schema: { type: 'int64', optional: true, name: 'org.apache.kafka.connect.data.Timestamp', version: 1 } });
  });

  it('offset on a source record is a DataException; a tombstone passes unchanged', () => {
    expect(() => insert({ 'offset.field': 'o' })(source())).toThrow(/Offset insertion is only supported for sink connectors/);
    const tomb = { ...source(), valueSchema: null, value: null };
    expect(insert({ 'topic.field': 't' })(tomb)).toBe(tomb);
  });
});
