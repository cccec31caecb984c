// Kafka Connect's transform chain from connector keys, for source and sink records alike (ConnectRecord):
// transforms=a,b with transforms.<alias>.type and transforms.<alias>.<option>; each transform may name a
// predicate (transforms.<alias>.predicate, declared in predicates=… with predicates.<alias>.type and options)
// and negate it. Copied from Kafka 3.9's ConnectorConfig.transformationStages / enrich and
// TransformationStage.apply: transforms run in the listed order; a transform with a predicate runs only when
// negate XOR predicate(record); null (a dropped record) ends the chain. Every problem is a ConfigError naming
// the key (transforms.<alias>.<option>, predicates.<alias>.<option>) before the connector starts.
import { ConfigError } from '../../errors.ts';
import type { ConnectRecord } from '../connect-record.ts';
import { EXTRACT_NEW_RECORD_STATE, extractNewRecordState, type Transform } from './extract-new-record-state.ts';
import { FILTER, filter } from './filter.ts';
import { buildPredicate, SUPPORTED_PREDICATES, type Predicate } from './predicates.ts';
import { REGEX_ROUTER, regexRouter } from './regex-router.ts';
import { REPLACE_FIELD, replaceField } from './replace-field.ts';
import { VALUE_TO_KEY, valueToKey } from './value-to-key.ts';
import { EXTRACT_FIELD, extractField } from './extract-field.ts';
import { MASK_FIELD, maskField } from './mask-field.ts';
import { INSERT_FIELD, insertField } from './insert-field.ts';
import { DROP_HEADERS, dropHeaders, INSERT_HEADER, insertHeader } from './header-transforms.ts';
import { HOIST_FIELD, hoistField } from './hoist-field.ts';
import { CAST, cast } from './cast.ts';
import { TIMESTAMP_CONVERTER, timestampConverter } from './timestamp-converter.ts';
import { TIMESTAMP_ROUTER, timestampRouter } from './timestamp-router.ts';
import { SET_SCHEMA_METADATA, setSchemaMetadata } from './set-schema-metadata.ts';
import { FLATTEN, flatten } from './flatten.ts';
import { HEADER_FROM, headerFrom } from './header-from.ts';
import { BY_LOGICAL_TABLE_ROUTER, byLogicalTableRouter } from './by-logical-table-router.ts';
import { OUTBOX_EVENT_ROUTER, outboxEventRouter } from './outbox-event-router.ts';
import { variants } from './record-side.ts';

export * from '../connect-record.ts';
export { extractNewRecordState, EXTRACT_NEW_RECORD_STATE, DELETE_TOMBSTONE_MODES } from './extract-new-record-state.ts';
export type { Transform, DeleteTombstoneMode } from './extract-new-record-state.ts';
export { SUPPORTED_PREDICATES } from './predicates.ts';

type Factory = (options: Record<string, unknown>, prefix: string) => Transform;
const TRANSFORMS: Record<string, Factory> = {
  [EXTRACT_NEW_RECORD_STATE]: extractNewRecordState,
  [REGEX_ROUTER]: regexRouter,
  [FILTER]: filter,
  [VALUE_TO_KEY]: valueToKey,
  [INSERT_HEADER]: insertHeader,
  [DROP_HEADERS]: dropHeaders,
  [BY_LOGICAL_TABLE_ROUTER]: byLogicalTableRouter,
  [OUTBOX_EVENT_ROUTER]: outboxEventRouter,
  ...Object.fromEntries(variants(HOIST_FIELD).map(([cls, side]) => [cls, hoistField(side)])),
  ...Object.fromEntries(variants(REPLACE_FIELD).map(([cls, side]) => [cls, replaceField(side)])),
  ...Object.fromEntries(variants(EXTRACT_FIELD).map(([cls, side]) => [cls, extractField(side)])),
  ...Object.fromEntries(variants(MASK_FIELD).map(([cls, side]) => [cls, maskField(side)])),
  ...Object.fromEntries(variants(INSERT_FIELD).map(([cls, side]) => [cls, insertField(side)])),
  [TIMESTAMP_ROUTER]: timestampRouter,
  ...Object.fromEntries(variants(CAST).map(([cls, side]) => [cls, cast(side)])),
  ...Object.fromEntries(variants(TIMESTAMP_CONVERTER).map(([cls, side]) => [cls, timestampConverter(side)])),
  ...Object.fromEntries(variants(SET_SCHEMA_METADATA).map(([cls, side]) => [cls, setSchemaMetadata(side)])),
  ...Object.fromEntries(variants(FLATTEN).map(([cls, side]) => [cls, flatten(side)])),
  ...Object.fromEntries(variants(HEADER_FROM).map(([cls, side]) => [cls, headerFrom(side)])),
};
export const SUPPORTED_TRANSFORMS = Object.keys(TRANSFORMS);

