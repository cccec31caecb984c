// Keys Debezium 1.x read and 2.0 removed: the *.whitelist/*.blacklist lists were renamed *.include.list /
// *.exclude.list in 1.3 (the old names kept working until 2.0), and database.server.name became
// topic.prefix in 2.0 (Debezium 2.0 release notes, "Removal of deprecated configuration options").
// Debezium 3.2.7 defines none of them, so Kafka Connect only logs them as unused and the connector runs
// without them: a 2019 config's table.whitelist is dropped and every table is captured. This engine
// refuses them instead, naming the key that replaced each.
export const REMOVED_KEYS: Readonly<Record<string, string>> = {
  'database.server.name': 'topic.prefix',
  'table.whitelist': 'table.include.list',
  'table.blacklist': 'table.exclude.list',
  'schema.whitelist': 'schema.include.list',
  'schema.blacklist': 'schema.exclude.list',
  'column.whitelist': 'column.include.list',
  'column.blacklist': 'column.exclude.list',
};

/** The refusal for a removed key, or undefined when the key was not removed. */
export function removedKeyReason(key: string): string | undefined {
  const replacement = REMOVED_KEYS[key];
  if (replacement === undefined) return undefined;
  return `was removed in Debezium 2.0 (Debezium 3.2.7 ignores it); rename it "${replacement}"`;
}
