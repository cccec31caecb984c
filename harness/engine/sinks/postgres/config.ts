// Configuration of the Postgres sink, with the Debezium JDBC sink's keys (JdbcSinkConnectorConfig)
// and Kafka Connect's error-handling keys (ConnectorConfig / SinkConnectorConfig). Every problem is
// collected and reported at once, each naming its key and, for a fixed set, the allowed values —
// before anything connects.
import { ConfigError, ConfigErrors } from '../../errors.ts';

import { JDBC_SINK_CONNECTOR_CLASS } from '../../connector-classes.ts';

export { JDBC_SINK_CONNECTOR_CLASS };

export const INSERT_MODES = ['insert', 'update', 'upsert'] as const;
export const PRIMARY_KEY_MODES = ['none', 'kafka', 'record_key', 'record_value'] as const;
export const SCHEMA_EVOLUTION_MODES = ['none', 'basic'] as const;
export const ERRORS_TOLERANCE = ['none', 'all'] as const;

export type InsertMode = (typeof INSERT_MODES)[number];
export type PrimaryKeyMode = (typeof PRIMARY_KEY_MODES)[number];
export type SchemaEvolutionMode = (typeof SCHEMA_EVOLUTION_MODES)[number];

export interface PgConnection {
  host: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  /** the connection.url with any password masked, for logs and errors */
  maskedUrl: string;
}

export interface PostgresSinkConfig {
  name: string;
  topics: string[];
  topicsRegex: RegExp | null;
  connection: PgConnection;
  insertMode: InsertMode;
  primaryKeyMode: PrimaryKeyMode;
  primaryKeyFields: string[];
  deleteEnabled: boolean;
  truncateEnabled: boolean;
  schemaEvolution: SchemaEvolutionMode;
  collectionNameFormat: string;
  batchSize: number;
  quoteIdentifiers: boolean;
  errors: {
    tolerance: 'none' | 'all';
    logEnable: boolean;
    logIncludeMessages: boolean;
    dlqTopic: string | null;
    dlqReplicationFactor: number;
    dlqContextHeaders: boolean;
  };
  /** the config with passwords masked, as Connect shows it in logs */
  masked: Record<string, string>;
}

export const MASK = '********';

/** Masks the password in a JDBC URL: user:password@ and password=… query/property parameters. */
export function maskJdbcUrl(url: string): string {
  return url
    .replace(/(\/\/[^/:@]*:)[^@/]*@/, `$1${MASK}@`)
    .replace(/([?&;]password=)[^&;]*/gi, `$1${MASK}`);
}

/** jdbc:postgresql://host[:port]/database[?user=…&password=…] → node-pg settings. */
export function parseJdbcUrl(url: string): PgConnection | string {
  const masked = maskJdbcUrl(url);
  const m = /^jdbc:postgresql:\/\/(.*)$/i.exec(url.trim());
  if (!m) return `"${masked}" is not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database)`;
  let parsed: URL;
  try {
    parsed = new URL(`postgresql://${m[1]}`);
  } catch {
    return `"${masked}" cannot be parsed (expected jdbc:postgresql://host:port/database)`;
  }
  if (!parsed.hostname) return `"${masked}" has no host (expected jdbc:postgresql://host:port/database)`;
  if (parsed.hostname.includes(',') || m[1].split('/')[0].includes(',')) return `"${masked}" lists several hosts; only one is supported`;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) return `"${masked}" names no database (expected jdbc:postgresql://host:port/database)`;
  const port = parsed.port ? Number(parsed.port) : 5432;
  const out: PgConnection = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port, database, maskedUrl: masked };
  const user = parsed.searchParams.get('user') ?? (parsed.username ? decodeURIComponent(parsed.username) : null);
  const password = parsed.searchParams.get('password') ?? (parsed.password ? decodeURIComponent(parsed.password) : null);
  if (user) out.user = user;
  if (password) out.password = password;
  return out;
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return String(v).trim();
}

