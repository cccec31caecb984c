import { describe, expect, it } from 'vitest';
import type { StackInfo } from '../runtime/types.ts';
import { parseConnectorJson, sourceConnectors, topicPrefixes, withStackConnection } from './connector-config.ts';

const stack: StackInfo = {
  runtime: 'native',
  postgres: { host: '127.0.0.1', port: 40001, user: 'postgres', password: 'pw', database: 'postgres', url: 'postgres://x' },
  kafka: { mode: 'kraft', bootstrapServers: ['127.0.0.1:40002'] },
};

describe('connector JSON', () => {
  it('reads the {name, config} form the REST API takes, copying the name into the config as Connect does', () => {
    const c = parseConnectorJson('{"name":"inventory-connector","config":{"topic.prefix":"inventory"}}', 'f');
    expect(c).toEqual({ name: 'inventory-connector', config: { name: 'inventory-connector', 'topic.prefix': 'inventory' } });
  });
  it('reads a bare config and names it after the fallback', () => {
    expect(parseConnectorJson('{"topic.prefix":"x"}', 'lab')).toEqual({ name: 'lab', config: { name: 'lab', 'topic.prefix': 'x' } });
  });
  it('fills in the connection settings and keeps the rest', () => {
    const out = withStackConnection({ 'database.hostname': 'postgres', 'plugin.name': 'pgoutput' }, stack, 'lab_x');
    expect(out).toMatchObject({ 'database.hostname': '127.0.0.1', 'database.port': '40001', 'database.password': 'pw', 'database.dbname': 'lab_x', 'plugin.name': 'pgoutput' });
  });
  it('replaces the seeds\' placeholder users, and keeps a role the lab created, with its password', () => {
    for (const user of ['cdc', 'postgres']) {
      expect(withStackConnection({ 'database.user': user, 'database.password': 'x' }, stack, 'lab_x')).toMatchObject({ 'database.user': 'postgres', 'database.password': 'pw' });
    }
    expect(withStackConnection({ 'database.user': 'cdc_reader', 'database.password': 's3cret' }, stack, 'lab_x')).toMatchObject({ 'database.user': 'cdc_reader', 'database.password': 's3cret', 'database.port': '40001' });
  });
  it('points the converters\' registry URLs at the stack\'s registry, and refuses them on a stack without one', () => {
    const registry = { url: 'http://127.0.0.1:40003/apis/ccompat/v7', apicurioUrl: 'http://127.0.0.1:40003/apis/registry/v2', apicurioUrlForConnect: 'http://registry:8080/apis/registry/v2' };
    const config = { 'key.converter.schema.registry.url': 'http://localhost:8081', 'value.converter.apicurio.registry.url': 'http://localhost:8080/apis/registry/v2' };
    expect(withStackConnection(config, { ...stack, registry }, 'lab_x')).toMatchObject({
      'key.converter.schema.registry.url': registry.url,
      'value.converter.apicurio.registry.url': registry.apicurioUrl,
    });
    expect(() => withStackConnection(config, stack, 'lab_x')).toThrow(/key\.converter\.schema\.registry\.url names a schema registry.*needs\.services: \['registry'\]/);
  });
  it('collects topic prefixes from connector files only', () => {
    expect(topicPrefixes({ 'a.json': '{"config":{"topic.prefix":"p"}}', 'b.sql': 'select 1', 'c.json': 'not json' })).toEqual(['p']);
  });
});

describe('sourceConnectors', () => {
  it('lists the source connector JSONs by name and topic.prefix, unnamed ones under the lab id, sinks and other files left out', () => {
    const files = {
      'connector.json': JSON.stringify({ name: 'shop', config: { 'topic.prefix': 'shop', 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector' } }),
      'bare.json': JSON.stringify({ 'topic.prefix': 'bare' }),
      'sink.json': JSON.stringify({ name: 'sink', config: { 'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector', topics: 'shop.public.t' } }),
      '01-table.sql': 'CREATE TABLE t (id int)',
    };
    expect(sourceConnectors(files, 'lab-x')).toEqual([
      { name: 'shop', topicPrefix: 'shop' },
      { name: 'lab-x', topicPrefix: 'bare' },
    ]);
  });
});
