import { describe, expect, it } from 'vitest';
import { parseConnectorConfig } from '../source/config.ts';
import { schemaToJson, valueToJson } from '../connect/json-converter.ts';
import { applyMapper, mapperFor } from './column-mappers.ts';
import { goldenMapperCases } from './column-mappers.golden.ts';
import type { ColumnMeta, TextValue } from './contract.ts';
import { UNCHANGED_TOAST } from './contract.ts';
import { javaSerializedString } from './java-serialization.ts';
import { mapColumn } from './type-map.ts';

const base = { 'topic.prefix': 'dbserver1', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd' };

function column(c: (typeof goldenMapperCases)[number]): ColumnMeta {
  const isArray = c.type.startsWith('_');
  const col: ColumnMeta = {
    name: 'c', position: 1, typeOid: 0, typeName: c.type, typeMod: c.typeMod,
    typeCategory: isArray ? 'A' : c.enumValues ? 'E' : 'U', nullable: c.nullable,
  };
  if (c.element) col.elementTypeName = c.element;
  if (c.enumValues) col.enumValues = c.enumValues;
  return col;
}

describe('column mappers match Debezium 3.2.7 ColumnMappers / MaskStrings / TruncateColumn / PropagateSourceMetadataToSchemaParameter (generated goldens)', () => {
  for (const c of goldenMapperCases) {
    it(`${c.id}: ${c.type}${c.typeMod >= 0 ? `(typmod ${c.typeMod})` : ''} ${JSON.stringify(c.value)}`, () => {
      const cfg = parseConnectorConfig({ ...base, ...c.cfg });
      const col = column(c);
      const plain = mapColumn(col, cfg)!;
      const rule = mapperFor(cfg.columnMappers, 'public', 't', col);
      const mapping = rule ? applyMapper(rule, col, plain) : plain;
      const value: TextValue = c.value === 'TOAST' ? UNCHANGED_TOAST : c.value;
      expect(schemaToJson(mapping.schema)).toBe(c.schema);
      expect(valueToJson(mapping.schema, mapping.convert(value))).toBe(c.payload);
    });
  }
});

describe('javaSerializedString: ObjectOutputStream.writeObject(String)', () => {
  it('writes the stream header, TC_STRING, the length and modified UTF-8', () => {
    expect(javaSerializedString('ab').toString('hex')).toBe('aced00057400026162');
    // U+0000 as C0 80, a character outside the BMP as two 3-byte surrogates
    expect(javaSerializedString('\u0000😀').toString('hex')).toBe('aced0005740008c080eda0bdedb880');
  });
  it('switches to TC_LONGSTRING with an 8-byte length past 65535 bytes', () => {
    const b = javaSerializedString('x'.repeat(65536));
    expect(b.subarray(0, 13).toString('hex')).toBe('aced00057c0000000000010000');
  });
});
