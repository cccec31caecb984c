// Shared pieces of the type mapping: what a column kind is, the placeholder for unchanged TOAST values,
// and the error for values Debezium itself refuses.
import type { PostgresConnectorConfig } from '../source/config.ts';
import { s, type ConnectSchema } from '../connect/connect-schema.ts';

/** The settings the mapping reads (a PostgresConnectorConfig satisfies it). */
export type TypeMapConfig = Pick<PostgresConnectorConfig,
  'decimalHandlingMode' | 'timePrecisionMode' | 'binaryHandlingMode' | 'intervalHandlingMode' |
  'hstoreHandlingMode' | 'moneyFractionDigits' | 'includeUnknownDatatypes' | 'unavailableValuePlaceholder'>;

/** Raised for values Debezium itself refuses (e.g. NaN numeric under decimal.handling.mode=precise). */
export class ValueConversionError extends Error {}

/**
 * A value Debezium's own converter throws on (ConnectException), inside TableSchemaBuilder's value
 * generator, which catches it and logs: the column is null in the row (rowStruct does the same).
 */
export class ConverterError extends ValueConversionError {}

export interface Kind {
  /** schema with optional=true (the column's nullability is applied later) */
  schema: ConnectSchema;
  /** non-null text → value */
  fromText(text: string): unknown;
  /** non-null text → value on the snapshot (JDBC) path, when it differs from the pgoutput path */
  fromSnapshotText?: (text: string) => unknown;
  /** what an unchanged TOASTed value becomes (UnchangedToastedPlaceholder) */
  toast: (cfg: TypeMapConfig) => unknown;
  /** JdbcValueConverters.convertValue fallback for null in a NOT NULL column without default */
  fallback: unknown;
}

export const placeholderString = (cfg: TypeMapConfig): string => cfg.unavailableValuePlaceholder;
export const placeholderBytes = (cfg: TypeMapConfig): Buffer => Buffer.from(cfg.unavailableValuePlaceholder, 'utf8');

export function stringKind(schema: ConnectSchema = s.prim('string')): Kind {
  return { schema, fromText: (t) => t, toast: placeholderString, fallback: '' };
}

export function javaFloatSpecial(text: string): number | undefined {
  if (text === 'NaN') return NaN;
  if (text === 'Infinity') return Infinity;
  if (text === '-Infinity') return -Infinity;
  return undefined;
}
