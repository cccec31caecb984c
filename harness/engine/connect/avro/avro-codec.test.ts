// Avro binary and the way back, against AvroData's goldens (Apicurio 2.6.13, Avro 1.12.0, Kafka 3.9.1's JsonConverter).
import { describe, expect, it } from 'vitest';
import { decodeConnectJson } from '../connect-record.ts';
import { serialize } from '../json-converter.ts';
import { avroType, fromAvroDatum, toAvroDatum } from './avro-codec.ts';
import { connectSchemaFromAvro } from './connect-from-avro.ts';
import { avroGoldens } from './avro-data.golden.ts';

// names Avro refuses have no binary (avro-schema.test.ts checks the refusal)
const encodable = avroGoldens.filter((g) => !g.error);

describe('Avro binary as AvroData + GenericDatumWriter write it', () => {
  for (const g of encodable) {
    it(g.id, () => {
      const { schema, value } = decodeConnectJson(Buffer.from(g.record, 'utf8'));
      expect(avroType(g.avroSchema!).toBuffer(toAvroDatum(schema!, value)).toString('hex')).toBe(g.avroHex);
    });
  }
});

describe('decoded back as GenericDatumReader + AvroData.toConnectData + JsonConverter give it', () => {
  for (const g of encodable) {
    it(g.id, () => {
      const schema = connectSchemaFromAvro(g.avroSchema!);
      const datum = avroType(g.avroSchema!).fromBuffer(Buffer.from(g.avroHex!, 'hex'));
      expect(serialize(schema, fromAvroDatum(schema, datum), true)!.toString('utf8')).toBe(g.connectJson);
    });
  }
});
