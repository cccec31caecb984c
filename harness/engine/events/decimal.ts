// Decimal helpers: org.apache.kafka.connect.data.Decimal carries the unscaled value as big-endian
// two's-complement bytes (BigInteger.toByteArray), which the JsonConverter prints as base64.

export interface ParsedDecimal {
  unscaled: bigint;
  scale: number;
}

/** Parse PostgreSQL numeric text ('-12.340', '1e5' not produced by PG) into unscaled + scale. */
export function parseDecimal(text: string): ParsedDecimal {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal number: ${JSON.stringify(text)}`);
  const [, sign, intPart, fracPart = '', expPart] = m;
  let scale = fracPart.length - (expPart ? Number(expPart) : 0);
  let unscaled = BigInt((intPart || '0') + fracPart);
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { unscaled: sign === '-' ? -unscaled : unscaled, scale };
}

/** BigDecimal.setScale(newScale) for a scale increase, or HALF_UP rounding for a decrease (as setScale(n, HALF_UP)). */
export function setScale(d: ParsedDecimal, newScale: number): ParsedDecimal {
  if (newScale === d.scale) return d;
  if (newScale > d.scale) return { unscaled: d.unscaled * 10n ** BigInt(newScale - d.scale), scale: newScale };
  const div = 10n ** BigInt(d.scale - newScale);
  const neg = d.unscaled < 0n;
  const abs = neg ? -d.unscaled : d.unscaled;
  let q = abs / div;
  if ((abs % div) * 2n >= div) q += 1n;
  return { unscaled: neg ? -q : q, scale: newScale };
}

/** BigDecimal.stripTrailingZeros, then a negative scale set back to 0 (PostgresValueConverter.convertDecimal). */
export function stripTrailingZeros(d: ParsedDecimal): ParsedDecimal {
  let { unscaled, scale } = d;
  if (unscaled === 0n) return { unscaled: 0n, scale: 0 };
  while (scale > 0 && unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale -= 1;
  }
  return { unscaled, scale };
}

/** java.math.BigInteger.toByteArray: minimal big-endian two's complement. */
export function bigintToTwosComplement(v: bigint): Buffer {
  let hex: string;
  if (v >= 0n) {
    hex = v.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    if (parseInt(hex[0], 16) >= 8) hex = '00' + hex;
  } else {
    // smallest byte length n with -2^(8n-1) <= v
    let n = 1;
    while (-(1n << BigInt(8 * n - 1)) > v) n++;
    hex = ((1n << BigInt(8 * n)) + v).toString(16).padStart(2 * n, '0');
  }
  return Buffer.from(hex, 'hex');
}

export function decimalToPlainString(d: ParsedDecimal): string {
  const neg = d.unscaled < 0n;
  let digits = (neg ? -d.unscaled : d.unscaled).toString();
  if (d.scale > 0) {
    digits = digits.padStart(d.scale + 1, '0');
    digits = `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
  }
  return (neg ? '-' : '') + digits;
}
