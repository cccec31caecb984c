// Parsers for PostgreSQL's text output format (DateStyle ISO, IntervalStyle postgres, bytea_output hex),
// the format both the snapshot query and pgoutput deliver.

/** '\x0102ff' (hex) or the legacy escape format. */
export function parseBytea(text: string): Buffer {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      out.push(...Buffer.from(c, 'utf8'));
    } else if (text[i + 1] === '\\') {
      out.push(0x5c);
      i++;
    } else {
      out.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    }
  }
  return Buffer.from(out);
}

/**
 * A one-dimensional array literal: '{1,2,NULL,"a b","x\\"y"}' → ['1','2',null,'a b','x"y'].
 * Nested (multi-dimensional) arrays are returned as nested lists.
 */
export type PgArray = Array<string | null | PgArray>;

export function parseArray(text: string, delimiter = ','): PgArray {
  let i = 0;
  // optional dimension decoration: '[0:2]={1,2,3}'
  if (text[0] === '[') i = text.indexOf('=') + 1;
  const parse = (): PgArray => {
    if (text[i] !== '{') throw new Error(`not an array literal: ${text}`);
    i++;
    const out: PgArray = [];
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      if (text[i] === '{') {
        out.push(parse());
      } else if (text[i] === '"') {
        i++;
        let v = '';
        while (text[i] !== '"') {
          if (text[i] === '\\') i++;
          v += text[i++];
        }
        i++;
        out.push(v);
      } else {
        let v = '';
        while (text[i] !== delimiter && text[i] !== '}') v += text[i++];
        const t = v.trim();
        out.push(t.toUpperCase() === 'NULL' ? null : t);
      }
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return out;
      }
      throw new Error(`malformed array literal at ${i}: ${text}`);
    }
  };
  return parse();
}

const DATE_RE = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/;

function daysFromCivil(y: number, m: number, d: number): number {
  // proleptic Gregorian (java.time), Howard Hinnant's algorithm
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** 'YYYY-MM-DD' → days since 1970-01-01 ('BC' years are 1 - year in ISO). */
export function parseDateDays(text: string): number {
  const m = DATE_RE.exec(text);
  if (!m) throw new Error(`unsupported date text ${JSON.stringify(text)}`);
  let y = Number(m[1]);
  if (m[4]) y = 1 - y;
  return daysFromCivil(y, Number(m[2]), Number(m[3]));
}

/** 'HH:MM:SS[.ffffff]' → microseconds past midnight (24:00:00 allowed, as PostgreSQL allows it). */
export function parseTimeMicros(text: string): bigint {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) throw new Error(`unsupported time text ${JSON.stringify(text)}`);
  const frac = BigInt((m[4] ?? '').padEnd(6, '0'));
  return ((BigInt(m[1]) * 60n + BigInt(m[2])) * 60n + BigInt(m[3])) * 1_000_000n + frac;
}

export interface ParsedTimestamp {
  /** microseconds since the epoch, at UTC */
  micros: bigint;
}

const TS_RE = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?)?( BC)?$/;

/** 'YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM[:SS]]][ BC]' → micros since epoch (offset applied when present). */
export function parseTimestampMicros(text: string): bigint {
  const m = TS_RE.exec(text);
  if (!m) throw new Error(`unsupported timestamp text ${JSON.stringify(text)}`);
  let y = Number(m[1]);
  if (m[12]) y = 1 - y;
  const days = BigInt(daysFromCivil(y, Number(m[2]), Number(m[3])));
  const secs = (BigInt(m[4]) * 60n + BigInt(m[5])) * 60n + BigInt(m[6]);
  let micros = (days * 86400n + secs) * 1_000_000n + BigInt((m[7] ?? '').padEnd(6, '0'));
  if (m[8]) {
    const off = (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0)) * (m[8] === '-' ? -1 : 1);
    micros -= BigInt(off) * 1_000_000n;
  }
  return micros;
}

export interface ParsedTimeTz {
  /** microseconds past midnight, at the value's own offset */
  micros: bigint;
  offsetSeconds: number;
}

export function parseTimeTz(text: string): ParsedTimeTz {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`unsupported timetz text ${JSON.stringify(text)}`);
  const micros = ((BigInt(m[1]) * 60n + BigInt(m[2])) * 60n + BigInt(m[3])) * 1_000_000n + BigInt((m[4] ?? '').padEnd(6, '0'));
  const offsetSeconds = (Number(m[6]) * 3600 + Number(m[7] ?? 0) * 60 + Number(m[8] ?? 0)) * (m[5] === '-' ? -1 : 1);
  return { micros, offsetSeconds };
}

export interface ParsedInterval {
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/**
 * IntervalStyle 'postgres' output, parsed as org.postgresql.util.PGInterval.setValue does:
 * '1 year 2 mons 3 days 04:05:06.789', '-1 days +02:00:00', '-00:00:01.5'.
 */
export function parseInterval(text: string): ParsedInterval {
  const r: ParsedInterval = { years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  const tokens = text.trim().split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.includes(':')) {
      const neg = tok.startsWith('-');
      const [h, mi, se = '0'] = tok.replace(/^[+-]/, '').split(':');
      const sign = neg ? -1 : 1;
      r.hours = sign * Number(h);
      r.minutes = sign * Number(mi);
      r.seconds = sign * Number(se);
      continue;
    }
    const value = Number(tok);
    const unit = (tokens[++i] ?? '').toLowerCase();
    if (unit.startsWith('year')) r.years = value;
    else if (unit.startsWith('mon')) r.months = value;
    else if (unit.startsWith('day')) r.days = value;
    else if (unit.startsWith('hour')) r.hours = value;
    else if (unit.startsWith('min')) r.minutes = value;
    else if (unit.startsWith('sec')) r.seconds = value;
    else throw new Error(`unsupported interval text ${JSON.stringify(text)}`);
  }
  return r;
}

/** org.postgresql.util.PGmoney: '$1,234.56', '-$1.00', '($1.00)' → 1234.56, -1, -1 */
export function parseMoney(text: string): number {
  let s = text.trim();
  let neg = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    neg = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-')) {
    neg = true;
    s = s.slice(1);
  }
  s = s.replace(/[^0-9.]/g, '');
  const v = Number(s);
  if (Number.isNaN(v)) throw new Error(`unsupported money text ${JSON.stringify(text)}`);
  return neg ? -v : v;
}

/** hstore text '"a"=>"1", "b"=>NULL' → map (org.postgresql.util.HStoreConverter.fromString). */
export function parseHstore(text: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  let i = 0;
  const skipWs = (): void => {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
  };
  const readToken = (): { v: string; quoted: boolean } => {
    if (text[i] === '"') {
      i++;
      let v = '';
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        v += text[i++];
      }
      i++;
      return { v, quoted: true };
    }
    let v = '';
    while (i < text.length && !/[\s,=]/.test(text[i])) v += text[i++];
    return { v, quoted: false };
  };
  skipWs();
  while (i < text.length) {
    const k = readToken();
    while (text[i] === ' ') i++;
    i += 2; // =>
    while (text[i] === ' ') i++;
    const v = readToken();
    out.set(k.v, !v.quoted && v.v.toUpperCase() === 'NULL' ? null : v.v);
    skipWs();
  }
  return out;
}

/** PGpoint text '(1.5,2)' → [x, y] */
export function parsePoint(text: string): [number, number] {
  const m = /^\(\s*([^,]+)\s*,\s*([^)]+)\s*\)$/.exec(text.trim());
  if (!m) throw new Error(`unsupported point text ${JSON.stringify(text)}`);
  return [Number(m[1]), Number(m[2])];
}
