// The Confluent S3 sink connector's keys (io.confluent.connect.s3.S3SinkConnectorConfig, plus the
// storage-common partitioner keys of io.confluent.connect.storage.partitioner.PartitionerConfig), with
// their defaults. Errors name the key and, for enumerations, list the allowed values.
import { ConfigError, ConfigErrors } from '../../errors.ts';

import { S3_SINK_CONNECTOR_CLASS } from '../../connector-classes.ts';

export { S3_SINK_CONNECTOR_CLASS };
export const JSON_FORMAT = 'io.confluent.connect.s3.format.json.JsonFormat';
export const PARQUET_FORMAT = 'io.confluent.connect.s3.format.parquet.ParquetFormat';
/** the formats the native sink writes */
export const FORMATS = [JSON_FORMAT, PARQUET_FORMAT] as const;
/** Confluent's other formats, named in the "not supported yet" error */
const KNOWN_UNSUPPORTED_FORMATS = ['io.confluent.connect.s3.format.avro.AvroFormat', 'io.confluent.connect.s3.format.bytearray.ByteArrayFormat'];

const P = 'io.confluent.connect.storage.partitioner.';
export const PARTITIONERS = {
  default: `${P}DefaultPartitioner`,
  field: `${P}FieldPartitioner`,
  time: `${P}TimeBasedPartitioner`,
  daily: `${P}DailyPartitioner`,
  hourly: `${P}HourlyPartitioner`,
} as const;
const PARTITIONER_CLASSES = Object.values(PARTITIONERS) as string[];
export const TIMESTAMP_EXTRACTORS = ['Wallclock', 'Record', 'RecordField'] as const;
export const COMPRESSION_TYPES = ['none', 'gzip'] as const;
export const PARQUET_CODECS = ['snappy', 'none'] as const;
export const NULL_VALUE_BEHAVIORS = ['fail', 'ignore'] as const;

export type PartitionerSpec =
  | { kind: 'default' }
  | { kind: 'field'; fields: string[] }
  | {
      kind: 'time';
      pathFormat: string;
      partitionDurationMs: number;
      locale: string;
      timezone: string;
      timestampExtractor: (typeof TIMESTAMP_EXTRACTORS)[number];
      timestampField: string;
    };

export interface S3SinkConfig {
  name: string;
  topics: string[];
  topicsRegex: RegExp | null;
  bucket: string;
  region: string;
  storeUrl: string | null;
  pathStyleAccess: boolean;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  topicsDir: string;
  flushSize: number;
  rotateIntervalMs: number;
  rotateScheduleIntervalMs: number;
  formatClass: string;
  compression: (typeof COMPRESSION_TYPES)[number];
  parquetCodec: (typeof PARQUET_CODECS)[number];
  partitioner: PartitionerSpec;
  zeroPadWidth: number;
  directoryDelim: string;
  fileDelim: string;
  behaviorOnNullValues: (typeof NULL_VALUE_BEHAVIORS)[number];
  retryBackoffMs: number;
  /** the timezone of rotate.schedule.interval.ms (required with it, as Confluent's DateTimeZone.forID needs one) */
  scheduleTimezone: string;
  /** the raw config, for the transform chain */
  raw: Record<string, unknown>;
}

