// Public API of the engine's event side (other halves may append their exports below).
export { parseConnectorConfig, ConfigError, ConfigErrors, POSTGRES_CONNECTOR_CLASS, JSON_CONVERTER_CLASS } from './config.js';
export type { PostgresConnectorConfig, DecimalHandlingMode, TimePrecisionMode, SnapshotMode } from './config.js';
export { EventBuilder, systemClockNs, PK_UPDATE_NEWKEY_HEADER, PK_UPDATE_OLDKEY_HEADER } from './event-builder.js';
export type { EventBuilderOptions } from './event-builder.js';
export { mapColumn, ValueConversionError } from './type-map.js';
export type { ColumnMapping } from './type-map.js';
export { serialize, schemaToJson, valueToJson } from './json-converter.js';
export type { ConnectSchema, ConnectField, ConnectType } from './connect-schema.js';
export { buildTableSchema, tableTopic } from './table-schema.js';
export type { TableSchema } from './table-schema.js';
export * from './contract.js';
