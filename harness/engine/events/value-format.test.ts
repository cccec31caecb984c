import { describe, expect, it } from 'vitest';
import { bigintToTwosComplement, parseDecimal, setScale, stripTrailingZeros } from './decimal.ts';
import { javaDoubleToString, javaFloatToString } from '../connect/java-format.ts';
import { jsonString } from '../connect/json-converter.ts';
import { parseArray, parseInterval, parseTimestampMicros } from '../postgres/pg-text.ts';

describe('java-format: Double.toString / Float.toString as the JVM prints them', () => {
  // java.lang.Double.toString javadoc: plain between 10^-3 and 10^7, else computerized scientific notation
  it.each([
    [100, '100.0'], [0.001, '0.001'], [0.0001, '1.0E-4'], [1e7, '1.0E7'], [9999999.5, '9999999.5'],
    [1e20, '1.0E20'], [-1.5e-7, '-1.5E-7'], [0, '0.0'], [-0, '-0.0'], [123.456, '123.456'], [NaN, 'NaN'],
  ])('double %s → %s', (x, out) => expect(javaDoubleToString(x)).toBe(out));
  it.each([
    [Math.fround(1.1), '1.1'], [Math.fround(3.4028235e38), '3.4028235E38'], [Math.fround(1 / 3), '0.33333334'], [Math.fround(1e-5), '1.0E-5'],
  ])('float %s → %s', (x, out) => expect(javaFloatToString(x)).toBe(out));
});

describe('decimal: BigInteger.toByteArray of the unscaled value', () => {
  it.each([
    [0n, '00'], [127n, '7f'], [128n, '0080'], [-1n, 'ff'], [-128n, '80'], [-129n, 'ff7f'], [1230n, '04ce'], [255n, '00ff'],
  ])('%s → %s', (v, hex) => expect(bigintToTwosComplement(v).toString('hex')).toBe(hex));
  it('parses, rescales (HALF_UP) and strips like BigDecimal', () => {
    expect(parseDecimal('-12.300')).toEqual({ unscaled: -12300n, scale: 3 });
    expect(setScale(parseDecimal('1.005'), 2)).toEqual({ unscaled: 101n, scale: 2 });
    expect(stripTrailingZeros(parseDecimal('100'))).toEqual({ unscaled: 100n, scale: 0 });
    expect(stripTrailingZeros(parseDecimal('12.300'))).toEqual({ unscaled: 123n, scale: 1 });
  });
});

describe('pg-text: PostgreSQL text output', () => {
  it('array literals: quoting, escapes, NULL, nesting', () => {
    expect(parseArray('{1,2,NULL,"NULL","a,b","q\\"x","back\\\\slash"}')).toEqual(['1', '2', null, 'NULL', 'a,b', 'q"x', 'back\\slash']);
    expect(parseArray('{{1,2},{3,4}}')).toEqual([['1', '2'], ['3', '4']]);
    expect(parseArray('{}')).toEqual([]);
    expect(parseArray('[0:1]={7,8}')).toEqual(['7', '8']);
  });
  it('intervals as PGInterval reads the postgres style', () => {
    expect(parseInterval('1 year 2 mons 3 days 04:05:06.789')).toEqual({ years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6.789 });
    expect(parseInterval('-1 days +02:00:00')).toEqual({ years: 0, months: 0, days: -1, hours: 2, minutes: 0, seconds: 0 });
    expect(parseInterval('-00:00:01.5')).toEqual({ years: 0, months: 0, days: 0, hours: -0, minutes: -0, seconds: -1.5 });
  });
  it('timestamps with offsets and BC years', () => {
    expect(parseTimestampMicros('2024-01-02 03:04:05.123456+00')).toBe(1704164645123456n);
    expect(parseTimestampMicros('2024-01-02 05:34:05.123456+02:30')).toBe(1704164645123456n);
    expect(parseTimestampMicros('1970-01-01 00:00:00')).toBe(0n);
    expect(parseTimestampMicros('0001-01-01 00:00:00 BC')).toBe(-62167219200000000n);
  });
});

describe('json-converter: Jackson string escaping', () => {
  it('escapes quotes, backslashes and control characters (upper-case hex), keeps non-ASCII', () => {
    expect(jsonString('a"b\\c\n\t\u0001é€')).toBe('"a\\"b\\\\c\\n\\t\\u0001é€"');
    expect(jsonString('\u001f')).toBe('"\\u001F"');
  });
});
