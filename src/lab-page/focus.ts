// The few lines of a step's recorded output that its claims are about: events as one line each
// with an update's before/after as a small diff, the first rows of a query, the fields of an
// output the claims name. Lines whose subject a claim names are highlighted. Pure; the full output
// stays one click away on the page.
// Browser code: Array.from, not spread, over Sets and Maps; the site's Babel spreads them loosely.

export interface Recorded {
  events: Array<{ topic: string; key: unknown; value: unknown; headers?: Record<string, string> }>;
  rows: Array<{ query: string; rows: unknown[] }>;
  output: Record<string, unknown>;
  error?: string;
}

export interface FocusLine {
  text: string;
  highlighted: boolean;
}

export interface Focus {
  lines: FocusLine[];
  /** some lines start with - or + (an update's before and after) */
  diff: boolean;
}

type Envelope = { op?: string; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; source?: Record<string, unknown> };

const MAX_EVENTS = 3;
const MAX_ROWS = 4;
const MAX_FIELDS = 6;
/** a step's focus never runs longer than this; highlighted lines are kept first */
const MAX_LINES = 10;
const MAX_VALUE = 160;
const STOP = new Set(['the', 'and', 'with', 'its', 'for', 'from', 'that', 'this', 'are', 'has', 'have', 'not', 'one', 'each', 'all', 'but', 'into', 'than', 'then', 'when', 'only', 'still', 'same', 'every', 'after', 'before', 'response']);

interface Line {
  text: string;
  /** words that say what the line is about: field names, an event's op */
  subjects: string[];
}

export interface ClaimWords {
  /** names a line can be about: identifiers, field names, before/after */
  subjects: Set<string>;
  /** values a line can show: quoted values, upper-case states, snake_case names */
  values: Set<string>;
}

/** Words of the claims that can name a line. */
export function claimWords(claims: string[]): ClaimWords {
  const subjects = new Set<string>();
  const values = new Set<string>();
  for (const text of claims) {
    for (const m of text.matchAll(/"([^"]+)"|([A-Za-z_][\w.]*)/g)) {
      if (m[1] !== undefined) {
        values.add(m[1].toLowerCase());
        continue;
      }
      const w = m[2].toLowerCase();
      if (w.length >= 2 && !STOP.has(w)) subjects.add(w);
      if (w.includes('.')) for (const part of w.split('.')) if (part.length > 2 && !STOP.has(part)) subjects.add(part);
      if ((m[2].length >= 3 && m[2] === m[2].toUpperCase() && /[A-Z]/.test(m[2])) || /^[a-z]+_[a-z_]+$/.test(m[2])) values.add(w);
    }
    // before/after are subjects only when a claim talks about them
    for (const w of ['before', 'after']) if (new RegExp(`\\b${w}\\b`, 'i').test(text)) subjects.add(w);
  }
  return { subjects, values };
}

function clip(s: string, max = MAX_VALUE): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function json(v: unknown): string {
  return clip(JSON.stringify(v) ?? 'undefined');
}

const OP_NAMES: Record<string, string[]> = { c: ['insert', 'create'], u: ['update'], d: ['delete'], r: ['snapshot', 'read'], t: ['truncate'], m: ['message'] };

function eventLines(e: Recorded['events'][number], words: ClaimWords): Line[] {
  const key = json(e.key);
  const notable = Object.entries(e.headers ?? {}).filter(([k]) => !k.startsWith('__debezium.context.'));
  const headers: Line[] = notable.length > 0 ? [{ text: `    headers ${json(Object.fromEntries(notable))}`, subjects: ['headers', ...notable.flatMap(([k]) => k.toLowerCase().split('.'))] }] : [];
  if (e.value === null) return [{ text: `[tombstone] ${e.topic} key ${key}`, subjects: ['tombstone'] }, ...headers];
  const v = e.value as Envelope;
  const op = v.op ?? '?';
  const lines: Line[] = [{ text: `[${op}] ${e.topic} key ${key}`, subjects: ['op', op, ...(OP_NAMES[op] ?? [])] }];
  if (op === 'u' && v.before != null && v.after != null) {
    const changed = Object.keys({ ...v.before, ...v.after }).filter((k) => JSON.stringify(v.before?.[k]) !== JSON.stringify(v.after?.[k]));
    for (const k of changed) {
      lines.push({ text: `-   ${k}: ${json(v.before[k])}`, subjects: [k.toLowerCase(), 'before'] });
      lines.push({ text: `+   ${k}: ${json(v.after[k])}`, subjects: [k.toLowerCase(), 'after'] });
    }
    if (changed.length === 0) lines.push({ text: '    (no column changed)', subjects: [] });
  } else {
    if (v.before !== undefined && (v.before !== null || op === 'u' || op === 'd')) lines.push({ text: `${op === 'd' ? '-' : ' '}   before ${json(v.before)}`, subjects: ['before'] });
    if (v.after !== undefined && v.after !== null) lines.push({ text: `+   after ${json(v.after)}`, subjects: ['after'] });
  }
  const src = v.source ?? {};
  const named = ['snapshot', 'lsn', 'txid', 'table', 'schema'].filter((k) => words.subjects.has(k));
  if (named.length > 0) {
    lines.push({ text: `    source ${named.map((k) => `${k}=${JSON.stringify(src[k === 'txid' ? 'txId' : k])}`).join(' ')}`, subjects: ['source', ...named] });
  }
  return [...lines, ...headers];
}

