// Per-table Key/Value schemas and row conversion, as io.debezium.relational.TableSchemaBuilder builds them:
// topic `<prefix>.<schema>.<table>` (DefaultTopicNamingStrategy, sanitized), schema names `<topic>.Key`,
// `<topic>.Value`, `<topic>.Envelope`; key = message.key.columns or the primary key; no key without either.
import type { PostgresConnectorConfig } from '../source/config.ts';
import { s, type ConnectField, type ConnectSchema } from '../connect/connect-schema.ts';
import type { TableMeta, TextRow } from './contract.ts';
import { applyMapper, mapperFor } from './column-mappers.ts';
import { envelopeSchema } from './envelope.ts';
import { ConverterError } from './type-kind.ts';
import { mapColumn, type ColumnMapping } from './type-map.ts';
import { nameAdjuster, type NameAdjuster } from './name-adjuster.ts';
import { AVRO_CONVERTER_CLASSES } from '../connect/avro/avro-config.ts';

export interface TableSchema {
  topic: string;
  keySchema: ConnectSchema | null;
  valueSchema: ConnectSchema;
  envelopeSchema: ConnectSchema;
  keyColumns: string[];
  /**
   * mapped columns in attnum order (unmapped types are left out, as Debezium leaves them out); `mapping` is the
   * value field's (column mappers applied), `keyMapping` the key field's: Debezium never masks or truncates keys
   */
  columns: Array<{ name: string; field: string; mapping: ColumnMapping; keyMapping: ColumnMapping }>;
}

/** schema.name.adjustment.mode / field.name.adjustment.mode (name-adjuster.ts); one pair per connector */
export interface NameAdjusters {
  schema: NameAdjuster;
  field: NameAdjuster;
}
/**
 * CommonConnectorConfig.fieldNameAdjuster(): field.name.adjustment.mode=none with Confluent's or Apicurio's
 * AvroConverter as key.converter or value.converter (isUsingAvroConverter compares the class names) adjusts field
 * names as avro does; schema names are not adjusted that way (schemaNameAdjuster() takes the mode as it is).
 */
export function nameAdjusters(config: Pick<PostgresConnectorConfig, 'schemaNameAdjustmentMode' | 'fieldNameAdjustmentMode'> & Partial<Pick<PostgresConnectorConfig, 'keyConverter' | 'valueConverter'>>): NameAdjusters {
  const avro = [config.keyConverter, config.valueConverter].some((c) => c !== undefined && (AVRO_CONVERTER_CLASSES as readonly string[]).includes(c));
  const fieldMode = config.fieldNameAdjustmentMode === 'none' && avro ? 'avro' : config.fieldNameAdjustmentMode;
  return { schema: nameAdjuster('schema', config.schemaNameAdjustmentMode), field: nameAdjuster('field', fieldMode) };
}

/** TopicNameSanitizer: characters Kafka does not allow in topic names become '_' */
export function sanitizeTopic(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]/g, '_');
}

export function tableTopic(config: Pick<PostgresConnectorConfig, 'topicPrefix' | 'topicDelimiter'>, schema: string, table: string): string {
  const d = config.topicDelimiter;
  return sanitizeTopic(`${config.topicPrefix}${d}${schema}${d}${table}`);
}

/**
 * `snapshot`: the schema snapshot records carry. It differs from the streaming one only where column mappers
 * read the column's metadata, which Debezium takes from JDBC for the snapshot and from pgoutput's relation
 * message while streaming (column-length.ts).
 */
export function buildTableSchema(config: PostgresConnectorConfig, table: TableMeta, snapshot = false, names: NameAdjusters = nameAdjusters(config)): TableSchema {
  const topic = tableTopic(config, table.schema, table.table);
  const columns: TableSchema['columns'] = [];
  for (const col of table.columns) {
    if (!config.includesColumn(table.schema, table.table, col.name)) continue;
    const keyMapping = mapColumn(col, config);
    if (!keyMapping) continue;
    const rule = mapperFor(config.columnMappers, table.schema, table.table, col, snapshot);
    columns.push({ name: col.name, field: names.field(col.name), mapping: rule ? applyMapper(rule, col, keyMapping, snapshot) : keyMapping, keyMapping });
  }
  const byName = new Map(columns.map((c) => [c.name, c]));
  const valueFields: ConnectField[] = columns.map((c) => s.field(c.field, c.mapping.schema));
  const valueSchema = s.struct(names.schema(`${topic}.Value`), valueFields, true);

  const explicit = config.keyColumnsFor(table.schema, table.table);
  const wanted = explicit ?? table.primaryKey;
  const keyColumns = wanted.filter((k) => byName.has(k));
  if (explicit && keyColumns.length !== explicit.length) {
    const missing = explicit.filter((k) => !byName.has(k));
    throw new Error(`message.key.columns names ${missing.map((m) => `"${m}"`).join(', ')} for ${table.schema}.${table.table}, which the table does not have (or which are excluded)`);
  }
  const keySchema = keyColumns.length === 0
    ? null
    : s.struct(names.schema(`${topic}.Key`), keyColumns.map((k) => s.field(byName.get(k)!.field, byName.get(k)!.keyMapping.schema)), false);
  return { topic, keySchema, valueSchema, envelopeSchema: envelopeSchema(names.schema(`${topic}.Envelope`), valueSchema), keyColumns, columns };
}

/**
 * A row struct for before/after: every mapped column, missing ones as SQL NULL. A value Debezium's
 * converter throws on is null, as TableSchemaBuilder.createValueGenerator catches and logs it
 * (numeric NaN under decimal.handling.mode=precise: null in real Debezium 3.2.7, see
 * harness/conformance); a NOT NULL column cannot be null, and Debezium's task fails there too.
 */
export function rowStruct(ts: TableSchema, row: TextRow, snapshot = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of ts.columns) out[c.field] = convertOne(c.name, c.mapping, row, snapshot);
  return out;
}

function convertOne(name: string, mapping: ColumnMapping, row: TextRow, snapshot: boolean): unknown {
  try {
    return mapping.convert(row[name] ?? null, snapshot);
  } catch (error) {
    if (!(error instanceof ConverterError) || !mapping.schema.optional) throw error;
    return null;
  }
}

/**
 * The key struct from the row's value struct; a key column a column mapper changed in the value is
 * converted again from the text row without it (`text`), as Debezium's key generator has no mappers.
 */
export function keyStruct(ts: TableSchema, row: Record<string, unknown>, text?: TextRow | null, snapshot = false): Record<string, unknown> | null {
  if (!ts.keySchema) return null;
  const out: Record<string, unknown> = {};
  for (const k of ts.keyColumns) {
    const c = ts.columns.find((col) => col.name === k)!;
    out[c.field] = c.mapping !== c.keyMapping && text ? convertOne(k, c.keyMapping, text, snapshot) : row[c.field];
  }
  return out;
}
