// Kafka's built-in predicates (connect/transforms/src/main/java/org/apache/kafka/connect/transforms/predicates/):
// TopicNameMatches (pattern: the whole topic name), HasHeaderKey (name: any header with that key),
// RecordIsTombstone (value null).
import { ConfigError } from '../../errors.ts';
import type { ConnectRecord } from '../connect-record.ts';
import { compileFull } from './java-regex.ts';

export type Predicate = (record: ConnectRecord) => boolean;
const P = 'org.apache.kafka.connect.transforms.predicates.';
export const TOPIC_NAME_MATCHES = `${P}TopicNameMatches`;
export const HAS_HEADER_KEY = `${P}HasHeaderKey`;
export const RECORD_IS_TOMBSTONE = `${P}RecordIsTombstone`;
export const SUPPORTED_PREDICATES = [TOPIC_NAME_MATCHES, HAS_HEADER_KEY, RECORD_IS_TOMBSTONE];

/** The predicate of class `type` with its options (keys below `prefix`, i.e. predicates.<alias>.). */
export function buildPredicate(type: string, options: Record<string, unknown>, prefix: string): Predicate {
  switch (type) {
    case TOPIC_NAME_MATCHES: {
      // ConfigDef: NO_DEFAULT_VALUE, NonEmptyString + RegexValidator
      const pattern = options.pattern;
      if (pattern === undefined || pattern === null || String(pattern) === '') throw new ConfigError(`${prefix}pattern`, 'Missing required configuration "pattern" which has no default value.');
      const re = compileFull(`${prefix}pattern`, String(pattern));
      return (r) => r.topic !== null && r.topic !== undefined && re.test(r.topic);
    }
    case HAS_HEADER_KEY: {
      const name = options.name;
      if (name === undefined || name === null || String(name) === '') throw new ConfigError(`${prefix}name`, 'Missing required configuration "name" which has no default value.');
      return (r) => r.headers.some((h) => h.key === String(name));
    }
    case RECORD_IS_TOMBSTONE:
      return (r) => r.value === null || r.value === undefined;
    default:
      throw new ConfigError(`${prefix}type`, `unsupported predicate "${type}"`, SUPPORTED_PREDICATES);
  }
}
