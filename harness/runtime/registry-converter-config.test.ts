import { describe, expect, it } from 'vitest';
import { apicurioAvroConverterConfig, confluentAvroConverterConfig } from './registry-converter-config.ts';
import { registryInfo } from './registry-info.ts';

describe('registry converter config', () => {
  const registry = registryInfo('http://localhost:32768', 'x', 'http://registry:8080');

  it('Apicurio: the Connect-side URL, Confluent wire format with content ids, ids in the payload, for each side asked', () => {
    const config = apicurioAvroConverterConfig(registry);
    expect(config).toMatchObject({
      'key.converter': 'io.apicurio.registry.utils.converter.AvroConverter',
      'value.converter': 'io.apicurio.registry.utils.converter.AvroConverter',
      'value.converter.apicurio.registry.url': 'http://registry:8080/apis/registry/v2',
      'value.converter.apicurio.registry.as-confluent': 'true',
      'value.converter.apicurio.registry.use-id': 'contentId',
      'value.converter.apicurio.registry.headers.enabled': 'false',
      'key.converter.apicurio.registry.auto-register': 'true',
    });
    expect(Object.keys(apicurioAvroConverterConfig(registry, ['value'])).every((k) => k.startsWith('value.'))).toBe(true);
  });

  it('Confluent: the Confluent-compatible API as seen from the host', () => {
    expect(confluentAvroConverterConfig(registry, ['value'])).toEqual({
      'value.converter': 'io.confluent.connect.avro.AvroConverter',
      'value.converter.schema.registry.url': 'http://localhost:32768/apis/ccompat/v7',
    });
  });
});
