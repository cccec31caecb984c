// node-pg connection settings from the parsed configuration, the same for every engine connection.
import type { PostgresConnectorConfig } from './config.ts';

type ConnectionSettings = Pick<PostgresConnectorConfig, 'hostname' | 'port' | 'user' | 'password' | 'dbname' | 'name' | 'topicPrefix'>;

/**
 * Session settings for every engine connection (snapshot, catalog and the walsender, whose
 * output functions format pgoutput's text): the same text forms on both paths, in the forms the
 * event side parses (pg-text.ts) and that pgjdbc asks for (DateStyle ISO, extra_float_digits 3).
 */
export const SESSION_OPTIONS = '-c DateStyle=ISO,MDY -c IntervalStyle=postgres -c bytea_output=hex -c extra_float_digits=3 -c TimeZone=UTC';

/** Connection settings for node-pg from the database.* keys. */
export function pgClientConfig(config: ConnectionSettings): {
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
