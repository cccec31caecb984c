// Date/time kinds: JdbcValueConverters + PostgresValueConverter under time.precision.mode, io.debezium.time.*.
import type { ColumnMeta } from './contract.ts';
import { LOGICAL, s } from '../connect/connect-schema.ts';
import { decimalToPlainString, parseDecimal, stripTrailingZeros } from './decimal.ts';
import { parseDateDays, parseInterval, parseTimeMicros, parseTimestampMicros, parseTimeTz } from '../postgres/pg-text.ts';
import { formatZonedTime, formatZonedTimestamp } from './time-format.ts';
import { placeholderString, type Kind, type TypeMapConfig } from './type-kind.ts';

export const NANOS_OR_MICROS_PRECISION_DEFAULT = 6; // pgjdbc TypeInfoCache.getScale: time types with typmod -1 → 6

/** time/timetz/timestamp/timestamptz precision (typmod is the precision, -1 = 6). */
export function timePrecision(col: Pick<ColumnMeta, 'typeMod'>): number {
  return col.typeMod >= 0 ? col.typeMod : NANOS_OR_MICROS_PRECISION_DEFAULT;
}

export function dateKind(cfg: TypeMapConfig): Kind {
  // TemporalPrecisionMode.getDateBuilder: io.debezium.time.Date, or Connect's Date in connect mode (both days)
  const schema = cfg.timePrecisionMode === 'connect'
    ? s.logical('int32', LOGICAL.connectDate, 1)
    : s.logical('int32', LOGICAL.date, 1);
  return { schema, fromText: dateDays, toast: placeholderString, fallback: 0 };
}

// PostgresValueConverter.POSITIVE/NEGATIVE_INFINITY_LOCAL_DATE as epoch days (observed on Debezium 3.2.7)
const DATE_POS_INFINITY_DAYS = -2147472692;
const DATE_NEG_INFINITY_DAYS = -2147472691;

function dateDays(t: string): number {
  if (t === 'infinity') return DATE_POS_INFINITY_DAYS;
  if (t === '-infinity') return DATE_NEG_INFINITY_DAYS;
  return parseDateDays(t);
}

export function timeKind(col: ColumnMeta, cfg: TypeMapConfig): Kind {
  // JdbcValueConverters.schemaBuilder(TIME) + convertTime*: adaptive picks by precision
  const p = timePrecision(col);
  const millis = (t: string): number => Number(parseTimeMicros(t) / 1000n);
  if (cfg.timePrecisionMode === 'connect') {
    return { schema: s.logical('int32', LOGICAL.connectTime, 1), fromText: millis, toast: placeholderString, fallback: 0 };
  }
  if (cfg.timePrecisionMode === 'adaptive' && p <= 3) {
    return { schema: s.logical('int32', LOGICAL.time, 1), fromText: millis, toast: placeholderString, fallback: 0 };
  }
  if (cfg.timePrecisionMode === 'adaptive' && p > 6) {
    return { schema: s.logical('int64', LOGICAL.nanoTime, 1), fromText: (t) => parseTimeMicros(t) * 1000n, toast: placeholderString, fallback: 0n };
  }
  return { schema: s.logical('int64', LOGICAL.microTime, 1), fromText: parseTimeMicros, toast: placeholderString, fallback: 0n };
}

// PostgresValueConverter: 'infinity'/'-infinity' timestamps become PGStatement.DATE_(POSITIVE|NEGATIVE)_INFINITY micros
export const PG_POS_INFINITY_MICROS = 9223372036825200000n;
export const PG_NEG_INFINITY_MICROS = -9223372036832400000n;

export function timestampMicros(t: string): bigint {
  if (t === 'infinity') return PG_POS_INFINITY_MICROS;
  if (t === '-infinity') return PG_NEG_INFINITY_MICROS;
  return parseTimestampMicros(t);
}

export const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

