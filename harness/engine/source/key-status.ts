// The status of each catalogue key (key-catalogue.json), computed from config-keys.ts, the one place that says
// which keys the source implements, accepts with no effect, or refuses.
import { ACCEPTED_KEYS, COLUMN_MAPPER_KEY_PATTERNS, IMPLEMENTED_KEY_TESTS, REFUSED_KEYS, SOURCE_KEYS } from './config-keys.ts';

export interface CatalogueEntry {
  /** the key; `<prefix>*` for a family Connect or Debezium reads under a prefix; Debezium's regex for column mappers */
  name: string;
  kind: 'key' | 'prefix' | 'pattern';
  /** the Java class(es) that define it */
  origin: string;
  /** Field.createInternal: not documented by Debezium */
  internal: boolean;
}
export type KeyStatus =
  | { status: 'implemented'; test: string; accepts?: readonly string[] }
  | { status: 'accepted-no-effect'; reason: string }
  | { status: 'refused'; reason: string; accepts?: readonly string[] }
  | { status: 'unclassified' };
export type CatalogueKey = CatalogueEntry & KeyStatus;
export interface KeyCatalogue {
  comment: string;
  sources: { debezium: string; kafka: string };
  keys: CatalogueKey[];
}

const implementedNames = new Set<string>(Object.values(SOURCE_KEYS).map((k) => k.name));
// Debezium's Field names for the column mappers are the regexes of RelationalDatabaseConnectorConfig
const DEBEZIUM_MAPPER_FIELDS: Record<string, RegExp> = {
  'column.mask.hash.([^.]+).with.salt.(.+)': COLUMN_MAPPER_KEY_PATTERNS.hashV1,
  'column.mask.with.(d+).chars': COLUMN_MAPPER_KEY_PATTERNS.mask,
  'column.truncate.to.(d+).chars': COLUMN_MAPPER_KEY_PATTERNS.truncate,
};

export function keyStatus(name: string): KeyStatus {
  const test = IMPLEMENTED_KEY_TESTS[name];
  if (implementedNames.has(name) || DEBEZIUM_MAPPER_FIELDS[name] || test) {
    const refused = REFUSED_KEYS.find((r) => r.name === name);
    return { status: 'implemented', test: test ?? 'missing', ...(refused?.unless ? { accepts: refused.unless } : {}) };
  }
  const accepted = ACCEPTED_KEYS.find((a) => a.name === name);
  if (accepted) return { status: 'accepted-no-effect', reason: accepted.reason };
  const base = name.endsWith('.*') ? name.slice(0, -2) : name;
  const refused = REFUSED_KEYS.find((r) => r.name === base || (r.prefix && base.startsWith(`${r.name}.`)));
  if (refused) return { status: 'refused', reason: refused.reason, ...(refused.unless ? { accepts: refused.unless } : {}) };
  return { status: 'unclassified' };
}
