// Reads a connector JSON as the seeds write it ({"name", "config"} or a bare config) and fills in
// the connection settings of the stack the lab runs on. Everything else is used as written.
import type { StackInfo } from '../runtime/types.ts';

export interface ConnectorJson {
  name: string;
  config: Record<string, unknown>;
}

export function parseConnectorJson(text: string, fallbackName: string): ConnectorJson {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  if (parsed.config !== undefined && typeof parsed.config === 'object' && parsed.config !== null) {
    const name = typeof parsed.name === 'string' ? parsed.name : fallbackName;
    // Kafka Connect copies the connector's name into its config; so do we.
    return { name, config: { name, ...(parsed.config as Record<string, unknown>) } };
  }
  const name = typeof parsed.name === 'string' ? parsed.name : fallbackName;
  return { name, config: { name, ...parsed } };
}

/** The keys the runner overrides: where the lab's database really is. */
export const CONNECTION_KEYS = ['database.hostname', 'database.port', 'database.user', 'database.password', 'database.dbname'] as const;

/** The users the seeds' connector JSON names for "the database's admin": replaced by the stack's. */
export const PLACEHOLDER_USERS = ['cdc', 'postgres'] as const;

/**
 * Host, port and database are always the stack's. The user and password too, unless the JSON names
 * another user: a role the lab itself created on the stack's server (least-privilege connects as it).
 */
export function withStackConnection(config: Record<string, unknown>, stack: StackInfo, database: string): Record<string, unknown> {
  const user = config['database.user'];
  const ownRole = typeof user === 'string' && !(PLACEHOLDER_USERS as readonly string[]).includes(user);
  return {
    ...withStackRegistry(config, stack),
    'database.hostname': stack.postgres.host,
    'database.port': String(stack.postgres.port),
    'database.user': ownRole ? user : stack.postgres.user,
    'database.password': ownRole ? config['database.password'] : stack.postgres.password,
    'database.dbname': database,
  };
}

/**
 * The converters' schema registry URLs are the stack's registry: Confluent's `<side>.converter.schema.registry.url`
 * its Confluent-compatible API, Apicurio's `<side>.converter.apicurio.registry.url` its own API (as this process
 * reaches it; the debezium driver swaps in the URL the Connect worker reaches). A JSON that names a registry on a
 * stack without one fails here, naming the key.
 */
export function withStackRegistry(config: Record<string, unknown>, stack: StackInfo): Record<string, unknown> {
  const out = { ...config };
  for (const side of ['key', 'value']) {
    const keys = { [`${side}.converter.schema.registry.url`]: stack.registry?.url, [`${side}.converter.apicurio.registry.url`]: stack.registry?.apicurioUrl };
    for (const [key, url] of Object.entries(keys)) {
      if (!(key in config)) continue;
      if (url === undefined) throw new Error(`${key} names a schema registry, and this stack has none: the lab needs the registry service (needs.services: ['registry'])`);
      out[key] = url;
    }
  }
  return out;
}

/** Name and topic.prefix of every source connector JSON among a lab's files (unnamed ones take the lab's id, as the runner names them). */
export function sourceConnectors(files: Record<string, string>, labId: string): Array<{ name: string; topicPrefix: string }> {
  const out: Array<{ name: string; topicPrefix: string }> = [];
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith('.json')) continue;
    try {
      const { name, config } = parseConnectorJson(text, labId);
      if (typeof config['topic.prefix'] === 'string') out.push({ name, topicPrefix: config['topic.prefix'] });
    } catch {
      // not a connector file
    }
  }
  return out;
}

export function topicPrefixes(files: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const [name, text] of Object.entries(files)) {
    if (!name.endsWith('.json')) continue;
    try {
      const prefix = parseConnectorJson(text, name).config['topic.prefix'];
      if (typeof prefix === 'string') out.add(prefix);
    } catch {
      // not a connector file
    }
  }
  return [...out];
}
