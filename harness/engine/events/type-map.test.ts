import { describe, expect, it } from 'vitest';
import { parseConnectorConfig } from '../source/config.ts';
import type { ColumnMeta, TextValue } from './contract.ts';
import { UNCHANGED_TOAST } from './contract.ts';
import { schemaToJson, valueToJson } from '../connect/json-converter.ts';
import { goldenCases, goldenDefaults, goldenExtensionCases, goldenTemporalEdgeCases } from './type-map.golden.ts';
import { mapColumn, ValueConversionError } from './type-map.ts';

const base = { 'topic.prefix': 'dbserver1', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd' };

function column(c: (typeof goldenCases)[number]): ColumnMeta {
  const isArray = c.type.startsWith('_');
  const col: ColumnMeta = {
    name: 'c',
    position: 1,
    typeOid: 0,
    typeName: c.type,
    typeMod: c.typeMod,
    typeCategory: isArray ? 'A' : c.enumValues ? 'E' : 'U',
    nullable: c.nullable,
  };
  if (c.element) col.elementTypeName = c.element;
  if (c.enumValues) col.enumValues = c.enumValues;
  return col;
}

describe('type mapping matches Debezium 3.2.7 PostgresValueConverter + JsonConverter (generated goldens)', () => {
  for (const c of [...goldenCases, ...goldenExtensionCases, ...goldenTemporalEdgeCases]) {
    it(`${c.id}: ${c.type}${c.typeMod >= 0 ? `(typmod ${c.typeMod})` : ''} ${JSON.stringify(c.value)}`, () => {
      const cfg = parseConnectorConfig({ ...base, ...c.cfg });
      const mapping = mapColumn(column(c), cfg);
      if (c.expect === 'skipped') {
        expect(mapping).toBeNull();
        return;
      }
      expect(mapping).not.toBeNull();
      const value: TextValue = c.value === 'TOAST' ? UNCHANGED_TOAST : c.value;
      if (c.expect === 'error') {
        expect(() => mapping!.convert(value)).toThrow(ValueConversionError);
        return;
      }
      expect(schemaToJson(mapping!.schema)).toBe(c.schema);
      expect(valueToJson(mapping!.schema, mapping!.convert(value))).toBe(c.payload);
    });
  }
});

describe('column defaults match Debezium 3.2.7 PostgresDefaultValueConverter (generated goldens)', () => {
  const cfg = parseConnectorConfig(base);
  for (const d of goldenDefaults) {
    it(`${d.type}: ${d.defaultExpression}`, () => {
      const col: ColumnMeta = {
        name: 'c', position: 1, typeOid: 0, typeName: d.type, typeMod: d.typeMod,
        typeCategory: d.enumValues ? 'E' : 'U', nullable: d.nullable, defaultExpression: d.defaultExpression,
      };
      if (d.enumValues) col.enumValues = d.enumValues;
      expect(schemaToJson(mapColumn(col, cfg)!.schema)).toBe(d.schema);
    });
  }

  it('name: null on the pgoutput path (asDefault), the text on the snapshot path', () => {
    const m = mapColumn({ name: 'n', position: 1, typeOid: 19, typeName: 'name', typeMod: -1, typeCategory: 'S', nullable: true }, cfg)!;
    expect(m.convert('pg', false)).toBeNull();
    expect(m.convert('pg', true)).toBe('pg');
  });

  it('a NOT NULL column without a value takes its default (JdbcValueConverters.convertValue)', () => {
    const m = mapColumn({ name: 'qty', position: 2, typeOid: 23, typeName: 'int4', typeMod: -1, typeCategory: 'N', nullable: false, defaultExpression: '5' }, cfg)!;
    expect(m.convert(null)).toBe(5);
  });
});