export function parseSinkConfig(raw: Record<string, unknown>): PostgresSinkConfig {
  const errors: ConfigError[] = [];
  const get = (k: string) => str(raw[k]);

  const oneOf = <T extends string>(key: string, allowed: readonly T[], def: T): T => {
    const v = get(key);
    if (v === undefined || v === '') return def;
    const lower = v.toLowerCase() as T;
    if (!allowed.includes(lower)) {
      errors.push(new ConfigError(key, `"${v}" is not a valid value`, [...allowed]));
      return def;
    }
    return lower;
  };
  const bool = (key: string, def: boolean): boolean => {
    const v = get(key);
    if (v === undefined || v === '') return def;
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
    errors.push(new ConfigError(key, `"${v}" is not a boolean`, ['true', 'false']));
    return def;
  };
  const int = (key: string, def: number, min: number): number => {
    const v = get(key);
    if (v === undefined || v === '') return def;
    if (!/^-?\d+$/.test(v) || Number(v) < min) {
      errors.push(new ConfigError(key, `"${v}" is not an integer >= ${min}`));
      return def;
    }
    return Number(v);
  };
  const list = (key: string): string[] =>
    (get(key) ?? '').split(',').map((x) => x.trim()).filter((x) => x.length > 0);

  const name = get('name') ?? '';
  if (!name) errors.push(new ConfigError('name', 'is required (the consumer group is connect-<name>)'));

  const cls = get('connector.class');
  if (cls !== undefined && cls !== JDBC_SINK_CONNECTOR_CLASS && cls !== 'JdbcSinkConnector') {
    errors.push(new ConfigError('connector.class', `"${cls}" is not the JDBC sink`, [JDBC_SINK_CONNECTOR_CLASS]));
  }

  const topics = list('topics');
  const regexText = get('topics.regex');
  let topicsRegex: RegExp | null = null;
  if (regexText) {
    try {
      topicsRegex = new RegExp(`^(?:${regexText})$`);
    } catch (e) {
      errors.push(new ConfigError('topics.regex', `"${regexText}" is not a valid regular expression: ${(e as Error).message}`));
    }
  }
  if (topics.length > 0 && topicsRegex) errors.push(new ConfigError('topics', 'set either topics or topics.regex, not both'));
  if (topics.length === 0 && !topicsRegex && !regexText) errors.push(new ConfigError('topics', 'is required (or topics.regex)'));

  let connection: PgConnection = { host: '', port: 0, database: '', maskedUrl: '' };
  const url = get('connection.url');
  if (!url) errors.push(new ConfigError('connection.url', 'is required (jdbc:postgresql://host:port/database)'));
  else {
    const parsed = parseJdbcUrl(url);
    if (typeof parsed === 'string') errors.push(new ConfigError('connection.url', parsed));
    else connection = parsed;
  }
  const user = get('connection.username');
  const password = raw['connection.password'] === undefined ? undefined : String(raw['connection.password']);
  if (user) connection.user = user;
  if (password !== undefined) connection.password = password;

  const insertMode = oneOf('insert.mode', INSERT_MODES, 'insert');
  const primaryKeyMode = oneOf('primary.key.mode', PRIMARY_KEY_MODES, 'none');
  const primaryKeyFields = list('primary.key.fields');
  const deleteEnabled = bool('delete.enabled', false);
  const truncateEnabled = bool('truncate.enabled', false);
  const schemaEvolution = oneOf('schema.evolution', SCHEMA_EVOLUTION_MODES, 'none');
  const collectionNameFormat = get('collection.name.format') || get('table.name.format') || '${topic}';
  if (get('collection.name.format') && get('table.name.format') && get('collection.name.format') !== get('table.name.format')) {
    errors.push(new ConfigError('collection.name.format', 'and its old name table.name.format are both set, differently; keep collection.name.format'));
  }
  const batchSize = int('batch.size', 500, 1);
  const quoteIdentifiers = bool('quote.identifiers', false);

  // JdbcSinkConnectorConfig#validate: deletes need the key to find the row.
  if (deleteEnabled && primaryKeyMode !== 'record_key') {
    errors.push(new ConfigError('delete.enabled', `"true" needs primary.key.mode=record_key (it is ${primaryKeyMode})`));
  }
  if ((insertMode === 'upsert' || insertMode === 'update') && primaryKeyMode === 'none') {
    errors.push(new ConfigError('insert.mode', `"${insertMode}" needs a primary key; set primary.key.mode`, ['kafka', 'record_key', 'record_value']));
  }
  if (primaryKeyMode === 'kafka' && primaryKeyFields.length > 0 && primaryKeyFields.length !== 3) {
    errors.push(new ConfigError('primary.key.fields', 'with primary.key.mode=kafka names exactly three columns (topic, partition, offset)'));
  }

  const tolerance = oneOf('errors.tolerance', ERRORS_TOLERANCE, 'none');
  const dlqTopic = get('errors.deadletterqueue.topic.name') || null;
  if (dlqTopic && (topics.includes(dlqTopic) || topicsRegex?.test(dlqTopic))) {
    // SinkConnectorConfig#validate
    errors.push(new ConfigError('errors.deadletterqueue.topic.name', `"${dlqTopic}" is also a topic this sink consumes`));
  }

  const errorsCfg = {
    tolerance,
    logEnable: bool('errors.log.enable', false),
    logIncludeMessages: bool('errors.log.include.messages', false),
    dlqTopic,
    dlqReplicationFactor: int('errors.deadletterqueue.topic.replication.factor', 3, -1),
    dlqContextHeaders: bool('errors.deadletterqueue.context.headers.enable', false),
  };

  if (errors.length > 0) throw new ConfigErrors(errors);

  const masked: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    masked[k] = /password/i.test(k) ? MASK : k === 'connection.url' ? maskJdbcUrl(String(v)) : String(v);
  }

  return {
    name,
    topics,
    topicsRegex,
    connection,
    insertMode,
    primaryKeyMode,
    primaryKeyFields,
    deleteEnabled,
    truncateEnabled,
    schemaEvolution,
    collectionNameFormat,
    batchSize,
    quoteIdentifiers,
    errors: errorsCfg,
    masked,
  };
}
