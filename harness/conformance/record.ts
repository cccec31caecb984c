// One Kafka record as the conformance check compares it: the topic without its prefix, and the
// key, value and headers decoded from the JsonConverter's JSON.

export interface CapturedRecord {
  /** the topic name after "<topic.prefix>." ("public.all_types", "transaction") */
  topic: string;
  offset: number;
  key: unknown;
  value: unknown;
  headers: Record<string, unknown>;
}

const BIG = '\u0000bigint:';

/**
 * Integer literals a double cannot hold (int64 columns, oid) wrapped as marked strings, so JSON.parse
 * keeps every digit; strings are skipped over.
 */
function protectBigIntegers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const token = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i))?.[0] ?? c;
      out += /^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token)) ? `"\\u0000bigint:${token}"` : token;
      i += token.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * JSON text to a value; integers beyond 2^53 become bigint. Text that is not JSON stays a string,
 * an absent value stays null.
 */
export function decodeJson(data: Buffer | string | null | undefined): unknown {
  if (data === null || data === undefined) return null;
  const text = typeof data === 'string' ? data : data.toString('utf8');
  try {
    return JSON.parse(protectBigIntegers(text), (_key, value: unknown) =>
      typeof value === 'string' && value.startsWith(BIG) ? BigInt(value.slice(BIG.length)) : value,
    ) as unknown;
  } catch {
    return text;
  }
}

/** JSON.stringify that writes bigints as their digits. */
export function toJson(value: unknown, space?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), space);
}
