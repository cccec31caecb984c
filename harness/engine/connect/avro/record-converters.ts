// Which converter writes keys and values: Kafka's JsonConverter (json-converter.ts) or an Avro converter
// (avro-converter.ts), chosen by key.converter / value.converter. The one place config.ts and the event side
// ask; anything else is refused by name.
import { ConfigError } from '../../errors.ts';
import { JSON_CONVERTER_CLASS } from '../../connector-classes.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { serialize } from '../json-converter.ts';
import { AVRO_CONVERTER_CLASSES, parseAvroConverterConfig, type AvroConverterConfig } from './avro-config.ts';
import { AvroConverter } from './avro-converter.ts';

export const SUPPORTED_CONVERTERS = [JSON_CONVERTER_CLASS, ...AVRO_CONVERTER_CLASSES];

/** Checks key.converter or value.converter and its sub-keys; the Avro settings when it is an Avro converter. */
export function checkConverter(raw: Record<string, unknown>, prefix: 'key.converter' | 'value.converter', cls: string,
  errors: ConfigError[], warnings: string[]): AvroConverterConfig | undefined {
  if (cls === JSON_CONVERTER_CLASS) return undefined;
  if ((AVRO_CONVERTER_CLASSES as readonly string[]).includes(cls)) return parseAvroConverterConfig(raw, prefix, cls, errors, warnings);
  errors.push(new ConfigError(prefix, `converter ${cls} is not supported`, SUPPORTED_CONVERTERS));
  return undefined;
}

export type Serialize = (topic: string, schema: ConnectSchema | null, value: unknown) => Buffer | null;

export interface RecordConverters {
  key: Serialize;
  value: Serialize;
  /** awaited before records go to Kafka: resolves registry ids (Avro); undefined when there is nothing to wait for */
  settle(records: ReadonlyArray<{ key: Buffer | null; value: Buffer | null }>): Promise<void> | undefined;
}

export function recordConverters(cfg: { keySchemasEnable: boolean; valueSchemasEnable: boolean; keyAvro?: AvroConverterConfig; valueAvro?: AvroConverterConfig }): RecordConverters {
  const keyAvro = cfg.keyAvro ? new AvroConverter(cfg.keyAvro) : undefined;
  const valueAvro = cfg.valueAvro ? new AvroConverter(cfg.valueAvro) : undefined;
  return {
    key: keyAvro ? (t, s, v) => keyAvro.fromConnectData(t, s, v) : (_t, s, v) => serialize(s, v, cfg.keySchemasEnable),
    value: valueAvro ? (t, s, v) => valueAvro.fromConnectData(t, s, v) : (_t, s, v) => serialize(s, v, cfg.valueSchemasEnable),
    settle(records) {
      const a = keyAvro?.settle(records);
      const b = valueAvro?.settle(records);
      if (!a && !b) return undefined;
      return Promise.all([a, b]).then(() => undefined);
    },
  };
}
