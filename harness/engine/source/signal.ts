// Signals read from the signal table (signal.data.collection) as Debezium 3.2's SourceSignalChannel
// and SignalProcessor read them: a signal is an INSERT into a table of three columns, taken by
// position (id, type, data); `data` is JSON (empty means {}). Pure, so it is unit-tested.
// Actions, as io.debezium.pipeline.signal.actions.* name them: execute-snapshot and stop-snapshot
// (snapshotting/ExecuteSnapshot, StopSnapshot; fields data-collections, type, additional-conditions,
// surrogate-key), snapshot-window-open / snapshot-window-close (the watermarks an incremental
// snapshot writes itself), log (actions/Log: {"message": …}).
import { ConfigError } from '../errors.ts';
import type { TextRow, TextValue } from '../events/contract.ts';

export interface SignalRow {
  id: string;
  type: string;
  data: string | null;
}

export interface AdditionalCondition {
  /** regular expression matched against "<schema>.<table>", case-insensitively (AdditionalCondition) */
  dataCollection: RegExp;
  filter: string;
}

export type SignalAction =
  | { kind: 'execute-snapshot'; type: 'incremental' | 'blocking'; dataCollections: string[]; additionalConditions: AdditionalCondition[]; surrogateKey: string | null }
  | { kind: 'stop-snapshot'; type: 'incremental' | 'blocking'; dataCollections: string[] | null }
  | { kind: 'snapshot-window-open'; id: string }
  | { kind: 'snapshot-window-close'; id: string }
  | { kind: 'log'; message: string };

/** What the signal channel makes of a row: an action, or a message to log (the connector keeps running). */
export interface SignalSkip {
  ok: false;
  level: 'warn' | 'error';
  message: string;
}
export type SignalResult = { ok: true; signal: SignalRow; action: SignalAction } | SignalSkip;

const text = (v: TextValue | undefined): string | null => (typeof v === 'string' ? v : null);

/**
 * The signal in a row of the signal table, by column position as SourceSignalChannel#process reads
 * it ("should have 3 fields"). `columns` are the table's columns in attnum order.
 */
export function signalFromRow(row: TextRow, columns: readonly string[], table: string): SignalRow | SignalSkip {
  if (columns.length !== 3) {
    return { ok: false, level: 'warn', message: `signal table ${table}: a signal row must have 3 columns (id, type, data), this one has ${columns.length}; row ignored` };
  }
  const [id, type, data] = columns.map((c) => text(row[c]));
  return { id: id ?? '', type: type ?? '', data };
}

