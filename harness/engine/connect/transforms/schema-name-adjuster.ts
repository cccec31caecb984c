// schema.name.adjustment.mode and field.name.adjustment.mode of Debezium's transforms (ByLogicalTableRouter and the
// outbox EventRouter: SchemaNameAdjustmentMode / FieldNameAdjustmentMode.parse, trimmed, any case, then
// createAdjuster) over the connector's own adjusters (events/name-adjuster.ts). Debezium's SchemaNameAdjuster.AVRO,
// AVRO_UNICODE, AVRO_FIELD_NAMER and AVRO_UNICODE_FIELD_NAMER are static, so their conflict memory is shared by every
// transform in the worker; here too, one adjuster per kind and mode for the process.
import { ConfigError } from '../../errors.ts';
import { nameAdjuster, type NameAdjuster, type NameAdjustmentMode } from '../../events/name-adjuster.ts';

export const NAME_ADJUSTMENT_MODES = ['none', 'avro', 'avro_unicode'] as const;

const adjusters = (kind: 'schema' | 'field'): Record<NameAdjustmentMode, NameAdjuster> =>
  Object.fromEntries(NAME_ADJUSTMENT_MODES.map((m) => [m, nameAdjuster(kind, m)])) as Record<NameAdjustmentMode, NameAdjuster>;
const ADJUSTERS = { schema: adjusters('schema'), field: adjusters('field') };

function adjuster(kind: 'schema' | 'field', value: unknown, key: string): NameAdjuster {
  const mode = value === undefined || value === null ? 'none' : String(value).trim().toLowerCase();
  if (!(NAME_ADJUSTMENT_MODES as readonly string[]).includes(mode)) {
    throw new ConfigError(key, `Value must be one of ${NAME_ADJUSTMENT_MODES.join(', ')}`, [...NAME_ADJUSTMENT_MODES]);
  }
  return ADJUSTERS[kind][mode as NameAdjustmentMode];
}

/** The process-wide schema name adjuster for schema.name.adjustment.mode; an unknown mode names the key. */
export const schemaNameAdjuster = (value: unknown, key: string): NameAdjuster => adjuster('schema', value, key);
/** The process-wide field name adjuster for field.name.adjustment.mode; an unknown mode names the key. */
export const fieldNameAdjuster = (value: unknown, key: string): NameAdjuster => adjuster('field', value, key);
