// decodeConnectJson's schema cache: the same result as a full parse, one schema object per distinct
// schema text, and no confusion from braces or "payload" inside the schema.
import { describe, expect, it } from 'vitest';
import type { ConnectSchema } from './connect-schema.ts';
import { valueToJson } from './json-converter.ts';
import { decodeConnectJson, parseLossless, payloadToJson, schemaFromJson, valueFromJson } from './connect-record.ts';

const schema: ConnectSchema = {
  type: 'struct', optional: false, name: 'x.Value', parameters: { payload: '{"a":[1,', 'close}': '"]' },
  fields: [
    { name: 'id', schema: { type: 'int64', optional: false } },
    { name: 'payload', schema: { type: 'string', optional: true } },
  ],
};
const envelope = (id: string, text: string) => Buffer.from(`{"schema":${JSON.stringify({
  type: 'struct', optional: false, name: 'x.Value', parameters: schema.parameters,
  fields: [{ type: 'int64', optional: false, field: 'id' }, { type: 'string', optional: true, field: 'payload' }],
})},"payload":{"id":${id},"payload":${JSON.stringify(text)}}}`);

/** the reference: the whole envelope through the lossless parser */
function fullParse(buf: Buffer) {
  const tree = parseLossless(buf.toString('utf8')) as { schema: unknown; payload: unknown };
  const s = schemaFromJson(tree.schema);
  return { schema: s, value: valueFromJson(s, tree.payload) };
}

describe('decodeConnectJson', () => {
  it('decodes like a full parse, int64 exact, with braces, quotes and "payload" inside the schema and the values', () => {
    for (const [id, text] of [['9007199254740993', 'a } ] { "'], ['1', ',"payload":{}'], ['-5', '']] as const) {
      const buf = envelope(id, text);
      const got = decodeConnectJson(buf);
      expect(got).toEqual(fullParse(buf));
      expect(got.value).toEqual({ id: BigInt(id), payload: text });
      expect(valueToJson(got.schema!, got.value)).toBe(buf.toString().slice(buf.toString().indexOf(',"payload":') + 11, -1));
    }
  });

  it('numbers: exact on both paths (JSON.parse, the lossless parser for int64 beyond 2^53)', () => {
    const s = '{"type":"struct","fields":[{"type":"int64","optional":false,"field":"a"},{"type":"double","optional":false,"field":"b"},{"type":"int32","optional":false,"field":"c"}],"optional":false}';
    for (const [a, b, c] of [['123456789012345', '0.1', '-7'], ['9007199254740993', '1.5e300', '2147483647'], ['-9223372036854775808', '-0.000001', '0'], ['9007199254740991', '1234567890.1234567', '1'], ['9007199254740992', '0', '1']]) {
      const buf = Buffer.from(`{"schema":${s},"payload":{"a":${a},"b":${b},"c":${c}}}`);
      expect(decodeConnectJson(buf)).toEqual(fullParse(buf));
      expect(decodeConnectJson(buf).value).toEqual({ a: BigInt(a), b: Number(b), c: Number(c) });
    }
  });

  it('long digit runs: int64 exact, doubles with long fractions or exponents and strings of digits untouched', () => {
    const s = '{"type":"struct","fields":[{"type":"int64","optional":false,"field":"a"},{"type":"double","optional":false,"field":"b"},{"type":"string","optional":false,"field":"c"},{"type":"array","items":{"type":"int64","optional":false},"optional":false,"field":"d"}],"optional":false}';
    const tricky = 'x\\",\"y\":1234567890123456789,'; // a string whose JSON text looks like a key and a long number
    const cases = [
      `{"a":-1763700000000123457,"b":12.34567890123456789,"c":${JSON.stringify(tricky)},"d":[1234567890123456789,-1,9223372036854775807]}`,
      '{"a":1763700000000123457,"b":1.2345678901234567e300,"c":"1234567890123456789","d":[]}',
      '{"a":0,"b":12345678901234567890.5,"c":"","d":[0]}',
    ];
    for (const payload of cases) {
      const buf = Buffer.from(`{"schema":${s},"payload":${payload}}`);
      expect(decodeConnectJson(buf)).toEqual(fullParse(buf));
      expect(valueToJson(decodeConnectJson(buf).schema!, decodeConnectJson(buf).value)).toBe(valueToJson(fullParse(buf).schema, fullParse(buf).value));
    }
    const first = decodeConnectJson(Buffer.from(`{"schema":${s},"payload":${cases[0]}}`)).value as { a: bigint; c: string; d: bigint[] };
    expect(first).toMatchObject({ a: -1763700000000123457n, c: tricky, d: [1234567890123456789n, -1n, 9223372036854775807n] });
  });

  it('hands out one schema object per distinct schema text', () => {
    const a = decodeConnectJson(envelope('1', 'x'));
    const b = decodeConnectJson(envelope('2', 'y'));
    expect(b.schema).toBe(a.schema);
    const other = decodeConnectJson(Buffer.from('{"schema":{"type":"int32","optional":false},"payload":7}'));
    expect(other).toEqual({ schema: { type: 'int32', optional: false }, value: 7 });
    expect(decodeConnectJson(envelope('3', 'z')).schema).toBe(a.schema);
  });

  it('a null schema, schemaless JSON, extra keys after the payload and tombstones still decode', () => {
    expect(decodeConnectJson(Buffer.from('{"schema":null,"payload":{"a":1}}'))).toEqual({ schema: null, value: { a: 1 } });
    expect(decodeConnectJson(Buffer.from('{"a":{"b":[1,2]}}'))).toEqual({ schema: null, value: { a: { b: [1, 2] } } });
    expect(decodeConnectJson(Buffer.from('{"schema":{"type":"int32","optional":false},"payload":7,"x":1}'))).toEqual({ schema: { type: 'int32', optional: false }, value: 7 });
    expect(decodeConnectJson(null)).toEqual({ schema: null, value: null });
  });
});

describe('valueFromJson floats', () => {
  it('reads "NaN" and "Infinity" strings in a double or float field as 0, as Kafka\'s JsonConverter does (TextNode.doubleValue())', () => {
    const d = schemaFromJson({ type: 'double', optional: true });
    const f = schemaFromJson({ type: 'float', optional: true });
    expect([valueFromJson(d, 'NaN'), valueFromJson(d, 'Infinity'), valueFromJson(f, '-Infinity')]).toEqual([0, 0, 0]);
    expect(valueFromJson(d, 0.125)).toBe(0.125);
  });
});

describe('payloadToJson without a schema (JsonConverter, schemas.enable=false)', () => {
  it('prints maps, arrays, bytes and int64 as Java does, and refuses a java.util.Date as JsonConverter does', () => {
    expect(payloadToJson(null, { a: 1n, b: Buffer.from('hi'), c: [true, null] })).toBe('{"a":1,"b":"aGk=","c":[true,null]}');
    expect(() => payloadToJson(null, { at: new Date(0) })).toThrow('Java class class java.util.Date does not have corresponding schema type.');
  });
});
