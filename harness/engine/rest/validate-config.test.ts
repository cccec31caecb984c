import { describe, expect, it } from 'vitest';
import { configErrors, invalidConfigMessage, validateResponse } from './validate-config.ts';

describe('config validation in Connect’s shape', () => {
  const base = {
    name: 'src',
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'database.hostname': 'db',
    'database.user': 'postgres',
    'database.dbname': 'app',
    'topic.prefix': 'app',
  };

  it('a complete configuration has no errors', () => {
    expect(configErrors(base).size).toBe(0);
  });

  it('names each bad key with Connect’s sentence form', () => {
    const { name: _name, ...noName } = base;
    const errors = configErrors({ ...noName, 'snapshot.mode': 'bogus' });
    expect(errors.get('name')).toEqual(['Missing required configuration "name" which has no default value.']);
    expect(errors.get('snapshot.mode')?.[0]).toMatch(/^The 'snapshot.mode' value is invalid: .*initial/);
  });

  it('counts errors and lists every key it was given', () => {
    const body = validateResponse('io.debezium.connector.postgresql.PostgresConnector', { ...base, 'database.port': 'abc' });
    expect(body.error_count).toBe(1);
    expect(body.configs.find((c) => c.value.name === 'database.port')?.value.errors).toHaveLength(1);
    expect(body.configs.map((c) => c.value.name)).toEqual(expect.arrayContaining(Object.keys(base)));
  });

  it('builds the 400 message Connect sends for an invalid connector', () => {
    const message = invalidConfigMessage(new Map([['database.port', ["The 'database.port' value is invalid: An integer is expected"]]]));
    expect(message).toBe(
      "Connector configuration is invalid and contains the following 1 error(s):\nThe 'database.port' value is invalid: An integer is expected\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`",
    );
  });
});
