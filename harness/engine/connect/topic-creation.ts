// Kafka Connect's topic creation for source connectors (KIP-158), read from the same keys:
// topic.creation.default.{replication.factor,partitions,<any topic config>}, topic.creation.groups
// and topic.creation.<group>.{include,exclude,replication.factor,partitions,<any topic config>}.
// Semantics copied from Kafka 3.9's SourceConnectorConfig / TopicCreationConfig / TopicCreationGroup:
// - topic creation is in use as soon as one key starts with "topic.creation." (the worker's
//   topic.creation.enable defaults to true), and then the default group's replication.factor and
//   partitions are required; -1 means the broker's default;
// - the default group matches every topic (its include/exclude are ignored); a named group matches
//   a topic its include regexes fully match and its exclude regexes do not; named groups are tried
//   in the order topic.creation.groups lists them, the default last;
// - a named group's partitions and replication factor default to the default group's; every other
//   key under the group's prefix is passed to the broker as a topic config (cleanup.policy,
//   retention.ms, compression.type, min.cleanable.dirty.ratio, …). The broker validates those, as
//   it does for Connect.
import { ConfigError, ConfigErrors } from '../errors.ts';

export const TOPIC_CREATION_PREFIX = 'topic.creation.';
const DEFAULT_GROUP = 'default';

/** What createTopics needs for one topic (kafkajs ITopicConfig without the name). */
export interface TopicSettings {
  numPartitions: number;
  replicationFactor: number;
  configEntries: Array<{ name: string; value: string }>;
}

interface Group {
  name: string;
  include: RegExp | null;
  exclude: RegExp | null;
  settings: TopicSettings;
}

const own = new Set(['include', 'exclude', 'partitions', 'replication.factor']);

function list(v: unknown): string[] {
  return String(v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** Java's Pattern.compile(String.join("|", list)).matcher(topic).matches() */
function fullMatch(patterns: string[], key: string, errors: ConfigError[]): RegExp | null {
  if (patterns.length === 0) return null;
  try {
    return new RegExp(`^(?:${patterns.join('|')})$`);
  } catch (e) {
    errors.push(new ConfigError(key, `invalid regular expression: ${(e as Error).message}`));
    return null;
  }
}

/**
 * The topic settings function for a source connector's config, or null when it uses no
 * topic.creation.* key (topics are then created as the engine always did). Throws ConfigErrors
 * naming every bad key at once.
 */
export function topicCreation(config: Readonly<Record<string, unknown>>): ((topic: string) => TopicSettings) | null {
  const keys = Object.keys(config).filter((k) => k.startsWith(TOPIC_CREATION_PREFIX));
  if (keys.length === 0 || String(config['topic.creation.enable'] ?? 'true') === 'false') return null;
  const errors: ConfigError[] = [];
  const int = (key: string, fallback: number | undefined, min: number): number => {
    const raw = config[key];
    if (raw === undefined || raw === '') {
      if (fallback === undefined) errors.push(new ConfigError(key, 'missing required configuration (topic creation is in use: set it, or -1 for the broker default)'));
      return fallback ?? -1;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || (n < min && n !== -1)) {
      errors.push(new ConfigError(key, `"${String(raw)}" is not a valid value: a positive integer, or -1 for the broker default`));
      return -1;
    }
    return n;
  };
  const others = (group: string): Array<{ name: string; value: string }> => {
    const prefix = `${TOPIC_CREATION_PREFIX}${group}.`;
    return keys
      .filter((k) => k.startsWith(prefix) && !own.has(k.slice(prefix.length)))
      .map((k) => ({ name: k.slice(prefix.length), value: String(config[k]) }));
  };
  const defaultPrefix = `${TOPIC_CREATION_PREFIX}${DEFAULT_GROUP}.`;
  const defaults: TopicSettings = {
    replicationFactor: int(`${defaultPrefix}replication.factor`, undefined, 1),
    numPartitions: int(`${defaultPrefix}partitions`, undefined, 1),
    configEntries: others(DEFAULT_GROUP),
  };
  const names = list(config['topic.creation.groups']).filter((g) => g !== DEFAULT_GROUP);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) errors.push(new ConfigError('topic.creation.groups', `duplicate alias "${n}"`));
    seen.add(n);
  }
  const groups: Group[] = [...seen].map((name) => {
    const prefix = `${TOPIC_CREATION_PREFIX}${name}.`;
    return {
      name,
      include: fullMatch(list(config[`${prefix}include`]), `${prefix}include`, errors),
      exclude: fullMatch(list(config[`${prefix}exclude`]), `${prefix}exclude`, errors),
      settings: {
        replicationFactor: int(`${prefix}replication.factor`, defaults.replicationFactor, 1),
        numPartitions: int(`${prefix}partitions`, defaults.numPartitions, 1),
        configEntries: others(name),
      },
    };
  });
  if (errors.length > 0) throw new ConfigErrors(errors);
  return (topic) => {
    for (const g of groups) {
      if (g.include !== null && g.include.test(topic) && !(g.exclude?.test(topic) ?? false)) return g.settings;
    }
    return defaults;
  };
}
