// snapshot.select.statement.overrides as Debezium 3.2.7 reads it (RelationalDatabaseConnectorConfig
// #getSnapshotSelectOverridesByTable): the key lists tables (comma-separated, each parsed as TableId.parse does:
// dot-separated parts, double quotes around a part that holds dots); for each listed table the statement is the value
// of `snapshot.select.statement.overrides.<the table exactly as listed>`. A listed table without a statement is
// skipped with a warning, as Debezium does; a statement key whose table is not listed has no effect in Debezium, so
// it is a warning here too. RelationalSnapshotChangeEventSource#getSnapshotSelectOverridesByTable looks a table up with
// its catalog (for PostgreSQL the database) and without: `<db>.<schema>.<table>` and `<schema>.<table>` both apply.
// A name with one part can never match a PostgreSQL table (it has no schema): an error naming the key, rather than
// an override silently never used.
import { ConfigError } from '../errors.ts';

export const SELECT_OVERRIDES_KEY = 'snapshot.select.statement.overrides';

/** Splits a table id on dots outside double quotes; "" inside quotes is one quote (TableIdParser). */
export function parseTableIdParts(text: string): string[] | null {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (c === '.') {
      parts.push(cur);
      cur = '';
      wasQuoted = false;
    } else cur += c;
  }
  if (quoted) return null;
  parts.push(cur);
  return parts.some((p) => p === '') ? null : parts;
}

/** "<schema>.<table>" → the statement; the keys are the unquoted parts joined by a dot. */
export type SelectOverrides = Map<string, string>;
export const overrideKey = (schema: string, table: string): string => JSON.stringify([schema, table]);

export function parseSelectOverrides(raw: Record<string, unknown>, dbname: string, errors: ConfigError[], warnings: string[]): SelectOverrides {
  const out: SelectOverrides = new Map();
  const text = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    const s = String(v).trim();
    return s === '' ? undefined : s;
  };
  const list = text(SELECT_OVERRIDES_KEY);
  const listed = new Set<string>();
  for (const entry of (list ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    listed.add(entry);
    const parts = parseTableIdParts(entry);
    if (!parts || parts.length < 2 || parts.length > 3) {
      errors.push(new ConfigError(SELECT_OVERRIDES_KEY, `"${entry}" is not a table id: list tables as <schema>.<table> (or <database>.<schema>.<table>)`));
      continue;
    }
    if (parts.length === 3 && parts[0] !== dbname) {
      errors.push(new ConfigError(SELECT_OVERRIDES_KEY, `"${entry}" names database "${parts[0]}", but the connector captures "${dbname}" (database.dbname)`));
      continue;
    }
    const statement = text(`${SELECT_OVERRIDES_KEY}.${entry}`);
    if (statement === undefined) {
      warnings.push(`Detected ${SELECT_OVERRIDES_KEY} for ${entry} but no statement property ${SELECT_OVERRIDES_KEY}.${entry} defined: the snapshot reads the whole table`);
      continue;
    }
    const [schema, table] = parts.slice(-2) as [string, string];
    out.set(overrideKey(schema, table), statement.replace(/;\s*$/, ''));
  }
  for (const key of Object.keys(raw)) {
    if (!key.startsWith(`${SELECT_OVERRIDES_KEY}.`) || text(key) === undefined) continue;
    const table = key.slice(SELECT_OVERRIDES_KEY.length + 1);
    if (!listed.has(table)) {
      warnings.push(`${key} is set but "${table}" is not listed in ${SELECT_OVERRIDES_KEY}, so the statement is not used (as in Debezium); add the table to ${SELECT_OVERRIDES_KEY}`);
    }
  }
  return out;
}
