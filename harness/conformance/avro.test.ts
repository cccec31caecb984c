import { describe, expect, it } from 'vitest';
import { avroType } from '../engine/index.ts';
import { diffSchemas, namedDatum } from './avro.ts';
import { classify } from './known.ts';

// A Debezium-shaped envelope: the value record is defined once (in "before") and referred to by name ("after"),
// the source block sits in another namespace, a field name avsc would refuse ("Mixed Case"), a decimal as bytes,
// an int64 beyond 2^53 and a map.
const schema = {
  type: 'record',
  name: 'Envelope',
  namespace: 'p.public.t',
  fields: [
    { name: 'before', type: ['null', { type: 'record', name: 'Value', fields: [{ name: 'id', type: 'int' }, { name: 'Mixed Case', type: ['null', 'string'], default: null }, { name: 'price', type: ['null', { type: 'bytes', scale: 2, precision: 8, 'connect.version': 1, 'connect.name': 'org.apache.kafka.connect.data.Decimal', logicalType: 'decimal' }], default: null }] }], default: null },
    { name: 'after', type: ['null', 'Value'], default: null },
    { name: 'source', type: { type: 'record', name: 'Source', namespace: 'io.debezium.connector.postgresql', fields: [{ name: 'lsn', type: ['null', 'long'], default: null }, { name: 'tags', type: { type: 'map', values: 'int' } }] } },
    { name: 'op', type: 'string' },
  ],
};

describe('namedDatum', () => {
  it('gives the positional datum avsc decodes its field names back, named references and namespaces resolved', () => {
    const text = JSON.stringify(schema);
    const type = avroType(text);
    const positional = { f0: null, f1: { f0: 7, f1: 'x y', f2: Buffer.from([0x01, 0x00]) }, f2: { f0: 9223372036854775807n, f1: { a: 1 } }, f3: 'c' };
    const decoded = type.fromBuffer(type.toBuffer(positional));
    expect(namedDatum(schema, decoded)).toEqual({
      before: null,
      after: { id: 7, 'Mixed Case': 'x y', price: 'AQA=' },
      source: { lsn: 9223372036854775807n, tags: { a: 1 } },
      op: 'c',
    });
  });
});

describe('diffSchemas', () => {
  const prefixes = { debezium: 'conf_dbz_1', ours: 'conf_ours_1' };
  const value = (prefix: string, idType: string) => ({ type: 'record', name: 'Value', namespace: `${prefix}.public.t`, fields: [{ name: 'id', type: idType }] });

  it('masks each prefix, names fields in the path, and reports a subject or version one side lacks', () => {
    const debezium = new Map([['public.t-value', [value(prefixes.debezium, 'int')]], ['public.u-key', [value(prefixes.debezium, 'int')]]]);
    const ours = new Map([['public.t-value', [value(prefixes.ours, 'long'), value(prefixes.ours, 'int')]]]);
    expect(diffSchemas(debezium, ours, prefixes)).toEqual([
      { topic: '(registry) public.t-value', index: 0, part: 'schema', path: 'fields[id].type', kind: 'value', debezium: 'int', ours: 'long' },
      { topic: '(registry) public.t-value', index: 1, part: 'schema', path: '(version)', kind: 'missing', debezium: undefined, ours: 'version 2' },
      { topic: '(registry) public.u-key', index: 0, part: 'schema', path: '(version)', kind: 'missing', debezium: 'version 1', ours: undefined },
    ]);
    expect(diffSchemas(new Map([['public.t-value', [value(prefixes.debezium, 'int')]]]), new Map([['public.t-value', [value(prefixes.ours, 'int')]]]), prefixes)).toEqual([]);
  });
});

describe('known differences limited to profiles', () => {
  it('match only under their profiles, and are not unused under the others', () => {
    const d = { topic: 'public.t', index: 0, part: 'value' as const, path: 'payload.op', kind: 'value' as const, debezium: 1, ours: 2 };
    const known = [{ id: 'avro-only', topic: 'public.t', path: 'value.payload.op', summary: 's', reason: 'r', profiles: ['avro'] }];
    expect(classify([d], known, 'avro').known.map((k) => k.because.id)).toEqual(['avro-only']);
    expect(classify([d], known, 'default')).toEqual({ known: [], unknown: [d], unused: [] });
    expect(classify([], known, 'avro').unused.map((k) => k.id)).toEqual(['avro-only']);
  });
});
