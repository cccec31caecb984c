import { describe, expect, it } from 'vitest';
import { javaDateString, SimpleDateFormat } from './simple-date-format.ts';

const at = (iso: string) => Date.parse(iso);

describe('SimpleDateFormat (UTC, US English)', () => {
  it('formats every pattern letter as Java does', () => {
    const ms = at('2017-01-03T06:30:01.864Z');
    expect(new SimpleDateFormat('yyyyMMdd').format(ms)).toBe('20170103');
    expect(new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").format(ms)).toBe('2017-01-03T06:30:01.864Z');
    expect(new SimpleDateFormat('yy M d H m s S').format(ms)).toBe('17 1 3 6 30 1 864');
    expect(new SimpleDateFormat('EEE, d MMM yyyy hh:mm a z Z G').format(ms)).toBe('Tue, 3 Jan 2017 06:30 AM UTC +0000 AD');
    expect(new SimpleDateFormat('EEEE MMMM D u F k K').format(ms)).toBe('Tuesday January 3 2 1 6 6');
    expect(new SimpleDateFormat("'at' h 'o''clock' ''").format(at('2017-01-03T00:00:00Z'))).toBe("at 12 o'clock '");
    expect(new SimpleDateFormat('kk').format(at('2017-01-03T00:00:00Z'))).toBe('24');
  });

  it('week year and week of year follow the US rules (week 1 holds January 1, weeks start on Sunday)', () => {
    const f = new SimpleDateFormat('YYYY-ww W');
    expect(f.format(at('2024-12-29T00:00:00Z'))).toBe('2025-01 5'); // Sunday of the week holding 2025-01-01
    expect(f.format(at('2024-12-28T00:00:00Z'))).toBe('2024-52 4');
    expect(f.format(at('2023-01-01T00:00:00Z'))).toBe('2023-01 1');
  });

  it('refuses a pattern as Java does', () => {
    expect(() => new SimpleDateFormat('yyyy-bb')).toThrow("Illegal pattern character 'b'");
    expect(() => new SimpleDateFormat("yyyy'")).toThrow('Unterminated quote');
    expect(() => new SimpleDateFormat('XXXX')).toThrow('invalid ISO 8601 format: length=4');
  });

  it('parses leniently: fields roll over, blanks before a field are skipped, trailing text is ignored, zones shift', () => {
    const f = new SimpleDateFormat('yyyy MM dd HH mm ss SSS z');
    expect(f.parse('1970 01 02 00 00 01 234 UTC')).toBe(86_401_234);
    expect(new SimpleDateFormat('yyyy-MM-dd').parse('2024-13-01 and more')).toBe(at('2025-01-01T00:00:00Z'));
    expect(new SimpleDateFormat('yyyyMMddHHmm').parse('202401020304')).toBe(at('2024-01-02T03:04:00Z'));
    expect(new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX").parse('2024-01-02T03:04:05+02:00')).toBe(at('2024-01-02T01:04:05Z'));
    expect(new SimpleDateFormat('dd MMM yyyy hh:mm a Z').parse('02 feb 2024  12:30 PM -0100')).toBe(at('2024-02-02T13:30:00Z'));
    expect(new SimpleDateFormat('HH:mm').parse('07:15')).toBe(at('1970-01-01T07:15:00Z'));
    expect(new SimpleDateFormat('yyyy-MM-dd').parse('x2024-01-01')).toBeNull();
    expect(new SimpleDateFormat('yyyy-MM-dd').parse('2024/01/01')).toBeNull();
  });

  it('Values.dateFormatFor: a time before one day, a date on a day boundary, else a timestamp', () => {
    expect(javaDateString(1234)).toBe('00:00:01.234Z');
    expect(javaDateString(86_400_000)).toBe('1970-01-02');
    expect(javaDateString(86_401_234)).toBe('1970-01-02T00:00:01.234Z');
  });
});
