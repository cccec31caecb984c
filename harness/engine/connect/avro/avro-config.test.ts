import { describe, expect, it } from 'vitest';
import { parseConnectorConfig } from '../../source/config.ts';
import { ConfigErrors } from '../../errors.ts';

const base = {
  'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
  'database.hostname': 'localhost', 'database.user': 'postgres', 'database.dbname': 'postgres', 'topic.prefix': 'dbserver1',
};
const confluent = {
  ...base,
  'key.converter': 'io.confluent.connect.avro.AvroConverter', 'key.converter.schema.registry.url': 'http://localhost:8081',
  'value.converter': 'io.confluent.connect.avro.AvroConverter', 'value.converter.schema.registry.url': 'http://localhost:8081',
};
const apicurio = {
  ...base,
  'value.converter': 'io.apicurio.registry.utils.converter.AvroConverter',
  'value.converter.apicurio.registry.url': 'http://localhost:8080/apis/registry/v2',
  'value.converter.apicurio.registry.auto-register': 'true',
  'value.converter.apicurio.registry.as-confluent': 'true',
  'value.converter.apicurio.registry.use-id': 'contentId',
  'value.converter.apicurio.registry.headers.enabled': 'false',
};

function errorsOf(raw: Record<string, unknown>): Array<{ key: string; message: string }> {
  try {
    parseConnectorConfig(raw);
  } catch (e) {
    if (e instanceof ConfigErrors) return e.errors;
    throw e;
  }
  return [];
}

describe('Avro converter settings', () => {
  it("Confluent's: registry URL, auto-register on by default, TopicNameStrategy, connect.meta.data", () => {
    const c = parseConnectorConfig({ ...confluent, 'value.converter.connect.meta.data': 'false' });
    expect(c.keyAvro).toMatchObject({ flavor: 'confluent', isKey: true, url: 'http://localhost:8081', autoRegister: true, useLatest: false, connectMetaData: true });
    expect(c.valueAvro).toMatchObject({ isKey: false, urlKey: 'value.converter.schema.registry.url', connectMetaData: false });
  });

  it("Apicurio's: auto-register off by default (its SchemaResolverConfig), the Confluent wire format settings required", () => {
    const c = parseConnectorConfig(apicurio);
    expect(c.valueAvro).toMatchObject({ flavor: 'apicurio', autoRegister: true, urlKey: 'value.converter.apicurio.registry.url' });
    expect(c.keyAvro).toBeUndefined();
    const missing = errorsOf({ ...apicurio, 'value.converter.apicurio.registry.as-confluent': undefined, 'value.converter.apicurio.registry.use-id': 'globalId' });
    expect(missing.map((e) => e.key).sort()).toEqual(['value.converter.apicurio.registry.as-confluent', 'value.converter.apicurio.registry.use-id']);
  });

  it('a subject strategy or setting not implemented is refused by name; an unknown sub-key is a warning naming it', () => {
    const errs = errorsOf({ ...confluent, 'value.converter.value.subject.name.strategy': 'io.confluent.kafka.serializers.subject.RecordNameStrategy', 'key.converter.basic.auth.user.info': 'a:b' });
    expect(errs.map((e) => e.key).sort()).toEqual(['key.converter.basic.auth.user.info', 'value.converter.value.subject.name.strategy']);
    expect(errs.find((e) => e.key.endsWith('strategy'))!.message).toContain('RecordNameStrategy');
    const c = parseConnectorConfig({ ...confluent, 'value.converter.shemas.cache.config': '10' });
    expect(c.warnings.some((w) => w.includes('value.converter.shemas.cache.config'))).toBe(true);
  });

  it('a URL that is not http(s), or several, is an error naming the key', () => {
    expect(errorsOf({ ...confluent, 'key.converter.schema.registry.url': 'localhost:8081' }).map((e) => e.key)).toEqual(['key.converter.schema.registry.url']);
    expect(errorsOf({ ...confluent, 'key.converter.schema.registry.url': 'http://a:1,http://b:2' }).map((e) => e.key)).toEqual(['key.converter.schema.registry.url']);
  });
});