export function parseS3SinkConfig(input: Record<string, unknown>): S3SinkConfig {
  const errors: ConfigError[] = [];
  const raw: Record<string, unknown> = { ...input };
  const str = (k: string): string | undefined => {
    const v = raw[k];
    if (v === undefined || v === null) return undefined;
    const s = String(v).trim();
    return s === '' ? undefined : s;
  };
  const required = (k: string): string => {
    const v = str(k);
    if (v === undefined) errors.push(new ConfigError(k, 'missing required configuration'));
    return v ?? '';
  };
  const int = (k: string, def: number | undefined, min: number): number => {
    const v = str(k);
    if (v === undefined) {
      if (def === undefined) errors.push(new ConfigError(k, 'missing required configuration'));
      return def ?? 0;
    }
    if (!/^-?\d+$/.test(v)) {
      errors.push(new ConfigError(k, `"${v}" is not an integer`));
      return def ?? 0;
    }
    const n = Number(v);
    if (n < min) errors.push(new ConfigError(k, `${n} is below the minimum ${min}`));
    return n;
  };
  const oneOf = <T extends string>(k: string, allowed: readonly T[], def: T): T => {
    const v = str(k) ?? def;
    if (!(allowed as readonly string[]).includes(v)) {
      errors.push(new ConfigError(k, `unknown value "${v}"`, [...allowed]));
      return def;
    }
    return v as T;
  };
  const bool = (k: string, def: boolean): boolean => {
    const v = (str(k) ?? String(def)).toLowerCase();
    if (v !== 'true' && v !== 'false') errors.push(new ConfigError(k, `"${v}" is not a boolean`, ['true', 'false']));
    return v === 'true';
  };

  const cls = str('connector.class');
  if (cls !== undefined && cls !== S3_SINK_CONNECTOR_CLASS && cls !== 'S3SinkConnector') {
    errors.push(new ConfigError('connector.class', `"${cls}" is not the S3 sink`, [S3_SINK_CONNECTOR_CLASS]));
  }
  const name = required('name');
  const topics = (str('topics') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  let topicsRegex: RegExp | null = null;
  const re = str('topics.regex');
  if (re !== undefined) {
    try {
      topicsRegex = new RegExp(`^(?:${re})$`);
    } catch (e) {
      errors.push(new ConfigError('topics.regex', `invalid regular expression: ${(e as Error).message}`));
    }
  }
  if (topics.length === 0 && !topicsRegex) errors.push(new ConfigError('topics', 'missing: set topics (a comma-separated list) or topics.regex'));
  if (topics.length > 0 && topicsRegex) errors.push(new ConfigError('topics.regex', 'set either topics or topics.regex, not both'));

  const bucket = required('s3.bucket.name');
  const formatClass = str('format.class') ?? '';
  if (formatClass === '') errors.push(new ConfigError('format.class', 'missing required configuration', [...FORMATS]));
  else if (KNOWN_UNSUPPORTED_FORMATS.includes(formatClass)) {
    errors.push(new ConfigError('format.class', `${formatClass} is not supported yet by the native S3 sink`, [...FORMATS]));
  } else if (!(FORMATS as readonly string[]).includes(formatClass)) {
    errors.push(new ConfigError('format.class', `unknown format "${formatClass}"`, [...FORMATS]));
  }

  const partitionerClass = oneOf('partitioner.class', PARTITIONER_CLASSES, PARTITIONERS.default);
  let partitioner: PartitionerSpec = { kind: 'default' };
  if (partitionerClass === PARTITIONERS.field) {
    const fields = (str('partition.field.name') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
    if (fields.length === 0) errors.push(new ConfigError('partition.field.name', `missing: the FieldPartitioner needs at least one field`));
    partitioner = { kind: 'field', fields };
  } else if (partitionerClass === PARTITIONERS.time || partitionerClass === PARTITIONERS.daily || partitionerClass === PARTITIONERS.hourly) {
    const presets: Record<string, [string, number]> = {
      [PARTITIONERS.daily]: ["'year'=YYYY/'month'=MM/'day'=dd", 86_400_000],
      [PARTITIONERS.hourly]: ["'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH", 3_600_000],
    };
    const preset = presets[partitionerClass];
    const pathFormat = preset ? preset[0] : required('path.format');
    const partitionDurationMs = preset ? preset[1] : int('partition.duration.ms', undefined, 0);
    const locale = str('locale') ?? '';
    if (!locale) errors.push(new ConfigError('locale', 'missing: the time-based partitioners need a locale (e.g. en-US)'));
    else {
      try {
        new Intl.DateTimeFormat(locale.replace('_', '-'));
      } catch {
        errors.push(new ConfigError('locale', `invalid locale "${locale}"`));
      }
    }
    const timezone = str('timezone') ?? '';
    if (!timezone) errors.push(new ConfigError('timezone', 'missing: the time-based partitioners need a timezone (e.g. UTC)'));
    else {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: timezone });
      } catch {
        errors.push(new ConfigError('timezone', `unknown time zone "${timezone}"`));
      }
    }
    partitioner = {
      kind: 'time', pathFormat, partitionDurationMs, locale, timezone,
      timestampExtractor: oneOf('timestamp.extractor', TIMESTAMP_EXTRACTORS, 'Wallclock'),
      timestampField: str('timestamp.field') ?? 'timestamp',
    };
  }

  const rotateScheduleIntervalMs = int('rotate.schedule.interval.ms', -1, -1);
  let scheduleTimezone = 'UTC';
  if (rotateScheduleIntervalMs > 0) {
    const tz = str('timezone');
    if (tz === undefined) errors.push(new ConfigError('timezone', 'missing: rotate.schedule.interval.ms aligns rotations to the day in a timezone (e.g. UTC)'));
    else if (partitioner.kind !== 'time') {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        scheduleTimezone = tz;
      } catch {
        errors.push(new ConfigError('timezone', `unknown time zone "${tz}"`));
      }
    } else scheduleTimezone = tz;
  }
  const out: S3SinkConfig = {
    name,
    topics,
    topicsRegex,
    bucket,
    region: str('s3.region') ?? 'us-west-2',
    storeUrl: str('store.url') ?? null,
    pathStyleAccess: bool('s3.path.style.access.enabled', true),
    accessKeyId: str('aws.access.key.id') ?? null,
    secretAccessKey: str('aws.secret.access.key') ?? null,
    topicsDir: str('topics.dir') ?? 'topics',
    flushSize: int('flush.size', undefined, 1),
    rotateIntervalMs: int('rotate.interval.ms', -1, -1),
    rotateScheduleIntervalMs,
    scheduleTimezone,
    formatClass,
    compression: oneOf('s3.compression.type', COMPRESSION_TYPES, 'none'),
    parquetCodec: oneOf('parquet.codec', PARQUET_CODECS, 'snappy'),
    partitioner,
    zeroPadWidth: int('filename.offset.zero.pad.width', 10, 0),
    directoryDelim: str('directory.delim') ?? '/',
    fileDelim: str('file.delim') ?? '+',
    behaviorOnNullValues: oneOf('behavior.on.null.values', NULL_VALUE_BEHAVIORS, 'fail'),
    retryBackoffMs: int('s3.retry.backoff.ms', 200, 0),
    raw,
  };
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new ConfigErrors(errors);
  return out;
}
