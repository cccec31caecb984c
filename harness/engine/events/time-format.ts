// ISO-8601 printing as java.time's formatters do it (io.debezium.time.ZonedTimestamp / ZonedTime).

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const p2 = (n: number): string => String(n).padStart(2, '0');

function isoYear(y: number): string {
  // DateTimeFormatter.ISO_LOCAL_DATE: 4 digits, '+' above 9999, '-' for negative years
  if (y > 9999) return `+${y}`;
  if (y < 0) return `-${String(-y).padStart(4, '0')}`;
  return String(y).padStart(4, '0');
}

/**
 * Fraction of a second: exactly `width` digits when 1..9 (ZonedTimestamp's fixed-width formatter),
 * otherwise ISO_LOCAL_TIME's minimal form (nothing when zero, trailing zeros dropped).
 */
function fraction(nanos: number, width?: number): string {
  const nine = String(nanos).padStart(9, '0');
  if (width !== undefined && width >= 1 && width <= 9) return `.${nine.slice(0, width)}`;
  if (nanos === 0) return '';
  return `.${nine.replace(/0+$/, '')}`;
}

/** micros since epoch at UTC → '2024-01-02T03:04:05.123456Z' (ZonedTimestamp.toIsoString with fractionalWidth). */
export function formatZonedTimestamp(micros: bigint, fractionWidth?: number): string {
  const days = Number(micros >= 0n ? micros / 86_400_000_000n : -((-micros + 86_399_999_999n) / 86_400_000_000n));
  const rem = micros - BigInt(days) * 86_400_000_000n;
  const [y, m, d] = civilFromDays(days);
  const secOfDay = Number(rem / 1_000_000n);
  const nanos = Number(rem % 1_000_000n) * 1000;
  const hh = Math.floor(secOfDay / 3600);
  const mm = Math.floor((secOfDay % 3600) / 60);
  const ss = secOfDay % 60;
  return `${isoYear(y)}-${p2(m)}-${p2(d)}T${p2(hh)}:${p2(mm)}:${p2(ss)}${fraction(nanos, fractionWidth)}Z`;
}

/** micros past midnight at UTC → '08:15:30.1Z' (ZonedTime: ISO_OFFSET_TIME). */
export function formatZonedTime(microsOfDay: bigint): string {
  const secOfDay = Number(microsOfDay / 1_000_000n);
  const nanos = Number(microsOfDay % 1_000_000n) * 1000;
  const hh = Math.floor(secOfDay / 3600);
  const mm = Math.floor((secOfDay % 3600) / 60);
  const ss = secOfDay % 60;
  return `${p2(hh)}:${p2(mm)}:${p2(ss)}${fraction(nanos)}Z`;
}
