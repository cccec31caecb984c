// The Avro schema of every golden case equals AvroData's (Apicurio 2.6.13's port of Confluent's), text for text.
import { describe, expect, it } from 'vitest';
import { decodeConnectJson } from '../connect-record.ts';
import { avroSchemaToString, fromConnectSchema } from './avro-schema.ts';
import { avroGoldens } from './avro-data.golden.ts';

describe('fromConnectSchema as AvroData builds it', () => {
  it('has goldens for envelopes, keys, every column type and defaults; AvroData refused only names Avro does not take', () => {
    expect(avroGoldens.length).toBeGreaterThan(200);
    expect(avroGoldens.filter((g) => g.error).map((g) => g.id)).toEqual(['name_space_field', 'name_dollar_field']);
  });
  for (const g of avroGoldens) {
    it(g.id, () => {
      const { schema } = decodeConnectJson(Buffer.from(g.record, 'utf8'));
      if (g.error) {
        // SchemaParseException: Illegal character in: my col
        expect(() => fromConnectSchema(schema!)).toThrow(g.error.replace(/^SchemaParseException: /, ''));
        return;
      }
      expect(avroSchemaToString(fromConnectSchema(schema!))).toBe(g.avroSchema);
    });
  }
});