/** A comma-separated alias list (ConfigDef.Type.LIST); a repeated alias is Connect's "Duplicate alias provided." */
function aliases(config: Record<string, unknown>, key: 'transforms' | 'predicates'): string[] {
  const list = String(config[key] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const dup = list.find((a, i) => list.indexOf(a) !== i);
  if (dup !== undefined) throw new ConfigError(key, `Duplicate alias provided: ${dup}`);
  return list;
}

function optionsUnder(config: Record<string, unknown>, prefix: string, except: string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (k.startsWith(prefix) && !except.includes(k.slice(prefix.length))) options[k.slice(prefix.length)] = v;
  }
  return options;
}

function typeOf(config: Record<string, unknown>, prefix: string, supported: string[]): string {
  const type = config[`${prefix}type`];
  if (type === undefined || type === null || String(type).trim() === '') {
    throw new ConfigError(`${prefix}type`, 'Missing required configuration: every alias needs a type', supported);
  }
  return String(type).trim();
}

/** True when the config names at least one transform. */
export function hasTransforms(config: Record<string, unknown>): boolean {
  return aliases(config, 'transforms').length > 0;
}

/** The chain named by `transforms`; the result is null when a transform drops the record. */
export function buildTransforms(config: Record<string, unknown>): <R extends ConnectRecord>(record: R) => R | null {
  const declared = aliases(config, 'predicates');
  const predicates = new Map<string, Predicate>();
  for (const alias of declared) {
    const prefix = `predicates.${alias}.`;
    predicates.set(alias, buildPredicate(typeOf(config, prefix, SUPPORTED_PREDICATES), optionsUnder(config, prefix, ['type']), prefix));
  }
  const stages = aliases(config, 'transforms').map((alias) => {
    const prefix = `transforms.${alias}.`;
    const type = typeOf(config, prefix, SUPPORTED_TRANSFORMS);
    const factory = TRANSFORMS[type];
    if (!factory) throw new ConfigError(`${prefix}type`, `unsupported transform "${type}"`, SUPPORTED_TRANSFORMS);
    const transform = factory(optionsUnder(config, prefix, ['type', 'predicate', 'negate']), prefix);
    const predicateAlias = config[`${prefix}predicate`];
    const negateRaw = config[`${prefix}negate`];
    if (negateRaw !== undefined && predicateAlias === undefined) {
      throw new ConfigError(`${prefix}negate`, `Config '${prefix}negate' was provided but there is no config '${prefix}predicate' defining a predicate to be negated.`);
    }
    if (predicateAlias === undefined || predicateAlias === null) return { transform, predicate: undefined, negate: false };
    const predicate = predicates.get(String(predicateAlias));
    if (!predicate) throw new ConfigError(`${prefix}predicate`, `predicate "${String(predicateAlias)}" is not declared in predicates (${declared.join(', ') || 'empty'})`);
    // Boolean.parseBoolean: "true" in any case is true, anything else false
    const negate = String(negateRaw ?? 'false').trim().toLowerCase() === 'true';
    return { transform, predicate, negate };
  });
  return <R extends ConnectRecord>(record: R): R | null => {
    let r: R | null = record;
    for (const s of stages) {
      if (r === null) return null;
      if (s.predicate === undefined || s.negate !== s.predicate(r)) r = s.transform(r);
    }
    return r;
  };
}