function countOps(events: Recorded['events']): string {
  const counts = new Map<string, number>();
  for (const e of events) {
    const op = e.value === null ? 'tombstone' : ((e.value as Envelope).op ?? '?');
    counts.set(op, (counts.get(op) ?? 0) + 1);
  }
  return Array.from(counts).map(([op, n]) => `${op}×${n}`).join(', ');
}

function eventsLines(events: Recorded['events'], words: ClaimWords): Line[] {
  if (events.length <= MAX_EVENTS) return events.flatMap((e) => eventLines(e, words));
  return [
    { text: `${events.length} events (${countOps(events)}); the first ${MAX_EVENTS - 1} and the last:`, subjects: ['events'] },
    ...events.slice(0, MAX_EVENTS - 1).flatMap((e) => eventLines(e, words)),
    { text: `… ${events.length - MAX_EVENTS} more`, subjects: [] },
    ...eventLines(events[events.length - 1], words),
  ];
}

function rowsLines(rows: Recorded['rows']): Line[] {
  return rows.flatMap((q) => {
    const head: Line = { text: `${q.query.includes(' ') ? 'query' : q.query}: ${q.rows.length} row${q.rows.length === 1 ? '' : 's'}`, subjects: ['rows'] };
    const shown = q.rows.slice(0, MAX_ROWS).map((r): Line => ({ text: `  ${json(r)}`, subjects: r !== null && typeof r === 'object' ? Object.keys(r).map((k) => k.toLowerCase()) : [] }));
    const more: Line[] = q.rows.length > MAX_ROWS ? [{ text: `  … ${q.rows.length - MAX_ROWS} more`, subjects: [] }] : [];
    return [head, ...shown, ...more];
  });
}

/** `name.path: value` lines of an output, nested objects opened while they are too long for one line. */
function fieldLines(path: string, value: unknown, depth = 0): Line[] {
  const subjects = path.toLowerCase().split(/[.[\]]+/).filter((s) => s !== '');
  const whole = JSON.stringify(value) ?? 'undefined';
  if (value === null || typeof value !== 'object' || whole.length <= 100 || depth >= 3) return [{ text: `${path}: ${clip(whole)}`, subjects }];
  const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => fieldLines(k.startsWith('[') ? `${path}${k}` : `${path}.${k}`, v, depth + 1));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isHighlighted(line: Line, words: ClaimWords): boolean {
  if (line.subjects.some((s) => words.subjects.has(s))) return true;
  const text = line.text.toLowerCase();
  return Array.from(words.values).some((v) => new RegExp(`(^|[^a-z0-9_])${escapeRegExp(v)}($|[^a-z0-9_])`).test(text));
}

/** An output that says nothing (a REST call's empty answer): left to the full output. */
function empty(value: unknown): boolean {
  return value === null || value === '' || (typeof value === 'object' && Object.keys(value).length === 0);
}

function outputLines(output: Record<string, unknown>, words: ClaimWords): Line[] {
  return Object.entries(output).filter(([, value]) => !empty(value)).flatMap(([name, value]) => {
    const all = fieldLines(name, value);
    if (all.length <= MAX_FIELDS) return all;
    const named = all.filter((l) => isHighlighted(l, words));
    const keep = (named.length > 0 ? named : all).slice(0, MAX_FIELDS);
    return [...keep, { text: `${name}: … ${all.length - keep.length} more fields`, subjects: [] }];
  });
}

/** At most MAX_LINES lines, in their order: the highlighted ones first, then the others from the top. */
function capped(lines: FocusLine[]): FocusLine[] {
  if (lines.length <= MAX_LINES) return lines;
  const keep = new Set<number>();
  lines.forEach((l, i) => {
    if (l.highlighted && keep.size < MAX_LINES - 1) keep.add(i);
  });
  lines.forEach((_, i) => {
    if (keep.size < MAX_LINES - 1) keep.add(i);
  });
  const kept = lines.filter((_, i) => keep.has(i));
  return [...kept, { text: `… ${lines.length - kept.length} more lines in the full output`, highlighted: false }];
}

export function focusOutput(rec: Recorded | undefined, claims: string[]): Focus | undefined {
  if (rec === undefined) return undefined;
  const words = claimWords(claims);
  const errorLines: Line[] = rec.error === undefined ? [] : rec.error.split('\n').slice(0, 3).map((l, i) => ({ text: clip(i === 0 ? `error: ${l}` : `  ${l}`), subjects: ['error', 'fails', 'refuses'] }));
  const lines = [...eventsLines(rec.events, words), ...rowsLines(rec.rows), ...outputLines(rec.output, words), ...errorLines];
  if (lines.length === 0) return undefined;
  const marked = lines.map((l) => ({ text: l.text, highlighted: isHighlighted(l, words) }));
  return {
    lines: capped(marked),
    diff: lines.some((l) => /^[-+] {3}/.test(l.text)),
  };
}
