// schema.name.adjustment.mode and field.name.adjustment.mode, as Debezium 3.2.7's io.debezium.schema.SchemaNameAdjuster
// with the replacement functions of CommonConnectorConfig.SchemaNameAdjustmentMode / FieldNameAdjustmentMode:
// - none: names stay as they are (the default; but field names are adjusted as avro when key.converter or
//   value.converter is Confluent's or Apicurio's AvroConverter: nameAdjusters in table-schema.ts);
// - avro: a character Avro cannot take becomes "_" (ReplacementFunction.UNDERSCORE_REPLACEMENT; for field names
//   FieldNameUnderscoreReplacementFunction, where "." is invalid too); a leading digit gets a "_" before it instead
//   (DBZ-6559: "24col" → "_24col");
// - avro_unicode: it becomes "_u" + its UTF-16 code in hex, padded to four digits when it has at most two
//   (UnicodeReplacementFunction), and "_" is such a character ("my_table" → "my_u005ftable"); for field names
//   (FieldNameUnicodeReplacementFunction) "." is too.
// Characters are UTF-16 code units, as Java's charAt. As Debezium's adjusters (SchemaNameAdjuster.create with
// ReplacementOccurred.firstTimeOnly), one adjuster remembers each replaced name: two different names that need a
// replacement and end up the same are an error (Debezium: ConnectException "… conflicts with another different schema").
// TableSchemaBuilder applies the schema adjuster to <topic>.Key, <topic>.Value and <topic>.Envelope and the field
// adjuster to every column's field name (key and value); the heartbeat and transaction schema names it also adjusts are
// valid Avro names, so they never change.
import { EngineError } from '../errors.ts';

export type NameAdjustmentMode = 'none' | 'avro' | 'avro_unicode';
export type NameAdjuster = (name: string) => string;

interface Replacement {
  replace(c: string): string;
  validFirst(c: string): boolean;
  validNonFirst(c: string): boolean;
  /** Character.isDigit first characters keep the digit after the replacement (underscore functions only) */
  keepLeadingDigit: boolean;
}

const letter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const digit = (c: string): boolean => c >= '0' && c <= '9';
const unicode = (c: string): string => {
  const hex = c.charCodeAt(0).toString(16);
  return `_u${hex.length <= 2 ? `00${hex}` : hex}`;
};

const REPLACEMENTS: Record<'schema' | 'field', Record<Exclude<NameAdjustmentMode, 'none'>, Replacement>> = {
  schema: {
    avro: { replace: () => '_', validFirst: (c) => letter(c) || c === '_', validNonFirst: (c) => letter(c) || c === '_' || c === '.' || digit(c), keepLeadingDigit: true },
    avro_unicode: { replace: unicode, validFirst: letter, validNonFirst: (c) => letter(c) || c === '.' || digit(c), keepLeadingDigit: false },
  },
  field: {
    avro: { replace: () => '_', validFirst: (c) => letter(c) || c === '_', validNonFirst: (c) => letter(c) || c === '_' || digit(c), keepLeadingDigit: true },
    avro_unicode: { replace: unicode, validFirst: letter, validNonFirst: (c) => letter(c) || digit(c), keepLeadingDigit: false },
  },
};

/** SchemaNameAdjuster.validFullname: the name itself when nothing needed replacing. */
export function validFullname(name: string, kind: 'schema' | 'field', mode: NameAdjustmentMode): string {
  if (mode === 'none' || name.length === 0) return name;
  const fn = REPLACEMENTS[kind][mode];
  let out = '';
  let changed = false;
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (i === 0 ? fn.validFirst(c) : fn.validNonFirst(c)) {
      out += c;
      continue;
    }
    out += fn.replace(c);
    if (i === 0 && fn.keepLeadingDigit && /^\p{Nd}$/u.test(c)) out += c;
    changed = true;
  }
  return changed ? out : name;
}

/** One adjuster with Debezium's first-time-only conflict check (a new one per connector; Debezium's are per JVM). */
export function nameAdjuster(kind: 'schema' | 'field', mode: NameAdjustmentMode): NameAdjuster {
  if (mode === 'none') return (name) => name;
  const seen = new Set<string>();
  const originalByReplacement = new Map<string, string>();
  return (original) => {
    const result = validFullname(original, kind, mode);
    if (result !== original && !seen.has(original)) {
      seen.add(original);
      const earlier = originalByReplacement.get(result);
      originalByReplacement.set(result, original);
      if (earlier !== undefined && earlier !== original) {
        throw new EngineError('NAME_ADJUSTMENT_CONFLICT',
          `The Kafka Connect schema name '${original}' is not a valid Avro schema name and its replacement '${result}' conflicts with another different schema '${earlier}' (${kind}.name.adjustment.mode=${mode})`);
      }
    }
    return result;
  };
}