export function timestampKind(col: ColumnMeta, cfg: TypeMapConfig): Kind {
  // TemporalPrecisionMode.getTimestampBuilder: connect → Connect Timestamp (ms); adaptive(*) → by precision
  const p = timePrecision(col);
  const millis = (t: string): bigint => floorDiv(timestampMicros(t), 1000n);
  if (cfg.timePrecisionMode === 'connect') {
    return { schema: s.logical('int64', LOGICAL.connectTimestamp, 1), fromText: millis, toast: placeholderString, fallback: 0n };
  }
  if (p <= 3) return { schema: s.logical('int64', LOGICAL.timestamp, 1), fromText: millis, toast: placeholderString, fallback: 0n };
  if (p <= 6) return { schema: s.logical('int64', LOGICAL.microTimestamp, 1), fromText: timestampMicros, toast: placeholderString, fallback: 0n };
  return { schema: s.logical('int64', LOGICAL.nanoTimestamp, 1), fromText: (t) => timestampMicros(t) * 1000n, toast: placeholderString, fallback: 0n };
}

export function timestamptzKind(col: ColumnMeta): Kind {
  // PostgresValueConverter.convertTimestampWithZone: UTC, fraction width = column scale; infinity kept as text
  const width = timePrecision(col);
  return {
    schema: s.logical('string', LOGICAL.zonedTimestamp, 1),
    fromText: (t) => (t === 'infinity' || t === '-infinity' ? t : formatZonedTimestamp(parseTimestampMicros(t), width)),
    toast: placeholderString,
    fallback: '1970-01-01T00:00:00Z',
  };
}

export function timetzKind(): Kind {
  // PostgresValueConverter.convertTimeWithZone: shifted to UTC, printed as ISO_OFFSET_TIME
  return {
    schema: s.logical('string', LOGICAL.zonedTime, 1),
    fromText: (t) => {
      const { micros, offsetSeconds } = parseTimeTz(t);
      const day = 86_400_000_000n;
      const utc = (((micros - BigInt(offsetSeconds) * 1_000_000n) % day) + day) % day;
      return formatZonedTime(utc);
    },
    toast: placeholderString,
    fallback: '00:00:00Z',
  };
}

/** io.debezium.time.MicroDuration.durationMicros with DAYS_PER_MONTH_AVG = 30.4375 */
export function durationMicros(i: ReturnType<typeof parseInterval>): bigint {
  const numberOfDays = (i.years * 12 + i.months) * 30.4375 + i.days;
  const numberOfSeconds = ((numberOfDays * 24 + i.hours) * 60 + i.minutes) * 60 + i.seconds;
  return javaDoubleToLong(numberOfSeconds * 1e6);
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Java's (long) cast of a double: truncates, saturates at Long.MIN_VALUE/MAX_VALUE, NaN → 0 */
export function javaDoubleToLong(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x <= -(2 ** 63)) return LONG_MIN;
  if (x >= 2 ** 63) return LONG_MAX;
  return BigInt(Math.trunc(x));
}

/** io.debezium.time.Interval.toIsoString: 'P1Y2M3DT4H5M6.78S' */
export function intervalIsoString(i: ReturnType<typeof parseInterval>): string {
  const secs = decimalToPlainString(stripTrailingZeros(parseDecimal(String(i.seconds))));
  return `P${i.years}Y${i.months}M${i.days}DT${i.hours}H${i.minutes}M${secs}S`;
}

export function intervalKind(cfg: TypeMapConfig): Kind {
  if (cfg.intervalHandlingMode === 'string') {
    return { schema: s.logical('string', LOGICAL.interval, 1), fromText: (t) => intervalIsoString(parseInterval(t)), toast: placeholderString, fallback: 'P0Y0M0DT0H0M0S' };
  }
  return { schema: s.logical('int64', LOGICAL.microDuration, 1), fromText: (t) => durationMicros(parseInterval(t)), toast: placeholderString, fallback: 0n };
}
