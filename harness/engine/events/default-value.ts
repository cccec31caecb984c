// Column default expressions → schema defaults, as io.debezium.connector.postgresql.connection.
// PostgresDefaultValueConverter does it: a mapper per type; function calls (nextval(...), now(), …) and the
// CURRENT_* keywords become the type's zero value; literals are the first '…' part of the expression
// (Debezium's lazy '(.*?)' match, so 'it''s' gives "it"); no mapper, NULL::type or a struct value → no default.
const FUNCTION_DEFAULT = /^[(]?[A-Za-z0-9_.]+\((?:.+(?:, ?.+)*)?\)/;
const CURRENT_DATE_TIMES = new Set(['current_timestamp', 'current_time', 'current_date', 'localtime', 'localtimestamp']);

/** The zero value each mapper falls back to, in PostgreSQL text form for the column's converter. */
const ZERO: Record<string, string> = {
  bool: 'f', bit: '0', varbit: '0',
  bpchar: '', varchar: '', text: '', xml: '',
  numeric: '0', float4: '0.0', float8: '0.0', int2: '0', int4: '0', int8: '0',
  json: '{}', jsonb: '{}',
  uuid: '00000000-0000-0000-0000-000000000000',
  date: '1970-01-01',
  time: '00:00:00',
  timestamp: '1970-01-01 00:00:00',
  timestamptz: '1970-01-01 00:00:00+00',
  interval: '00:00:00',
};
const TEMPORAL = new Set(['date', 'time', 'timestamp', 'timestamptz']);

/**
 * The PostgreSQL text of the default Debezium would put in the schema, or undefined for none.
 * `isEnum` marks enum columns (Debezium maps their quoted label).
 */
export function defaultValueText(typeName: string, expression: string | undefined, isEnum: boolean): string | undefined {
  if (expression === undefined) return undefined;
  const expr = expression.trim();
  if (expr.startsWith('NULL::')) return undefined;
  const quoted = /'(.*?)'/.exec(expr);
  if (isEnum) return quoted ? quoted[1] : undefined;
  if (!(typeName in ZERO)) return undefined;
  if (FUNCTION_DEFAULT.test(expr)) return ZERO[typeName];
  if (TEMPORAL.has(typeName) && CURRENT_DATE_TIMES.has(expr.toLowerCase())) return ZERO[typeName];
  const text = quoted ? quoted[1] : expr;
  // the temporal mappers parse with pgjdbc's TimestampUtils, which has no value for ±infinity here
  if (TEMPORAL.has(typeName) && /^[+-]?infinity$/i.test(text)) return undefined;
  if (typeName === 'bool') return /^(true|t)$/i.test(text) ? 't' : /^(false|f)$/i.test(text) ? 'f' : undefined;
  if (/^(int[248]|float[48]|numeric)$/.test(typeName) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return text;
}
