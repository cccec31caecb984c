import { describe, expect, it } from 'vitest';
import { parseConnectorConfig } from './config.ts';
import { tableTopic } from '../events/table-schema.ts';
import { SNAPSHOT_MODES } from './config-keys.ts';

// Keys the catalogue lists as implemented whose behaviour has no test of its own elsewhere: each is read into the
// typed config the running code uses (and, where the use is one function, through that function).
const base = {
  name: 'c',
  'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
  'database.hostname': 'h',
  'database.user': 'u',
  'database.dbname': 'd',
  'topic.prefix': 'dbserver1',
};

describe('implemented keys without a behaviour test elsewhere', () => {
  it('topic.delimiter joins the table topic name parts; topic.transaction names the transaction topic', () => {
    const cfg = parseConnectorConfig({ ...base, 'topic.delimiter': '_', 'topic.transaction': 'tx' });
    expect(tableTopic(cfg, 'inventory', 'customers')).toBe('dbserver1_inventory_customers');
    expect(cfg.topicTransaction).toBe('tx');
  });

  it('heartbeat.topics.prefix, money.fraction.digits and unavailable.value.placeholder reach the config', () => {
    const cfg = parseConnectorConfig({ ...base, 'heartbeat.topics.prefix': 'hb', 'money.fraction.digits': '4', 'unavailable.value.placeholder': '__toast' });
    expect([cfg.heartbeatTopicsPrefix, cfg.moneyFractionDigits, cfg.unavailableValuePlaceholder]).toEqual(['hb', 4, '__toast']);
  });

  it('schema.exclude.list leaves the excluded schema out', () => {
    const cfg = parseConnectorConfig({ ...base, 'schema.exclude.list': 'audit.*' });
    expect([cfg.includesTable('audit_log', 't'), cfg.includesTable('public', 't')]).toEqual([false, true]);
  });

  it('snapshot.mode.configuration.based.snapshot.schema / start.stream / snapshot.on.schema.error / snapshot.on.data.error', () => {
    expect(SNAPSHOT_MODES).toContain('configuration_based');
    const cfg = parseConnectorConfig({
      ...base,
      'snapshot.mode': 'configuration_based',
      'snapshot.mode.configuration.based.snapshot.schema': 'true',
      'snapshot.mode.configuration.based.start.stream': 'true',
      'snapshot.mode.configuration.based.snapshot.on.schema.error': 'true',
      'snapshot.mode.configuration.based.snapshot.on.data.error': 'true',
    });
    expect(cfg.snapshotConfigurationBased).toEqual({ snapshotData: false, snapshotSchema: true, startStream: true, snapshotOnSchemaError: true, snapshotOnDataError: true });
  });
});
