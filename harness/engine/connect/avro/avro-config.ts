// The sub-keys of key.converter.* / value.converter.* for the two Avro converters, read and checked before
// anything connects. Confluent's io.confluent.connect.avro.AvroConverter (AbstractKafkaSchemaSerDeConfig,
// AvroDataConfig) and Apicurio Registry 2.6's io.apicurio.registry.utils.converter.AvroConverter (SerdeConfig,
// SchemaResolverConfig, AvroDataConfig). A setting that would change the bytes and is not implemented is an
// error naming it; a key neither converter knows is a warning, as Kafka's AbstractConfig logs it
// ("was supplied but isn't a known config").
import { ConfigError } from '../../errors.ts';

export const CONFLUENT_AVRO_CONVERTER = 'io.confluent.connect.avro.AvroConverter';
export const APICURIO_AVRO_CONVERTER = 'io.apicurio.registry.utils.converter.AvroConverter';
export const AVRO_CONVERTER_CLASSES = [CONFLUENT_AVRO_CONVERTER, APICURIO_AVRO_CONVERTER] as const;

export interface AvroConverterConfig {
  flavor: 'confluent' | 'apicurio';
  isKey: boolean;
  /** the full key the URL came from (key.converter.schema.registry.url, value.converter.apicurio.registry.url) */
  urlKey: string;
  url: string;
  /** register a schema not yet in the subject; else look it up and fail when it is not there */
  autoRegister: boolean;
  /** use the subject's latest schema id instead of the record's own schema */
  useLatest: boolean;
  /** AvroDataConfig connect.meta.data */
  connectMetaData: boolean;
}

type Check = { allowed?: readonly string[]; kind: 'bool' | 'string' | 'int' };
const bool: Check = { kind: 'bool' };

// Confluent: AbstractKafkaSchemaSerDeConfig + AvroConverterConfig + AvroDataConfig
const CONFLUENT_KEYS: Record<string, Check> = {
  'schema.registry.url': { kind: 'string' },
  'auto.register.schemas': bool,
  'use.latest.version': bool,
  'key.subject.name.strategy': { kind: 'string', allowed: ['io.confluent.kafka.serializers.subject.TopicNameStrategy'] },
  'value.subject.name.strategy': { kind: 'string', allowed: ['io.confluent.kafka.serializers.subject.TopicNameStrategy'] },
  'enhanced.avro.schema.support': { kind: 'bool', allowed: ['false'] },
  'connect.meta.data': bool,
  'schemas.cache.config': { kind: 'int' },
  'max.schemas.per.subject': { kind: 'int' },
  'normalize.schemas': { kind: 'bool', allowed: ['false'] },
  'latest.compatibility.strict': bool,
  'scrub.invalid.names': { kind: 'bool', allowed: ['false'] },
  'generalized.sum.type.support': { kind: 'bool', allowed: ['false'] },
  'ignore.default.for.nullables': { kind: 'bool', allowed: ['false'] },
  'discard.type.doc.default': { kind: 'bool', allowed: ['false'] },
  'allow.optional.map.keys': { kind: 'bool', allowed: ['false'] },
};
const CONFLUENT_REFUSED_PREFIXES = ['basic.auth.', 'bearer.auth.', 'schema.registry.ssl.', 'schema.registry.basic.auth.', 'proxy.', 'context.name.strategy', 'use.schema.id', 'latest.cache.'];

// Apicurio 2.6: SerdeConfig / SchemaResolverConfig / AvroDataConfig
const APICURIO_KEYS: Record<string, Check> = {
  'apicurio.registry.url': { kind: 'string' },
  'apicurio.registry.auto-register': bool,
  'apicurio.registry.find-latest': bool,
  // the Confluent wire format (magic byte, 4-byte id in the value) is the only one written here
  'apicurio.registry.as-confluent': { kind: 'bool', allowed: ['true'] },
  'apicurio.registry.use-id': { kind: 'string', allowed: ['contentId'] },
  'apicurio.registry.headers.enabled': { kind: 'bool', allowed: ['false'] },
  'apicurio.registry.artifact-resolver-strategy': { kind: 'string', allowed: ['io.apicurio.registry.serde.strategy.TopicIdStrategy'] },
  'apicurio.registry.dereference-schema': { kind: 'bool', allowed: ['true'] },
  'apicurio.registry.avro.encoding': { kind: 'string', allowed: ['BINARY'] },
  'apicurio.registry.check-period-ms': { kind: 'int' },
  'apicurio.registry.retry-count': { kind: 'int' },
  'apicurio.registry.retry-backoff-ms': { kind: 'int' },
  'enhanced.avro.schema.support': { kind: 'bool', allowed: ['false'] },
  'connect.meta.data': bool,
  'schemas.cache.config': { kind: 'int' },
};
// Apicurio's defaults for these three write ids into headers or as 8-byte global ids: not the Confluent format
const APICURIO_REQUIRED: Record<string, string> = {
  'apicurio.registry.as-confluent': 'true',
  'apicurio.registry.use-id': 'contentId',
  'apicurio.registry.headers.enabled': 'false',
};

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : String(v);
}

