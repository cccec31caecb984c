// What the pipeline side reads from the parsed connector configuration. It is a structural view of
// config.ts's PostgresConnectorConfig (the event side owns parsing), so either half can evolve
// without the other importing internals.

export type PublicationAutocreateMode = 'all_tables' | 'filtered' | 'disabled';

export interface PipelineConfig {
  /** connector name (`name`), used in status() */
  name?: string;
  topicPrefix: string;
  hostname: string;
  port: number;
  user: string;
  password: string | undefined;
  dbname: string;
  slotName: string;
  publicationName: string;
  publicationAutocreateMode: PublicationAutocreateMode;
  includesTable(schema: string, table: string): boolean;
  includesColumn(schema: string, table: string, column: string): boolean;
  snapshotMode: string;
  heartbeatIntervalMs: number;
  heartbeatActionQuery?: string | null;
  /** the configuration map as given, for keys the event side does not parse (slot.max.retries …) */
  raw?: Readonly<Record<string, unknown>>;
  /** table.include.list patterns in the order given (snapshot order follows them); empty when unset */
  tableIncludeList?: readonly string[];
}

/**
 * Session settings for every engine connection (snapshot, catalog and the walsender, whose
 * output functions format pgoutput's text): the same text forms on both paths, in the forms the
 * event side parses (pg-text.ts) and that pgjdbc asks for (DateStyle ISO, extra_float_digits 3).
 */
export const SESSION_OPTIONS = '-c DateStyle=ISO,MDY -c IntervalStyle=postgres -c bytea_output=hex -c extra_float_digits=3 -c TimeZone=UTC';

/** Connection settings for node-pg from the database.* keys. */
export function pgClientConfig(config: PipelineConfig): {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  application_name: string;
  options: string;
} {
  return {
    host: config.hostname,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.dbname,
    application_name: `cdc-labs-engine:${config.name ?? config.topicPrefix}`,
    options: SESSION_OPTIONS,
  };
}

/** An integer setting from the raw map, with Debezium's default when absent. */
export function rawInt(config: PipelineConfig, key: string, def: number): number {
  const v = config.raw?.[key];
  if (v === undefined || v === null || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${key}: expected a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}

/** Like rawInt, for settings where -1 means "no limit" (errors.max.retries). */
export function rawSignedInt(config: PipelineConfig, key: string, def: number): number {
  const v = config.raw?.[key];
  if (v === undefined || v === null || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < -1) throw new Error(`${key}: expected an integer ≥ -1, got ${JSON.stringify(v)}`);
  return n;
}
