// io.debezium.schema.SchemaNameAdjuster for schema.name.adjustment.mode (CommonConnectorConfig.SchemaNameAdjustmentMode):
// none keeps the name; avro replaces each character Avro cannot take with "_" (a leading digit keeps the digit after
// the "_"); avro_unicode replaces it with "_u" + its hex code ("_" itself included). As in Debezium, the avro and
// avro_unicode adjusters are process-wide: a replacement that collides with another name's replacement is a
// ConnectException the first time that name is seen.
import { ConfigError } from '../../errors.ts';

export const SCHEMA_NAME_ADJUSTMENT_MODES = ['none', 'avro', 'avro_unicode'] as const;
export type SchemaNameAdjustmentMode = (typeof SCHEMA_NAME_ADJUSTMENT_MODES)[number];
export type SchemaNameAdjuster = (proposedName: string) => string;

/** org.apache.kafka.connect.errors.ConnectException thrown while a record is transformed */
export class SchemaNameConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectException';
  }
}

const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAsciiDigit = (c: string): boolean => c >= '0' && c <= '9';

interface ReplacementFunction {
  replace(c: string): string;
  validFirst(c: string): boolean;
}
// ReplacementFunction.UNDERSCORE_REPLACEMENT
const UNDERSCORE: ReplacementFunction = { replace: () => '_', validFirst: (c) => isLetter(c) || c === '_' };
// UnicodeReplacementFunction: Integer.toHexString, padded with "00" only when it has at most two digits
const UNICODE: ReplacementFunction = {
  replace: (c) => {
    const hex = c.charCodeAt(0).toString(16);
    return `_u${hex.length <= 2 ? `00${hex}` : hex}`;
  },
  validFirst: isLetter,
};
// ReplacementFunction.isValidNonFirstCharacter
const validNonFirst = (fn: ReplacementFunction, c: string): boolean => fn.validFirst(c) || c === '.' || isAsciiDigit(c);

/** SchemaNameAdjuster.validFullname over UTF-16 code units, as Java's charAt does. */
function validFullname(name: string, fn: ReplacementFunction): string {
  if (name.length === 0) return name;
  let out = '';
  let changed = false;
  const first = name[0]!;
  if (fn.validFirst(first)) out += first;
  else {
    out += fn.replace(first);
    // Character.isDigit: the underscore adjuster keeps a leading digit after its "_"
    if (fn === UNDERSCORE && /^\p{Nd}$/u.test(first)) out += first;
    changed = true;
  }
  for (let i = 1; i < name.length; i++) {
    const c = name[i]!;
    if (validNonFirst(fn, c)) out += c;
    else {
      out += fn.replace(c);
      changed = true;
    }
  }
  return changed ? out : name;
}

/** SchemaNameAdjuster.create(function): validFullname plus ReplacementOccurred.firstTimeOnly's conflict check. */
function conflictChecking(fn: ReplacementFunction): SchemaNameAdjuster {
  const seen = new Set<string>();
  const originalByReplacement = new Map<string, string>();
  return (original) => {
    const result = validFullname(original, fn);
    if (result !== original && !seen.has(original)) {
      seen.add(original);
      const earlier = originalByReplacement.get(result);
      originalByReplacement.set(result, original);
      if (earlier !== undefined && earlier !== original) {
        throw new SchemaNameConflictError(`The Kafka Connect schema name '${original}' is not a valid Avro schema name and its replacement '${result}' conflicts with another different schema '${earlier}'`);
      }
    }
    return result;
  };
}

// SchemaNameAdjuster.AVRO and AVRO_UNICODE are static: one per process, shared by every transform using them
const ADJUSTERS: Record<SchemaNameAdjustmentMode, SchemaNameAdjuster> = {
  none: (name) => name,
  avro: conflictChecking(UNDERSCORE),
  avro_unicode: conflictChecking(UNICODE),
};

/** SchemaNameAdjustmentMode.parse (trimmed, any case) and createAdjuster; an unknown mode is an error naming the key. */
export function schemaNameAdjuster(value: unknown, key: string): SchemaNameAdjuster {
  const mode = value === undefined || value === null ? 'none' : String(value).trim().toLowerCase();
  if (!(SCHEMA_NAME_ADJUSTMENT_MODES as readonly string[]).includes(mode)) {
    throw new ConfigError(key, `Value must be one of ${SCHEMA_NAME_ADJUSTMENT_MODES.join(', ')}`, [...SCHEMA_NAME_ADJUSTMENT_MODES]);
  }
  return ADJUSTERS[mode as SchemaNameAdjustmentMode];
}
