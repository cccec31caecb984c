// What the pipeline side reads from the parsed connector configuration. It is a structural view of
// config.ts's PostgresConnectorConfig (the event side owns parsing), so either half can evolve
// without the other importing internals.

export type PublicationAutocreateMode = 'all_tables' | 'filtered' | 'disabled';

export interface PipelineConfig {
  /** connector name (`name`), used in status() */
  name?: string;
  topicPrefix: string;
  database: { hostname: string; port: number; user: string; password?: string; dbname: string };
  slotName: string;
  publicationName: string;
  publicationAutocreateMode: PublicationAutocreateMode;
  includesTable(schema: string, table: string): boolean;
  includesColumn(schema: string, table: string, column: string): boolean;
  snapshotMode: string;
  heartbeatIntervalMs: number;
  heartbeatActionQuery?: string | null;
  /** table.include.list patterns in the order given, when set (snapshot order follows them) */
  tableIncludeList?: readonly string[] | null;
}

/** Connection settings for node-pg from the database.* keys. */
export function pgClientConfig(config: PipelineConfig): {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  application_name: string;
} {
  const db = config.database;
  return {
    host: db.hostname,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.dbname,
    application_name: `cdc-labs-engine:${config.name ?? config.topicPrefix}`,
  };
}
