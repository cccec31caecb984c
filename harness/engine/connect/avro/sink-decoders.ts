// The reading side for the engine's sinks: when a sink's key.converter / value.converter is one of the Avro
// converters, its records are decoded through the registry (AvroDecoder) into the same Connect schema and
// value the JsonConverter path gives; otherwise nothing changes (the sinks' JsonConverter path).
import { ConfigErrors, type ConfigError } from '../../errors.ts';
import { decodeConnectJson, type SinkRecord } from '../connect-record.ts';
import type { ConnectSchema } from '../connect-schema.ts';
import { AVRO_CONVERTER_CLASSES, parseAvroConverterConfig } from './avro-config.ts';
import { AvroDecoder } from './avro-converter.ts';
import { RegistryClient } from './registry-client.ts';

export interface SinkDecoders {
  key?: AvroDecoder;
  value?: AvroDecoder;
  keyClass?: string;
  valueClass?: string;
  warnings: string[];
}

/** The Avro decoders a sink configuration asks for (none for JsonConverter); bad settings throw ConfigErrors naming them. */
export function sinkDecoders(raw: Record<string, unknown>): SinkDecoders {
  const errors: ConfigError[] = [];
  const out: SinkDecoders = { warnings: [] };
  for (const side of ['key', 'value'] as const) {
    const cls = typeof raw[`${side}.converter`] === 'string' ? String(raw[`${side}.converter`]).trim() : undefined;
    if (!cls || !(AVRO_CONVERTER_CLASSES as readonly string[]).includes(cls)) continue;
    const cfg = parseAvroConverterConfig(raw, `${side}.converter`, cls, errors, out.warnings);
    out[side] = new AvroDecoder(new RegistryClient(cfg.url, { urlKey: cfg.urlKey }));
    out[`${side}Class`] = cls;
  }
  // a reader needs the same settings: Apicurio's deserializer reads the id format they give
  if (errors.length > 0) throw new ConfigErrors(errors);
  return out;
}

/** Converter.toConnectData for one side: Avro through the registry, else JsonConverter. */
export async function toConnectData(decoder: AvroDecoder | undefined, bytes: Buffer | null): Promise<{ schema: ConnectSchema | null; value: unknown }> {
  return decoder ? decoder.toConnectData(bytes) : decodeConnectJson(bytes);
}

/** connect-record.ts's recordFromKafka, with the sink's converters. */
export async function recordFromKafkaWith(
  decoders: SinkDecoders,
  topic: string,
  partition: number,
  m: { offset: string; timestamp: string; key: Buffer | null; value: Buffer | null; headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined> },
): Promise<SinkRecord> {
  const k = await toConnectData(decoders.key, m.key);
  const v = await toConnectData(decoders.value, m.value);
  const headers: SinkRecord['headers'] = [];
  for (const [key, hv] of Object.entries(m.headers ?? {})) {
    for (const one of Array.isArray(hv) ? hv : [hv]) headers.push({ key, value: one === undefined ? null : Buffer.from(one) });
  }
  return { topic, partition, offset: m.offset, timestamp: Number(m.timestamp), keySchema: k.schema, key: k.value, valueSchema: v.schema, value: v.value, headers };
}
