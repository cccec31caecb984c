// Decodes a decimal as Debezium's precise mode sends it in JSON: base64 of the unscaled value's
// big-endian two's-complement bytes (Java's BigInteger.toByteArray), with the scale taken from the
// field's schema. Exact: no floating point on the way.
//   node labs/decimal-handling/decode-decimal.ts B88= 2   →  19.99
import { fileURLToPath } from 'node:url';

export function unscaledOf(base64: string): bigint {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) return 0n;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  // the first bit is the sign: subtract 2^(8·length) for a negative value
  return bytes[0] & 0x80 ? n - (1n << BigInt(bytes.length * 8)) : n;
}

export function decodeDecimal(base64: string, scale: number): string {
  const unscaled = unscaledOf(base64);
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const sign = unscaled < 0n ? '-' : '';
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [base64, scale] = process.argv.slice(2);
  if (base64 === undefined || scale === undefined || !/^\d+$/.test(scale)) {
    console.error('usage: node decode-decimal.ts <base64> <scale>');
    process.exit(2);
  }
  console.log(decodeDecimal(base64, Number(scale)));
}
