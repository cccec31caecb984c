// Header values as Kafka Connect's default header converter prints them (SimpleHeaderConverter →
// org.apache.kafka.connect.data.Values.convertToString): a struct as {"id":2}; inside it strings and
// bytes (base64) are quoted, numbers bare (Decimal as its plain value, doubles as Double.toString),
// Connect Date/Time/Timestamp as unquoted ISO text; a top-level string is raw.
import { LOGICAL, type ConnectSchema } from './connect-schema.ts';
import { decimalToPlainString } from '../events/decimal.ts';
import { javaDoubleToString, javaFloatToString } from './java-format.ts';
import { formatZonedTimestamp } from '../events/time-format.ts';

// Values.escape: only backslash and double quote
const quote = (v: string): string => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function unscaledFromBytes(b: Buffer): bigint {
  if (b.length === 0) return 0n;
  let v = BigInt(`0x${b.toString('hex')}`);
  if (b[0] & 0x80) v -= 1n << BigInt(8 * b.length);
  return v;
}

function append(schema: ConnectSchema | undefined, value: unknown, embedded: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (schema?.name === LOGICAL.decimal && Buffer.isBuffer(value)) {
    return decimalToPlainString({ unscaled: unscaledFromBytes(value), scale: Number(schema.parameters?.scale ?? 0) });
  }
  if (schema?.name === LOGICAL.connectDate) return formatZonedTimestamp(BigInt(value as number) * 86_400_000_000n).slice(0, 10);
  if (schema?.name === LOGICAL.connectTimestamp) return formatZonedTimestamp(BigInt(value as bigint) * 1000n, 3);
  if (schema?.name === LOGICAL.connectTime) return formatZonedTimestamp(BigInt(value as number) * 1000n, 3).slice(11);
  if (schema?.type === 'float64') return javaDoubleToString(value as number);
  if (schema?.type === 'float32') return javaFloatToString(value as number);
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return embedded ? quote(value) : value;
  if (Buffer.isBuffer(value)) return embedded ? quote(value.toString('base64')) : value.toString('base64');
  if (Array.isArray(value)) return `[${value.map((v) => append(schema?.items, v, true)).join(',')}]`;
  if (schema?.type === 'struct') {
    const obj = value as Record<string, unknown>;
    return `{${schema.fields!.map((f) => `${quote(f.name)}:${append(f.schema, obj[f.name], true)}`).join(',')}}`;
  }
  return String(value);
}

export function headerString(schema: ConnectSchema, value: unknown): string {
  return append(schema, value, false);
}
