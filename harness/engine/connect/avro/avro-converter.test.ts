// The converter's wire format and its id resolution: magic byte 0, the 4-byte big-endian id, the Avro binary;
// a record encoded before its schema's id is known carries 0xFF until settle() writes the id in place. The
// registry here is a stand-in that counts calls (the real one is in avro-converter.integration.test.ts).
import { describe, expect, it } from 'vitest';
import { decodeConnectJson } from '../connect-record.ts';
import { AvroConverter } from './avro-converter.ts';
import { RegistryClient } from './registry-client.ts';
import { avroGoldens } from './avro-data.golden.ts';
import type { AvroConverterConfig } from './avro-config.ts';

class CountingRegistry extends RegistryClient {
  calls: Array<[string, string, string]> = [];
  constructor() {
    super('http://registry.invalid', { urlKey: 'value.converter.schema.registry.url' });
  }
  override async register(subject: string, schema: string): Promise<number> {
    this.calls.push(['register', subject, schema]);
    return 258;
  }
  latestSchema = '"int"';
  override async latest(subject: string): Promise<{ id: number; schema: string; version: number }> {
    this.calls.push(['latest', subject, '']);
    return { id: 9, schema: this.latestSchema, version: 3 };
  }
  override async lookup(subject: string, schema: string): Promise<number> {
    this.calls.push(['lookup', subject, schema]);
    return 7;
  }
}

const cfg = (over: Partial<AvroConverterConfig> = {}): AvroConverterConfig => ({
  flavor: 'confluent', isKey: false, urlKey: 'value.converter.schema.registry.url', url: 'http://registry.invalid',
  autoRegister: true, useLatest: false, connectMetaData: true, ...over,
});

const golden = avroGoldens.find((g) => g.id === 'record_create')!;
const { schema, value } = decodeConnectJson(Buffer.from(golden.record, 'utf8'));

describe('AvroConverter', () => {
  it('writes 0xFF until settle() registers the schema once under <topic>-value, then 0 + id + the Avro binary AvroData writes', async () => {
    const registry = new CountingRegistry();
    const conv = new AvroConverter(cfg(), registry);
    const a = conv.fromConnectData('dbserver1.public.customers', schema, value)!;
    const b = conv.fromConnectData('dbserver1.public.customers', schema, value)!;
    expect(a[0]).toBe(0xff);
    await conv.settle([{ key: null, value: a }, { key: null, value: b }]);
    expect(registry.calls).toEqual([['register', 'dbserver1.public.customers-value', golden.avroSchema]]);
    for (const buf of [a, b]) {
      expect(buf.subarray(0, 5).toString('hex')).toBe('0000000102');
      expect(buf.subarray(5).toString('hex')).toBe(golden.avroHex);
    }
    // the id is cached: the next record is complete at once and settle has nothing to wait for
    const c = conv.fromConnectData('dbserver1.public.customers', schema, value)!;
    expect(c.subarray(0, 5).toString('hex')).toBe('0000000102');
    expect(conv.settle([{ key: null, value: c }])).toBeUndefined();
    expect(conv.fromConnectData('t', schema, null)).toBeNull();
  });

  it('with auto-register off it looks the schema up; a key converter uses <topic>-key', async () => {
    const registry = new CountingRegistry();
    const conv = new AvroConverter(cfg({ autoRegister: false, isKey: true }), registry);
    const a = conv.fromConnectData('t1', schema, value)!;
    await conv.settle([{ key: a, value: null }]);
    expect(registry.calls.map(([op, subject]) => [op, subject])).toEqual([['lookup', 't1-key']]);
    expect(a.readInt32BE(1)).toBe(7);
  });

  it('use.latest.version takes the latest id only when it is the record\'s schema, else fails naming the subject', async () => {
    const registry = new CountingRegistry();
    const conv = new AvroConverter(cfg({ autoRegister: false, useLatest: true }), registry);
    const a = conv.fromConnectData('t2', schema, value)!;
    await expect(conv.settle([{ key: null, value: a }])).rejects.toThrow('use.latest.version: the latest schema of subject "t2-value" (version 3, id 9) is not the record\'s schema');
    registry.latestSchema = JSON.stringify(JSON.parse(golden.avroSchema!), null, 2);
    await conv.settle([{ key: null, value: a }]);
    expect(a.readInt32BE(1)).toBe(9);
  });
});