/** Parses a signal row into an action, with Debezium's messages for what it skips. */
export function parseSignal(signal: SignalRow): SignalResult {
  const name = `signal '${signal.id}' (type '${signal.type}')`;
  let data: Record<string, unknown> = {};
  if (signal.data !== null && signal.data.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(signal.data);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      data = parsed as Record<string, unknown>;
    } catch (err) {
      // SignalProcessor#processSignal: "Signal '{}' has been received but the data '{}' cannot be parsed"
      return {
        ok: false,
        level: 'error',
        message: `${name} has been received but its data ${JSON.stringify(signal.data)} cannot be parsed (${(err as Error).message}); signal ignored`,
      };
    }
  }
  const bad = (message: string): SignalResult => ({ ok: false, level: 'error', message: `${name}: ${message}; signal ignored` });
  switch (signal.type) {
    case 'snapshot-window-open':
      return { ok: true, signal, action: { kind: 'snapshot-window-open', id: signal.id } };
    case 'snapshot-window-close':
      return { ok: true, signal, action: { kind: 'snapshot-window-close', id: signal.id } };
    case 'log':
      return { ok: true, signal, action: { kind: 'log', message: String(data.message ?? '') } };
    case 'execute-snapshot':
    case 'stop-snapshot': {
      const type = snapshotType(data.type);
      if (!type) return { ok: false, level: 'warn', message: `${name}: unexpected snapshot type ${JSON.stringify(data.type)} (incremental or blocking); signal skipped` };
      const raw = data['data-collections'];
      if (raw !== undefined && (!Array.isArray(raw) || raw.some((c) => typeof c !== 'string'))) {
        return bad(`"data-collections" must be an array of strings, got ${JSON.stringify(raw)}`);
      }
      const collections = ((raw as string[] | undefined) ?? []).map((c) => c.trim());
      if (signal.type === 'stop-snapshot') {
        return { ok: true, signal, action: { kind: 'stop-snapshot', type, dataCollections: collections.length > 0 ? collections : null } };
      }
      if (collections.length === 0) {
        // ExecuteSnapshot#getDataCollections
        return { ok: false, level: 'warn', message: `${name} has arrived but the requested field "data-collections" is missing from data or is empty; signal ignored` };
      }
      const conditions = additionalConditions(data);
      if (typeof conditions === 'string') return bad(conditions);
      const surrogate = typeof data['surrogate-key'] === 'string' && data['surrogate-key'].trim() !== '' ? data['surrogate-key'] : null;
      return {
        ok: true,
        signal,
        action: { kind: 'execute-snapshot', type, dataCollections: collections, additionalConditions: conditions, surrogateKey: surrogate },
      };
    }
    default:
      // SignalProcessor#processSignal: "Signal '{}' has been received but the type '{}' is not recognized"
      return { ok: false, level: 'warn', message: `${name} has been received but the type is not recognized; signal ignored` };
  }
}

function snapshotType(v: unknown): 'incremental' | 'blocking' | null {
  // AbstractSnapshotSignal#getSnapshotType: default INCREMENTAL, case-insensitive
  const s = v === undefined || v === null ? 'incremental' : String(v).toLowerCase();
  return s === 'incremental' || s === 'blocking' ? s : null;
}

/** "additional-conditions": [{"data-collection": regex, "filter": sql}], or the old single "additional-condition". */
function additionalConditions(data: Record<string, unknown>): AdditionalCondition[] | string {
  const old = data['additional-condition'];
  if (typeof old === 'string' && old.trim() !== '') return [{ dataCollection: /^(?:.*)$/i, filter: old }];
  const list = data['additional-conditions'];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return `"additional-conditions" must be an array of {"data-collection", "filter"}, got ${JSON.stringify(list)}`;
  const out: AdditionalCondition[] = [];
  for (const c of list) {
    const dc = (c as Record<string, unknown> | null)?.['data-collection'];
    const filter = (c as Record<string, unknown> | null)?.filter;
    if (typeof dc !== 'string' || typeof filter !== 'string') {
      return `each of "additional-conditions" needs string fields "data-collection" and "filter", got ${JSON.stringify(c)}`;
    }
    try {
      out.push({ dataCollection: new RegExp(`^(?:${dc})$`, 'i'), filter });
    } catch (err) {
      return `"data-collection" ${JSON.stringify(dc)} is not a valid regular expression (${(err as Error).message})`;
    }
  }
  return out;
}

/** The filter of the first condition whose pattern matches the collection (AbstractIncrementalSnapshotContext#buildDataCollection). */
export function conditionFor(collection: string, conditions: readonly AdditionalCondition[]): string | null {
  return conditions.find((c) => c.dataCollection.test(collection))?.filter ?? null;
}

export interface SignalTable {
  schema: string;
  table: string;
}

/** signal.data.collection "<schema>.<table>" (PostgreSQL's form). */
export function parseSignalCollection(value: string): SignalTable {
  const parts = value.split('.');
  if (parts.length !== 2 || parts.some((p) => p.trim() === '')) {
    throw new ConfigError('signal.data.collection', `expected "<schemaName>.<tableName>" (PostgreSQL's form), got ${JSON.stringify(value)}`);
  }
  return { schema: parts[0].trim(), table: parts[1].trim() };
}
