import type { RegistryInfo } from './types.ts';

// Converter settings for a connector that writes Avro through the stack's schema registry, in one place
// for labs and tests. Keys are those of Apicurio Registry 2.6's serdes (io.apicurio.registry.serde.SerdeConfig
// in apicurio-registry-serde-common 2.6.13.Final, read with `javap -constants`) and of Confluent's AvroConverter
// (https://docs.confluent.io/platform/current/schema-registry/connect.html).

export const APICURIO_AVRO_CONVERTER = 'io.apicurio.registry.utils.converter.AvroConverter';
export const CONFLUENT_AVRO_CONVERTER = 'io.confluent.connect.avro.AvroConverter';

export type ConverterSide = 'key' | 'value';

/**
 * Apicurio's AvroConverter writing Confluent's wire format: byte 0 = 0, then the 4-byte schema id, then the
 * Avro binary. `as-confluent` swaps the 8-byte global id for the 4-byte id (Legacy4ByteIdHandler); the id it
 * writes is the content id, which is what the registry's Confluent-compatible API calls the schema id
 * (registry.ccompat.legacy-id-mode.enabled=false, the default); headers off so the id is in the payload
 * (SerdeConfig.ENABLE_HEADERS defaults to true in 2.x). Subjects follow TopicIdStrategy: <topic>-key, <topic>-value.
 */
export function apicurioAvroConverterConfig(registry: RegistryInfo, sides: readonly ConverterSide[] = ['key', 'value']): Record<string, string> {
  const config: Record<string, string> = {};
  for (const side of sides) {
    const p = `${side}.converter`;
    Object.assign(config, {
      [p]: APICURIO_AVRO_CONVERTER,
      [`${p}.apicurio.registry.url`]: registry.apicurioUrlForConnect,
      [`${p}.apicurio.registry.auto-register`]: 'true',
      [`${p}.apicurio.registry.find-latest`]: 'true',
      [`${p}.apicurio.registry.as-confluent`]: 'true',
      [`${p}.apicurio.registry.use-id`]: 'contentId',
      [`${p}.apicurio.registry.headers.enabled`]: 'false',
    });
  }
  return config;
}

/** Confluent's AvroConverter through the registry's Confluent-compatible API (our engine speaks these keys). */
export function confluentAvroConverterConfig(registry: RegistryInfo, sides: readonly ConverterSide[] = ['key', 'value']): Record<string, string> {
  const config: Record<string, string> = {};
  for (const side of sides) {
    config[`${side}.converter`] = CONFLUENT_AVRO_CONVERTER;
    config[`${side}.converter.schema.registry.url`] = registry.url;
  }
  return config;
}
