import { describe, expect, it } from 'vitest';
import { nameAdjuster, validFullname } from './name-adjuster.ts';
import { nameAdjusters } from './table-schema.ts';

describe('SchemaNameAdjuster (schema.name.adjustment.mode / field.name.adjustment.mode)', () => {
  it('none keeps every name', () => {
    expect(validFullname('shop-1.public.order lines.Value', 'schema', 'none')).toBe('shop-1.public.order lines.Value');
    expect(nameAdjuster('field', 'none')('2nd-col')).toBe('2nd-col');
  });

  it('avro (schema names): invalid characters become _, a leading digit gets _ before it, . stays (SchemaNameAdjusterTest)', () => {
    expect(validFullname('test-server.connector_test.products.Key', 'schema', 'avro')).toBe('test_server.connector_test.products.Key');
    expect(validFullname('t1234.connector_test.products.Key', 'schema', 'avro')).toBe('t1234.connector_test.products.Key');
    expect(validFullname('24ColumnName', 'schema', 'avro')).toBe('_24ColumnName');
    expect(validFullname('some-invalid%fullname$', 'schema', 'avro')).toBe('some_invalid_fullname_');
    expect(validFullname('-x', 'schema', 'avro')).toBe('_x');
  });

  it('avro_unicode (schema names): _uXXXX, and _ itself is replaced (SchemaNameAdjusterTest)', () => {
    expect(validFullname('_hello_语言.', 'schema', 'avro_unicode')).toBe('_u005fhello_u005f_u8bed_u8a00.');
    expect(validFullname('shop-1.public.my_table.Value', 'schema', 'avro_unicode')).toBe('shop_u002d1.public.my_u005ftable.Value');
    expect(validFullname('1st', 'schema', 'avro_unicode')).toBe('_u0031st');
    // Java's charAt: a character outside the BMP is two code units
    expect(validFullname('a😀', 'schema', 'avro_unicode')).toBe('a_ud83d_ude00');
  });

  it('field names: . is invalid too (FieldNameUnderscoreReplacementFunction / FieldNameUnicodeReplacementFunction)', () => {
    expect(validFullname('a.b', 'field', 'avro')).toBe('a_b');
    expect(validFullname('line-no', 'field', 'avro')).toBe('line_no');
    expect(validFullname('2nd', 'field', 'avro')).toBe('_2nd');
    expect(validFullname('my_col', 'field', 'avro')).toBe('my_col');
    expect(validFullname('a.b', 'field', 'avro_unicode')).toBe('a_u002eb');
    expect(validFullname('my_col', 'field', 'avro_unicode')).toBe('my_u005fcol');
    expect(validFullname('Mixed Case', 'field', 'avro_unicode')).toBe('Mixed_u0020Case');
  });

  it('the names Debezium adjusts besides the table schemas are valid under every mode', () => {
    for (const name of ['io.debezium.connector.common.Heartbeat', 'io.debezium.connector.common.ServerNameKey', 'io.debezium.connector.common.TransactionMetadataKey', 'io.debezium.connector.common.TransactionMetadataValue']) {
      expect(validFullname(name, 'schema', 'avro')).toBe(name);
      expect(validFullname(name, 'schema', 'avro_unicode')).toBe(name);
    }
  });

  it('two different names whose replacements collide are an error the first time (ReplacementOccurred.firstTimeOnly)', () => {
    const adjust = nameAdjuster('field', 'avro');
    expect(adjust('a-b')).toBe('a_b');
    expect(adjust('a-b')).toBe('a_b');
    expect(adjust('a_b')).toBe('a_b'); // valid as it is: not a replacement
    expect(() => adjust('a b')).toThrow("The Kafka Connect schema name 'a b' is not a valid Avro schema name and its replacement 'a_b' conflicts with another different schema 'a-b'");
    expect(adjust('a b')).toBe('a_b'); // reported once, as Debezium
  });

  // found by the avro conformance profile: Debezium wrote "Mixed Case" as Mixed_Case with field.name.adjustment.mode unset
  it('field.name.adjustment.mode=none with an Avro key or value converter adjusts field names as avro (CommonConnectorConfig.fieldNameAdjuster)', () => {
    const json = 'org.apache.kafka.connect.json.JsonConverter';
    const base = { schemaNameAdjustmentMode: 'none', fieldNameAdjustmentMode: 'none' } as const;
    expect(nameAdjusters({ ...base, keyConverter: json, valueConverter: 'io.apicurio.registry.utils.converter.AvroConverter' }).field('Mixed Case')).toBe('Mixed_Case');
    expect(nameAdjusters({ ...base, keyConverter: 'io.confluent.connect.avro.AvroConverter', valueConverter: json }).field('with space')).toBe('with_space');
    // schema names keep the configured mode; an explicit field mode wins; JSON converters change nothing
    expect(nameAdjusters({ ...base, keyConverter: json, valueConverter: 'io.confluent.connect.avro.AvroConverter' }).schema('a b.Value')).toBe('a b.Value');
    expect(nameAdjusters({ ...base, fieldNameAdjustmentMode: 'avro_unicode', keyConverter: json, valueConverter: 'io.confluent.connect.avro.AvroConverter' }).field('a b')).toBe('a_u0020b');
    expect(nameAdjusters({ ...base, keyConverter: json, valueConverter: json }).field('Mixed Case')).toBe('Mixed Case');
  });
});
