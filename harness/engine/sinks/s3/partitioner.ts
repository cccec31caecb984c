// Confluent storage-common partitioners (io.confluent.connect.storage.partitioner.*) and the S3 sink's
// object names: <topics.dir>/<topic>/<encodedPartition>/<topic>+<kafkaPartition>+<startOffset>.<ext>
// (DefaultPartitioner.generatePartitionedPath puts the topic before the encoded partition;
// S3SinkTask/TopicPartitionWriter.fileKey adds topics.dir and the zero-padded start offset).
import type { SinkRecord } from '../../connect/connect-record.ts';
import { PARQUET_FORMAT, type PartitionerSpec, type S3SinkConfig } from './config.ts';

export class PartitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartitionError';
  }
}

export type Partitioner = (record: SinkRecord, nowMs: number) => string;

export function makePartitioner(spec: PartitionerSpec, delim = '/'): Partitioner {
  switch (spec.kind) {
    case 'default':
      return (r) => `partition=${r.partition}`;
    case 'field':
      return (r) => spec.fields.map((f) => `${f}=${fieldText(r, f)}`).join(delim);
    case 'time': {
      const format = compileJodaFormat(spec.pathFormat, spec.locale);
      return (r, now) => {
        const ts = extractTimestamp(spec, r, now);
        return format(bucketLocalMs(ts, spec.partitionDurationMs, spec.timezone));
      };
    }
  }
}

function valueField(r: SinkRecord, path: string): unknown {
  let v: unknown = r.value;
  for (const p of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = v instanceof Map ? v.get(p) : (v as Record<string, unknown>)[p];
  }
  return v;
}

/** FieldPartitioner.encodePartition: integers, strings and booleans; anything else is an error. */
function fieldText(r: SinkRecord, field: string): string {
  if (r.value === null || r.value === undefined) throw new PartitionError(`FieldPartitioner: record ${r.topic}-${r.partition}@${r.offset} has a null value, no field "${field}" to partition by`);
  const v = valueField(r, field);
  if (typeof v === 'string' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  throw new PartitionError(`FieldPartitioner: field "${field}" of record ${r.topic}-${r.partition}@${r.offset} is ${v === undefined ? 'missing' : `a ${typeof v}`}; supported types are integers, strings and booleans`);
}

function extractTimestamp(spec: Extract<PartitionerSpec, { kind: 'time' }>, r: SinkRecord, now: number): number {
  if (spec.timestampExtractor === 'Wallclock') return now;
  if (spec.timestampExtractor === 'Record') return r.timestamp;
  const v = valueField(r, spec.timestampField);
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  throw new PartitionError(`RecordField timestamp extractor: field "${spec.timestampField}" of record ${r.topic}-${r.partition}@${r.offset} is not a timestamp (${JSON.stringify(typeof v === 'bigint' ? String(v) : v)})`);
}

/** ms of the local wall clock in `timeZone` at `utcMs`, read as if it were UTC (Joda's convertUTCToLocal) */
export function utcToLocal(utcMs: number, timeZone: string): number {
  const f = dtf(timeZone);
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour === 24 ? 0 : parts.hour, parts.minute, parts.second);
  return local + (((utcMs % 1000) + 1000) % 1000);
}
const dtfs = new Map<string, Intl.DateTimeFormat>();
function dtf(timeZone: string): Intl.DateTimeFormat {
  let f = dtfs.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    dtfs.set(timeZone, f);
  }
  return f;
}

/** TimeBasedPartitioner.getPartition, returned as the local wall-clock ms of the bucket start */
export function bucketLocalMs(utcMs: number, durationMs: number, timeZone: string): number {
  const local = utcToLocal(utcMs, timeZone);
  return durationMs > 0 ? Math.floor(local / durationMs) * durationMs : local;
}

/** Joda DateTimeFormat patterns (path.format): y/Y year, M month, d day, H hour, m minute, s second, S millis, 'literal'. */
export function compileJodaFormat(pattern: string, locale: string): (localMs: number) => string {
  const tokens: Array<string | ((d: Date) => string)> = [];
  const loc = locale.replace('_', '-');
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      let j = i + 1;
      let lit = '';
      for (;;) {
        if (j >= pattern.length) break;
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") { lit += "'"; j += 2; continue; }
          break;
        }
        lit += pattern[j++];
      }
      tokens.push(j === i + 1 && pattern[j] === "'" ? "'" : lit);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      i += n;
      switch (c) {
        case 'y': case 'Y': case 'x':
          tokens.push((d) => (n === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), n)));
          break;
        case 'M':
          tokens.push(n >= 3
            ? (d) => new Intl.DateTimeFormat(loc, { month: n === 3 ? 'short' : 'long', timeZone: 'UTC' }).format(d)
            : (d) => pad(d.getUTCMonth() + 1, n));
          break;
        case 'd': tokens.push((d) => pad(d.getUTCDate(), n)); break;
        case 'H': tokens.push((d) => pad(d.getUTCHours(), n)); break;
        case 'm': tokens.push((d) => pad(d.getUTCMinutes(), n)); break;
        case 's': tokens.push((d) => pad(d.getUTCSeconds(), n)); break;
        case 'S': tokens.push((d) => pad(d.getUTCMilliseconds(), 3).slice(0, n)); break;
        default:
          throw new PartitionError(`path.format: pattern letter "${c}" is not supported (use y, Y, M, d, H, m, s, S and 'quoted' text)`);
      }
      continue;
    }
    tokens.push(c);
    i++;
  }
  return (localMs) => {
    const d = new Date(localMs);
    return tokens.map((t) => (typeof t === 'string' ? t : t(d))).join('');
  };
}

export function extensionOf(config: Pick<S3SinkConfig, 'compression' | 'formatClass' | 'parquetCodec'>): string {
  if (config.formatClass === PARQUET_FORMAT) return config.parquetCodec === 'none' ? '.parquet' : `.${config.parquetCodec}.parquet`;
  return config.compression === 'gzip' ? '.json.gz' : '.json';
}

/** TopicPartitionWriter.fileKey */
export function objectKey(
  config: Pick<S3SinkConfig, 'topicsDir' | 'directoryDelim' | 'fileDelim' | 'zeroPadWidth' | 'compression' | 'formatClass' | 'parquetCodec'>,
  topic: string,
  kafkaPartition: number,
  encodedPartition: string,
  startOffset: string | number | bigint,
): string {
  const d = config.directoryDelim;
  const offset = String(startOffset).padStart(config.zeroPadWidth, '0');
  return `${config.topicsDir}${d}${topic}${d}${encodedPartition}${d}${topic}${config.fileDelim}${kafkaPartition}${config.fileDelim}${offset}${extensionOf(config)}`;
}
