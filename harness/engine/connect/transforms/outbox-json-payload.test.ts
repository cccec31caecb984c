// Expectations from Debezium 3.2.7's JsonSchemaDataTest and EventRouterTest's expansion cases
// (debezium-core/src/test/java/io/debezium/transforms/outbox), and Jackson's readTree.
import { describe, expect, it } from 'vitest';
import { jsonSchemaData, readTree } from './outbox-json-payload.ts';

const s = (type: string, optional = true) => ({ type, optional });

describe('outbox JSON payload expansion', () => {
  it('reads JSON as Jackson does: document key order, a repeated key keeps its place and last value, number widths, trailing text unread', () => {
    const tree = readTree('{"2":1,"1":2,"2":3}x');
    expect(tree.kind === 'OBJECT' && [...tree.fields.keys()]).toEqual(['2', '1']);
    const j = jsonSchemaData('ignore');
    expect(j.toConnectData(tree, j.toConnectSchema('payload', tree))).toEqual({ 2: 3, 1: 2 });
    const widths = readTree('[1, 3000000000, 1e2, 99999999999999999999]');
    expect(widths.kind === 'ARRAY' && widths.items.map((n) => (n.kind === 'NUMBER' ? n.width : n.kind))).toEqual(['int', 'long', 'double', 'big']);
    for (const bad of ['{"a":01}', '{"a":tru}', "{'a':1}", '{"a":1,}', '["\u0001"]']) expect(() => readTree(bad), bad).toThrow();
  });

  it('builds optional schemas named by path; nulls and empty arrays add no field; optional_bytes keeps nulls (canExpandJsonWithNestedArraysWhereFirstArrayIsEmpty, shouldExpandJSONPayloadWithEmptyArrayAndRemoveThatArray)', () => {
    const doc = readTree('{"fullName": "John Doe", "gone": null, "none": [], "petObjects": [{"type": "dog", "colors": []}, {"type": "cat", "colors": [{"name": "white"}]}]}');
    const j = jsonSchemaData('ignore');
    const schema = j.toConnectSchema('payload', doc)!;
    expect(schema.fields!.map((f) => f.name)).toEqual(['fullName', 'petObjects']);
    const pets = schema.fields![1]!.schema;
    expect(pets.items).toEqual({
      type: 'struct', optional: false, name: 'payload.petObjects',
      fields: [{ name: 'type', schema: s('string') }, { name: 'colors', schema: { type: 'array', optional: true, items: { type: 'struct', optional: true, name: 'payload.petObjects.colors', fields: [{ name: 'name', schema: s('string') }] } } }],
    });
    expect(j.toConnectData(doc, schema)).toEqual({ fullName: 'John Doe', petObjects: [{ type: 'dog', colors: [] }, { type: 'cat', colors: [{ name: 'white' }] }] });
    const bytes = jsonSchemaData('optional_bytes');
    expect(bytes.toConnectSchema('payload', doc)!.fields!.map((f) => [f.name, f.schema.type])).toEqual([['fullName', 'string'], ['gone', 'bytes'], ['petObjects', 'array']]);
  });

  it('an array takes its first non-null element\'s schema; mixed types or number widths fail (canExpandJsonArrayWithFirstElementNull)', () => {
    const j = jsonSchemaData('ignore');
    const doc = readTree('{"numbers": [null, 2, 3]}');
    const schema = j.toConnectSchema('payload', doc)!;
    expect(schema.fields![0]!.schema.items).toEqual(s('int32'));
    expect(j.toConnectData(doc, schema)).toEqual({ numbers: [null, 2, 3] });
    expect(() => j.toConnectSchema('payload', readTree('{"a": [1, "x"]}'))).toThrow('Field is not a homogenous array (1 x STRING).');
    expect(() => j.toConnectSchema('payload', readTree('{"a": [1, 3000000000]}'))).toThrow('different number types (Schema{INT32} x Schema{INT64})');
    expect(() => j.toConnectSchema('payload', readTree('{"a": [null]}'))).toThrow('has unrecognized member schema');
  });

  it('values are checked against the schema as Struct.put checks them', () => {
    const j = jsonSchemaData('ignore');
    const doc = readTree('{"a": [{"x": 1}, {"x": 3000000000}]}');
    expect(() => j.toConnectData(doc, j.toConnectSchema('payload', doc))).toThrow('Invalid Java object for schema with type INT32');
    expect(() => j.toConnectData(readTree('[1]'), j.toConnectSchema('payload', readTree('[1]')))).toThrow('Not a struct schema');
  });
});
