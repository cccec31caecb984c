// Regex list filters and message.key.columns, as Debezium parses them:
// io.debezium.util.Strings.setOfRegex (comma-separated, case-insensitive, whole-identifier match)
// and io.debezium.relational.Key.CustomKeyMapper (`<table regex>:<col>,<col>;...`).
import { ConfigError } from '../errors.ts';

export interface KeyColumnsRule {
  /** matched against `schema.table`, whole string, case-insensitive */
  table: RegExp;
  columns: string[];
}

export function compileRegexList(key: string, patterns: string[], errors: ConfigError[]): RegExp[] {
  const out: RegExp[] = [];
  for (const p of patterns) {
    try {
      // Java's Matcher.matches() is an anchored match of the whole input
      out.push(new RegExp(`^(?:${p})$`, 'i'));
    } catch (e) {
      errors.push(new ConfigError(key, `invalid regular expression ${JSON.stringify(p)}: ${(e as Error).message}`));
    }
  }
  return out;
}

export function matchesAny(patterns: RegExp[], id: string): boolean {
  return patterns.some((re) => re.test(id));
}

export function parseMessageKeyColumns(value: string | undefined, errors: ConfigError[]): KeyColumnsRule[] {
  if (value === undefined) return [];
  const rules: KeyColumnsRule[] = [];
  for (const part of value.split(';').map((s) => s.trim()).filter(Boolean)) {
    const colon = part.lastIndexOf(':');
    const table = colon > 0 ? part.slice(0, colon).trim() : '';
    const columns = colon > 0 ? part.slice(colon + 1).split(',').map((c) => c.trim()).filter(Boolean) : [];
    if (!table || columns.length === 0) {
      errors.push(new ConfigError('message.key.columns',
        `invalid entry ${JSON.stringify(part)}; expected "<fully-qualified table regex>:<column>,<column>" entries separated by ";"`));
      continue;
    }
    const [re] = compileRegexList('message.key.columns', [table], errors);
    if (re) rules.push({ table: re, columns });
  }
  return rules;
}
