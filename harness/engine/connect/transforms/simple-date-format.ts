// java.text.SimpleDateFormat with the UTC time zone and the English (US) locale, as Kafka's TimestampConverter and
// TimestampRouter use it: the pattern compiled as Java does (quotes, 'Illegal pattern character'), format for every
// pattern letter, and the lenient parse (fields roll over, leading blanks before a field skipped, text after the
// pattern ignored). Like java.util.GregorianCalendar, dates before 1582-10-15 are in the Julian calendar; weeks (Y, w, W) follow the US rules (weeks start on Sunday, week 1 holds January 1). Parsing does not implement
// week fields (Y, w, W, F, u) or zone names other than UTC/UT/GMT: those are DataExceptions at parse time.
import { TransformDataError } from './record-side.ts';

const PATTERN_LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL';
const NUMERIC = new Set(['y', 'Y', 'd', 'k', 'H', 'm', 's', 'S', 'D', 'F', 'w', 'W', 'K', 'h', 'u']);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

type Token = { letter: null; text: string } | { letter: string; count: number };

const pad = (n: number, width: number): string => (n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0'));
const isNumericToken = (t: Token | undefined): boolean => t !== undefined && t.letter !== null && (NUMERIC.has(t.letter) || ((t.letter === 'M' || t.letter === 'L') && t.count <= 2));

/** SimpleDateFormat.compile: throws the IllegalArgumentException's message as an Error. */
function compile(pattern: string): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') tokens.push({ letter: null, text: literal });
    literal = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") { literal += "'"; i++; continue; }
      // inside quotes '' is a quote too
      let j = i + 1;
      let text = '';
      for (;;) {
        const q = pattern.indexOf("'", j);
        if (q < 0) throw new Error('Unterminated quote');
        text += pattern.slice(j, q);
        if (pattern[q + 1] === "'") { text += "'"; j = q + 2; continue; }
        i = q;
        break;
      }
      literal += text;
      continue;
    }
    if (!/[a-zA-Z]/.test(c)) { literal += c; continue; }
    if (!PATTERN_LETTERS.includes(c)) throw new Error(`Illegal pattern character '${c}'`);
    let count = 1;
    while (pattern[i + count] === c) count++;
    if (c === 'X' && count > 3) throw new Error(`invalid ISO 8601 format: length=${count}`);
    flush();
    tokens.push({ letter: c, count });
    i += count - 1;
  }
  flush();
  return tokens;
}

interface Civil { year: number; month: number; day: number; dow: number; doy: number; hour: number; minute: number; second: number; milli: number; julian: boolean }

/** GregorianCalendar's default cutover: 1582-10-15T00:00Z; earlier instants are Julian dates. */
const CUTOVER_MS = -12_219_292_800_000;
const EPOCH_JDN = 2_440_588; // Julian day number of 1970-01-01

/** Julian calendar date (month 0-based) of a day since the epoch. */
function julianDate(epochDay: number): [number, number, number] {
  const c = epochDay + EPOCH_JDN + 32082;
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return [d - 4800 + Math.floor(m / 10), m + 2 - 12 * Math.floor(m / 10), e - Math.floor((153 * m + 2) / 5) + 1];
}

/** Day since the epoch of a Julian calendar date; months and days past their range roll over (lenient). */
function julianEpochDay(year: number, month0: number, day: number): number {
  const y0 = year + Math.floor(month0 / 12);
  const month = (((month0 % 12) + 12) % 12) + 1;
  const a = Math.floor((14 - month) / 12);
  const y = y0 + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083 - EPOCH_JDN;
}

function civil(ms: number): Civil {
  const d = new Date(ms);
  const epochDay = Math.floor(ms / DAY_MS);
  const time = { dow: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), milli: d.getUTCMilliseconds() };
  if (ms < CUTOVER_MS) {
    const [year, month, day] = julianDate(epochDay);
    return { year, month, day, doy: epochDay - julianEpochDay(year, 0, 1) + 1, julian: true, ...time };
  }
  const year = d.getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  // 1582 began in the Julian calendar: its days count from the Julian January 1 (the year has 355)
  const jan1Day = year === 1582 ? julianEpochDay(1582, 0, 1) : Math.floor(jan1.getTime() / DAY_MS);
  return { year, month: d.getUTCMonth(), day: d.getUTCDate(), doy: epochDay - jan1Day + 1, julian: false, ...time };
}

const isLeap = (c: Civil): boolean => (c.year % 4 === 0 && (c.julian || c.year % 100 !== 0)) || c.year % 400 === 0;

