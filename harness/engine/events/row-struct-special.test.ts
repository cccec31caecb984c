import { describe, expect, it } from 'vitest';
import { parseConnectorConfig } from '../source/config.ts';
import type { ColumnMeta } from './contract.ts';
import { rowStruct, type TableSchema } from './table-schema.ts';
import { mapColumn, ValueConversionError } from './type-map.ts';

// Debezium 3.2.7 under decimal.handling.mode=precise, as the conformance check saw it
// (harness/conformance, rows 4-10 of all_types): NaN, Infinity and -Infinity come out null, whether
// the snapshot or the stream read them, in numeric and in numeric(12,3), and the task keeps running.
// Its converter throws (the goldens say so); TableSchemaBuilder's value generator catches that.
const cfg = parseConnectorConfig({ 'topic.prefix': 'p', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd' });
const SCALED = ((12 << 16) | 3) + 4;
const numeric = (name: string, typeMod: number, nullable = true): ColumnMeta => ({ name, position: 1, typeOid: 1700, typeName: 'numeric', typeMod, typeCategory: 'N', nullable });
const table = (...cols: ColumnMeta[]): TableSchema =>
  ({ columns: cols.map((c) => ({ name: c.name, field: c.name, mapping: mapColumn(c, cfg)! })) }) as unknown as TableSchema;

describe('rowStruct: values Debezium\'s converter refuses are null, as TableSchemaBuilder leaves them', () => {
  const ts = table(numeric('id', -1, false), numeric('c_numeric', -1), numeric('c_numeric_scaled', SCALED));
  for (const special of ['NaN', 'Infinity', '-Infinity']) {
    for (const snapshot of [false, true]) {
      it(`${special} in numeric and numeric(12,3) → null (${snapshot ? 'snapshot' : 'stream'})`, () => {
        const row = rowStruct(ts, { id: '1', c_numeric: special, c_numeric_scaled: special }, snapshot);
        expect(row.c_numeric).toBeNull();
        expect(row.c_numeric_scaled).toBeNull();
        expect((row.id as { scale: number; value: Buffer }).value.toString('base64')).toBe('AQ==');
      });
    }
  }

  it('the column converter itself still throws, as Debezium\'s does', () => {
    expect(() => mapColumn(numeric('c', -1), cfg)!.convert('NaN')).toThrow(ValueConversionError);
  });

  it('a NOT NULL column cannot be null: the error names the column and decimal.handling.mode', () => {
    expect(() => rowStruct(ts, { id: 'NaN', c_numeric: '1', c_numeric_scaled: '1' })).toThrow(/column id: .*decimal\.handling\.mode/);
  });
});