/**
 * Reads `<prefix>.*` for the converter class; problems go to errors (naming the key) and warnings.
 * prefix: 'key.converter' or 'value.converter'.
 */
export function parseAvroConverterConfig(raw: Record<string, unknown>, prefix: 'key.converter' | 'value.converter', cls: string,
  errors: ConfigError[], warnings: string[]): AvroConverterConfig {
  const flavor = cls === APICURIO_AVRO_CONVERTER ? 'apicurio' : 'confluent';
  const known = flavor === 'apicurio' ? APICURIO_KEYS : CONFLUENT_KEYS;
  const sub: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!k.startsWith(`${prefix}.`) || v === undefined || v === null) continue;
    sub[k.slice(prefix.length + 1)] = text(v);
  }
  for (const [k, v] of Object.entries(sub)) {
    const full = `${prefix}.${k}`;
    const check = known[k];
    if (!check) {
      if (flavor === 'confluent' && CONFLUENT_REFUSED_PREFIXES.some((p) => k.startsWith(p))) {
        errors.push(new ConfigError(full, `is not implemented by this engine's ${cls} (no registry authentication, TLS, proxy or schema-id pinning); remove it or run this connector on Debezium`));
      } else if (flavor === 'apicurio' && k.startsWith('apicurio.')) {
        errors.push(new ConfigError(full, `is not implemented by this engine's ${cls}; remove it or run this connector on Debezium`));
      } else {
        warnings.push(`${full}: the configuration '${k}' was supplied but isn't a known config of ${cls}`);
      }
      continue;
    }
    if (check.kind === 'bool' && !/^(true|false)$/i.test(v)) errors.push(new ConfigError(full, `expected a boolean, got ${JSON.stringify(v)}`, ['true', 'false']));
    else if (check.kind === 'int' && !/^\d+$/.test(v)) errors.push(new ConfigError(full, `expected a non-negative integer, got ${JSON.stringify(v)}`));
    else if (check.allowed && !check.allowed.some((a) => a.toLowerCase() === v.toLowerCase())) {
      errors.push(new ConfigError(full, `${JSON.stringify(v)} is not implemented by this engine's Avro converter`, [...check.allowed]));
    }
  }
  const isKey = prefix === 'key.converter';
  const urlSub = flavor === 'apicurio' ? 'apicurio.registry.url' : 'schema.registry.url';
  const urlKey = `${prefix}.${urlSub}`;
  const url = sub[urlSub] ?? '';
  if (!url) errors.push(new ConfigError(urlKey, `is required by ${cls}`));
  else {
    // Confluent takes a comma-separated list; this engine talks to one registry
    const first = url.split(',')[0].trim();
    if (!/^https?:\/\/[^/\s]+/.test(first)) errors.push(new ConfigError(urlKey, `${JSON.stringify(url)} is not an http(s) URL`));
    else if (url.includes(',')) errors.push(new ConfigError(urlKey, 'more than one registry URL is not implemented by this engine; give one'));
  }
  if (flavor === 'apicurio') {
    for (const [k, need] of Object.entries(APICURIO_REQUIRED)) {
      if (sub[k] === undefined) {
        errors.push(new ConfigError(`${prefix}.${k}`, `must be set to ${need}: this engine writes the Confluent wire format (magic byte and a 4-byte content id), and Apicurio's default is different`, [need]));
      }
    }
  }
  const flag = (k: string, def: boolean): boolean => (sub[k] === undefined ? def : sub[k].toLowerCase() === 'true');
  return {
    flavor,
    isKey,
    urlKey,
    url: url.split(',')[0].trim(),
    // Confluent auto-registers by default; Apicurio 2.6 does not (SchemaResolverConfig.AUTO_REGISTER_ARTIFACT_DEFAULT)
    autoRegister: flavor === 'apicurio' ? flag('apicurio.registry.auto-register', false) : flag('auto.register.schemas', true),
    useLatest: flavor === 'apicurio' ? flag('apicurio.registry.find-latest', false) : flag('use.latest.version', false),
    connectMetaData: flag('connect.meta.data', true),
  };
}