/** Week of year and week year under the US rules (first day Sunday, minimal days in the first week 1). */
function weekOfYear(c: Civil): { week: number; weekYear: number } {
  const daysInYear = c.year === 1582 ? 355 : isLeap(c) ? 366 : 365;
  // the week holding this day ends after December 31: it holds next January 1, so it is week 1 of next year
  if (c.dow + (daysInYear - c.doy) < 6) return { week: 1, weekYear: c.year + 1 };
  const jan1Dow = (((c.dow - (c.doy - 1)) % 7) + 7) % 7;
  return { week: Math.floor((c.doy - 1 + jan1Dow) / 7) + 1, weekYear: c.year };
}

function yearText(year: number, count: number): string {
  const eraYear = year <= 0 ? 1 - year : year;
  return count === 2 ? pad(eraYear % 100, 2) : pad(eraYear, count);
}

function formatField(letter: string, count: number, c: Civil): string {
  switch (letter) {
    case 'G': return c.year <= 0 ? 'BC' : 'AD';
    case 'y': return yearText(c.year, count);
    case 'Y': return yearText(weekOfYear(c).weekYear, count);
    case 'M': case 'L': return count >= 4 ? MONTHS[c.month]! : count === 3 ? MONTHS[c.month]!.slice(0, 3) : pad(c.month + 1, count);
    case 'w': return pad(weekOfYear(c).week, count);
    case 'W': return pad(Math.floor((c.day - 1 + ((((c.dow - (c.day - 1)) % 7) + 7) % 7)) / 7) + 1, count);
    case 'D': return pad(c.doy, count);
    case 'd': return pad(c.day, count);
    case 'F': return pad(Math.floor((c.day - 1) / 7) + 1, count);
    case 'E': return count >= 4 ? DAYS[c.dow]! : DAYS[c.dow]!.slice(0, 3);
    case 'u': return pad(c.dow === 0 ? 7 : c.dow, count);
    case 'a': return c.hour < 12 ? 'AM' : 'PM';
    case 'H': return pad(c.hour, count);
    case 'k': return pad(c.hour === 0 ? 24 : c.hour, count);
    case 'K': return pad(c.hour % 12, count);
    case 'h': return pad(c.hour % 12 === 0 ? 12 : c.hour % 12, count);
    case 'm': return pad(c.minute, count);
    case 's': return pad(c.second, count);
    case 'S': return pad(c.milli, count);
    case 'z': return count >= 4 ? 'Coordinated Universal Time' : 'UTC';
    case 'Z': return '+0000';
    default: return 'Z'; // X: ISO 8601 zone, "Z" for UTC whatever the width
  }
}

class ParseFailure extends Error {}

/** Case-insensitive match of the longest of `names` at `pos`: its index and length. */
function matchName(text: string, pos: number, names: string[]): [number, number] {
  let best: [number, number] = [-1, 0];
  names.forEach((n, i) => {
    if (n.length > best[1] && text.slice(pos, pos + n.length).toLowerCase() === n.toLowerCase()) best = [i, n.length];
  });
  if (best[0] < 0) throw new ParseFailure();
  return best;
}

export class SimpleDateFormat {
  readonly pattern: string;
  private readonly tokens: Token[];
  /** the default century for two-digit years: 80 years before now to 20 after */
  private readonly centuryStart = new Date().getUTCFullYear() - 80;

  /** Throws an Error with Java's IllegalArgumentException message for a bad pattern. */
  constructor(pattern: string) {
    this.pattern = pattern;
    this.tokens = compile(pattern);
  }

  /** SimpleDateFormat.format(new Date(ms)) at UTC. */
  format(ms: number): string {
    const c = civil(ms);
    return this.tokens.map((t) => (t.letter === null ? t.text : formatField(t.letter, t.count, c))).join('');
  }

  /** DateFormat.parse(String) at UTC, lenient; null when Java throws ParseException. */
  parse(text: string): number | null {
    try {
      return this.parseOrThrow(text);
    } catch (e) {
      if (e instanceof ParseFailure) return null;
      throw e;
    }
  }

