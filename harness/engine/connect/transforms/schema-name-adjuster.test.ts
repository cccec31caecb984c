// Expectations from Debezium 3.2.7's SchemaNameAdjusterTest (debezium-core/src/test/java/io/debezium/util), through
// the transforms' mode parsing and process-wide adjusters.
import { describe, expect, it } from 'vitest';
import { ConfigError, EngineError } from '../../errors.ts';
import { fieldNameAdjuster, schemaNameAdjuster } from './schema-name-adjuster.ts';

describe('SchemaNameAdjuster', () => {
  it('none keeps names; avro replaces invalid characters with _ and keeps a leading digit (shouldReplaceInvalidCharacters)', () => {
    expect(schemaNameAdjuster(undefined, 'k')('a-b.1')).toBe('a-b.1');
    const avro = schemaNameAdjuster(' AVRO ', 'k');
    expect(avro('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789')).toBe('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789');
    expect(avro('mysql-server-1.inventory.customers')).toBe('mysql_server_1.inventory.customers');
    expect(avro('1st-name')).toBe('_1st_name');
    expect(avro('$name')).toBe('_name');
    expect(avro('24ColumnName')).toBe('_24ColumnName'); // whenFirstCharIsInvalidAddUnderscoreBeforeInsteadOfReplacingIt
  });

  it('avro_unicode replaces with _uXXXX, the underscore included (shouldReplaceInvalidCharactersUsingCustomReplacementFunction)', () => {
    const u = schemaNameAdjuster('avro_unicode', 'k');
    expect(u('hello_world')).toBe('hello_u005fworld');
    expect(u('a-b')).toBe('a_u002db');
    expect(u('1a')).toBe('_u0031a');
    expect(u('xĀ')).toBe('x_u100');
    expect(u('_hello_语言.')).toBe('_u005fhello_u005f_u8bed_u8a00.'); // shouldConvertInvalidCharactersToUnicode
  });

  it('a replacement that collides with another name\'s is a ConnectException the first time (shouldReportReplacementEveryTime / conflict)', () => {
    const avro = schemaNameAdjuster('avro', 'k');
    expect(avro('conflict-a.b')).toBe('conflict_a.b');
    expect(() => avro('conflict$a.b')).toThrow(EngineError);
    expect(schemaNameAdjuster('avro', 'other')).toBe(avro); // one per process, as Debezium's static AVRO
    expect(avro('conflict$a.b')).toBe('conflict_a.b'); // seen before: no second report
  });

  it('field names: "." is replaced too (FieldNameUnderscoreReplacementFunction, FieldNameUnicodeReplacementFunction)', () => {
    expect(fieldNameAdjuster('avro', 'k')('a.b-c')).toBe('a_b_c');
    expect(fieldNameAdjuster('avro_unicode', 'k')('a.b')).toBe('a_u002eb');
    expect(fieldNameAdjuster(null, 'k')('a.b')).toBe('a.b');
  });

  it('an unknown mode names the key', () => {
    expect(() => schemaNameAdjuster('avro2', 'transforms.r.schema.name.adjustment.mode')).toThrow(ConfigError);
  });
});
