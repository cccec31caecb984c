// Column mappers as Debezium 3.2.7 applies them (io.debezium.relational.mapping): the first rule whose
// patterns match the column (ColumnMappers.mapperFor) alters the value field's schema and wraps its
// converter, so the mapper sees the already-converted value (TableSchemaBuilder.wrapInMappingConverterIfNeeded).
// The key schema and key values are never mapped (TableSchemaBuilder.create passes no mapper for the key).
//   MaskStrings (N chars): parameter masked=true on any column; character columns become N '*', NULL too.
//   MaskStrings (hash): parameter masked=true; character columns become the hex digest of salt + value
//     (V1: the Java-serialized String, V2: its UTF-8 bytes), cut to the column length when that is > 0; NULL stays NULL.
//   TruncateColumn: when the length is unknown or above N, parameter truncateLength=N and strings cut to N UTF-16 units.
//   PropagateSourceMetadataToSchemaParameter: __debezium.source.column.type/length/scale/name parameters.
import { createHash } from 'node:crypto';
import type { ColumnMapperRule } from '../source/config-column-mappers.ts';
import type { ConnectSchema } from '../connect/connect-schema.ts';
import { isCharacterColumn, sourceLength, sourceScale, sourceTypeName } from './column-length.ts';
import { UNCHANGED_TOAST, type ColumnMeta, type TextValue } from './contract.ts';
import { javaSerializedString } from './java-serialization.ts';
import type { ColumnMapping } from './type-map.ts';

/**
 * ColumnMappers.mapperFor: the first rule matching `schema.table.column` (or `schema.table.typename`).
 * `snapshot`: the column as the snapshot's JDBC read describes it (column-length.ts), else as pgoutput does.
 */
export function mapperFor(rules: readonly ColumnMapperRule[], schema: string, table: string, col: ColumnMeta, snapshot = false): ColumnMapperRule | undefined {
  const byColumn = `${schema}.${table}.${col.name}`;
  const byType = `${schema}.${table}.${sourceTypeName(col, snapshot)}`;
  return rules.find((r) => r.patterns.some((p) => p.test(r.byDatatype ? byType : byColumn)));
}

function withParameters(schema: ConnectSchema, add: Record<string, string>): ConnectSchema {
  return { ...schema, parameters: { ...(schema.parameters ?? {}), ...add } };
}

/**
 * TruncatingValueConverter: a String cut with substring(0, n) (UTF-16 units, as JavaScript counts them, so a
 * surrogate pair can be split), a ByteBuffer (bytea under binary.handling.mode=bytes) to its first n bytes.
 */
function truncate(value: unknown, max: number): unknown {
  if (typeof value === 'string' && value.length > max) return value.slice(0, max);
  if (Buffer.isBuffer(value) && value.length > max) return Buffer.from(value.subarray(0, max));
  return value;
}

function hash(rule: ColumnMapperRule, value: unknown): unknown {
  if (typeof value !== 'string') return null; // HashValueConverter: only Serializable values (here: strings)
  const bytes = rule.hashVersion === 1 ? javaSerializedString(value) : Buffer.from(value, 'utf8');
  return createHash(rule.algorithm).update(rule.salt).update(bytes).digest('hex');
}

/** The mapping with the rule applied, as the value struct's field sees it. */
export function applyMapper(rule: ColumnMapperRule, col: ColumnMeta, mapping: ColumnMapping, snapshot = false): ColumnMapping {
  const length = sourceLength(col, snapshot);
  const wrap = (schema: ConnectSchema, after: (v: unknown) => unknown): ColumnMapping => ({
    schema,
    convert: (value: TextValue, snapshot?: boolean) => after(mapping.convert(value, snapshot)),
  });
  switch (rule.kind) {
    case 'mask': {
      const schema = withParameters(mapping.schema, { masked: 'true' });
      if (!isCharacterColumn(col)) return { ...mapping, schema };
      const mask = '*'.repeat(rule.chars);
      return wrap(schema, () => mask);
    }
    case 'hash': {
      const schema = withParameters(mapping.schema, { masked: 'true' });
      if (!isCharacterColumn(col)) return { ...mapping, schema };
      return wrap(schema, (v) => {
        const h = hash(rule, v);
        return length > 0 ? truncate(h, length) : h;
      });
    }
    case 'truncate': {
      if (!(length < 0 || length > rule.chars)) return mapping;
      const schema = withParameters(mapping.schema, { truncateLength: String(rule.chars) });
      return {
        schema,
        convert(value: TextValue, snapshot?: boolean): unknown {
          const v = mapping.convert(value, snapshot);
          // bytea's unchanged-TOAST placeholder reaches the mapper as a byte[], not a ByteBuffer: left whole
          // (golden truncate2_bytea_toast; seen in the conformance workload's documents.attachment)
          return value === UNCHANGED_TOAST && Buffer.isBuffer(v) ? v : truncate(v, rule.chars);
        },
      };
    }
    case 'propagate': {
      const add: Record<string, string> = { '__debezium.source.column.type': sourceTypeName(col, snapshot).toUpperCase() };
      if (length !== -1) add['__debezium.source.column.length'] = String(length);
      const scale = sourceScale(col, snapshot);
      if (scale !== undefined) add['__debezium.source.column.scale'] = String(scale);
      add['__debezium.source.column.name'] = col.name;
      return { ...mapping, schema: withParameters(mapping.schema, add) };
    }
  }
}