  private parseOrThrow(text: string): number {
    let pos = 0;
    let year = 1970, month = 0, day = 1, hour = 0, minute = 0, second = 0, milli = 0;
    let dayOfYear: number | null = null, dayOfWeek: number | null = null, daySet = false, pm: boolean | null = null, hour12: number | null = null, bc = false;
    let offsetMinutes = 0;
    const number = (obeyCount: boolean, count: number): [number, number] => {
      const end = obeyCount ? Math.min(text.length, pos + count) : text.length;
      const m = /^-?\d+/.exec(text.slice(pos, end));
      if (!m) throw new ParseFailure();
      pos += m[0].length;
      return [Number(m[0]), m[0].replace('-', '').length];
    };
    /** a numeric zone offset at pos ([+-]hh, [+-]hhmm, [+-]h(h):mm) in minutes; hours above 23 or minutes above 59 fail */
    const zone = (re: RegExp): number => {
      const m = re.exec(text.slice(pos));
      if (!m || Number(m[2]) > 23 || Number(m[3] ?? 0) > 59) throw new ParseFailure();
      pos += m[0].length;
      return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
    };
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.letter === null) {
        if (!text.startsWith(t.text, pos)) throw new ParseFailure();
        pos += t.text.length;
        continue;
      }
      while (text[pos] === ' ' || text[pos] === '\t') pos++;
      if (pos >= text.length) throw new ParseFailure();
      const obey = isNumericToken(this.tokens[i + 1]);
      switch (t.letter) {
        case 'G': bc = matchName(text, pos, ['AD', 'BC'])[0] === 1; pos += 2; break;
        case 'y': {
          const [v, digits] = number(obey, t.count);
          year = t.count <= 2 && digits === 2 && v >= 0 ? v + Math.floor(this.centuryStart / 100) * 100 + (v < this.centuryStart % 100 ? 100 : 0) : v;
          break;
        }
        case 'M': case 'L':
          if (t.count >= 3) {
            const [i1, len] = matchName(text, pos, [...MONTHS, ...MONTHS.map((m) => m.slice(0, 3))]);
            month = i1 % 12;
            pos += len;
          } else month = number(obey, t.count)[0] - 1;
          break;
        case 'd': day = number(obey, t.count)[0]; daySet = true; break;
        case 'D': dayOfYear = number(obey, t.count)[0]; break;
        case 'E': {
          const [i1, len] = matchName(text, pos, [...DAYS, ...DAYS.map((d) => d.slice(0, 3))]);
          dayOfWeek = i1 % 7;
          pos += len;
          break;
        }
        case 'a': pm = matchName(text, pos, ['AM', 'PM'])[0] === 1; pos += 2; break;
        case 'H': hour = number(obey, t.count)[0]; break;
        case 'k': { const v = number(obey, t.count)[0]; hour = v === 24 ? 0 : v; break; }
        case 'K': hour12 = number(obey, t.count)[0]; break;
        case 'h': { const v = number(obey, t.count)[0]; hour12 = v === 12 ? 0 : v; break; }
        case 'm': minute = number(obey, t.count)[0]; break;
        case 's': second = number(obey, t.count)[0]; break;
        case 'S': milli = number(obey, t.count)[0]; break;
        case 'X':
          if (text[pos] === 'Z') { pos++; offsetMinutes = 0; } else offsetMinutes = zone([/^([+-])(\d{2})/, /^([+-])(\d{2})(\d{2})/, /^([+-])(\d{2}):(\d{2})/][t.count - 1]!);
          break;
        case 'z': case 'Z': // both read an RFC 822 offset, GMT[+-h:mm] or a zone name
          if (/^[+-]/.test(text.slice(pos))) offsetMinutes = zone(/^([+-])(\d{2})(\d{2})/);
          else if (text.slice(pos, pos + 3).toUpperCase() === 'GMT') {
            pos += 3;
            offsetMinutes = /^[+-]/.test(text.slice(pos)) ? zone(/^([+-])(\d{1,2}):(\d{2})/) : 0;
          } else if (text.startsWith('UTC', pos)) { pos += 3; offsetMinutes = 0; }
          else throw new TransformDataError(`parsing the time zone name at "${text.slice(pos)}" (pattern letter ${t.letter}) is not implemented by this engine: only UTC, GMT and numeric offsets`);
          break;
        default:
          throw new TransformDataError(`parsing pattern letter '${t.letter}' (${this.pattern}) is not implemented by this engine`);
      }
    }
    if (hour12 !== null) hour = hour12 + (pm ? 12 : 0); // with H (or k) the am/pm marker is not used
    const d = new Date(0);
    const y = bc ? 1 - year : year;
    let [m0, d0] = dayOfYear !== null && !daySet ? [0, dayOfYear] : [month, day];
    d.setUTCFullYear(y, m0, d0);
    // Calendar.selectFields: a day of week with no day of month or year is the first such day of the month
    if (!daySet && dayOfYear === null && dayOfWeek !== null) {
      d0 = 1 + (((dayOfWeek - d.getUTCDay()) % 7) + 7) % 7;
      d.setUTCFullYear(y, m0, d0);
    }
    d.setUTCHours(hour, minute, second, milli);
    let ms = d.getTime();
    if (ms < CUTOVER_MS) ms = julianEpochDay(y, m0, d0) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
    return ms - offsetMinutes * 60_000;
  }
}

const DATE_FORMATS = { time: new SimpleDateFormat("HH:mm:ss.SSS'Z'"), date: new SimpleDateFormat('yyyy-MM-dd'), timestamp: new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'") };

/** A java.util.Date as Values.dateFormatFor prints it: before one day after the epoch a time, on a day boundary a date, else a timestamp. */
export function javaDateString(ms: number): string {
  return (ms < DAY_MS ? DATE_FORMATS.time : ms % DAY_MS === 0 ? DATE_FORMATS.date : DATE_FORMATS.timestamp).format(ms);
}
