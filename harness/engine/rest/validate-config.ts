import { versions } from '../../versions.ts';
import { POSTGRES_CONNECTOR_CLASS } from '../source/config.ts';
import { ConfigError, ConfigErrors } from '../errors.ts';
import { JDBC_SINK_CONNECTOR_CLASS } from '../sinks/postgres/config.ts';
import { S3_SINK_CONNECTOR_CLASS } from '../sinks/s3/config.ts';
import { RestError } from './rest-error.ts';
import { parseAnyConfig } from './start-connector.ts';

// The body of PUT /connector-plugins/{class}/config/validate, in Kafka Connect's shape
// (ConfigInfos): one entry per key with its errors. Error texts follow Connect's
// "The '<key>' value is invalid: <reason>" form; the reasons are the engine's own.

export interface ConfigValueInfo {
  definition: { name: string; type: string; required: boolean; group: string };
  value: { name: string; value: string | null; recommended_values: string[]; errors: string[]; visible: boolean };
}

export interface ConfigInfos {
  name: string;
  error_count: number;
  groups: string[];
  configs: ConfigValueInfo[];
}

export const CONNECTOR_PLUGINS = [
  { class: JDBC_SINK_CONNECTOR_CLASS, type: 'sink', version: versions.debezium.jdbcSinkVersion },
  // the native S3 sink copies Confluent's keys and layout; it is not Confluent's code, so no version of theirs
  { class: S3_SINK_CONNECTOR_CLASS, type: 'sink', version: 'cdc-labs-native' },
  { class: POSTGRES_CONNECTOR_CLASS, type: 'source', version: versions.debezium.version },
] as const;

/** Keys Connect itself requires of every connector, before the connector's own checks. */
const COMMON_REQUIRED = ['name', 'connector.class'];

/** Errors by key, Connect-style; an empty map means the configuration is valid. */
export function configErrors(config: Record<string, unknown>): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  const add = (key: string, text: string) => errors.set(key, [...(errors.get(key) ?? []), text]);
  for (const key of COMMON_REQUIRED) {
    if (config[key] === undefined || config[key] === null || config[key] === '') add(key, `Missing required configuration "${key}" which has no default value.`);
  }
  try {
    parseAnyConfig(config);
  } catch (error) {
    if (!(error instanceof ConfigErrors) && !(error instanceof ConfigError)) throw error;
    for (const e of error instanceof ConfigErrors ? error.errors : [error]) {
      if (COMMON_REQUIRED.includes(e.key) && errors.has(e.key)) continue;
      const reason = e.message.startsWith(`${e.key}: `) ? e.message.slice(e.key.length + 2) : e.message;
      add(e.key, `The '${e.key}' value is invalid: ${reason}`);
    }
  }
  return errors;
}

export function validateResponse(connectorClass: string, config: Record<string, unknown>): ConfigInfos {
  const errors = configErrors(config);
  const keys = [...new Set([...COMMON_REQUIRED, ...Object.keys(config), ...errors.keys()])];
  const configs = keys.map((key): ConfigValueInfo => {
    const value = config[key];
    return {
      definition: { name: key, type: 'STRING', required: COMMON_REQUIRED.includes(key), group: COMMON_REQUIRED.includes(key) ? 'Common' : 'Postgres' },
      value: { name: key, value: value === undefined || value === null ? null : String(value), recommended_values: [], errors: errors.get(key) ?? [], visible: true },
    };
  });
  const errorCount = [...errors.values()].reduce((n, list) => n + list.length, 0);
  return { name: connectorClass, error_count: errorCount, groups: ['Common', 'Postgres'], configs };
}

/**
 * PUT /connector-plugins/{requested}/config/validate: the body's connector.class, when it has one, must name
 * the requested plugin (by class or by its short name), as Connect's ConnectorPluginsResource checks.
 */
export function validatePlugin(requested: string, config: Record<string, unknown>): ConfigInfos {
  const included = config['connector.class'];
  if (included !== undefined && included !== requested && !requested.endsWith(`.${String(included)}`) && !String(included).endsWith(`.${requested}`)) {
    throw new RestError(400, `Included connector type ${String(included)} does not match request type ${requested}`);
  }
  return validateResponse(requested, { 'connector.class': requested, ...config });
}

/** Connect's 400 message when a connector is created or reconfigured with an invalid config. */
export function invalidConfigMessage(errors: Map<string, string[]>): string {
  const all = [...errors.entries()].flatMap(([key, list]) => list.map((text) => (text.startsWith('The ') || text.startsWith('Missing') ? text : `${key}: ${text}`)));
  return (
    `Connector configuration is invalid and contains the following ${all.length} error(s):\n${all.join('\n')}\n` +
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`'
  );
}
