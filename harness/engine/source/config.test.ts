import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigErrors, parseConnectorConfig } from './config.ts';
import { REFUSED_KEYS, SOURCE_KEYS } from './config-keys.ts';
import { REMOVED_KEYS } from './removed-keys.ts';

// A connector config as the seeds and Debezium's PostgreSQL tutorial write it (Connect REST JSON: all strings).
const tutorial = {
  name: 'inventory-connector',
  'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
  'database.hostname': 'postgres',
  'database.port': '5432',
  'database.user': 'postgres',
  'database.password': 'postgres',
  'database.dbname': 'postgres',
  'topic.prefix': 'dbserver1',
  'plugin.name': 'pgoutput',
  'schema.include.list': 'inventory',
};

function errorsOf(raw: Record<string, unknown>): ConfigError[] {
  try {
    parseConnectorConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigErrors);
    return (e as ConfigErrors).errors;
  }
  throw new Error('expected ConfigErrors');
}

describe('parseConnectorConfig', () => {
  it('applies Debezium 3.2 defaults (PostgresConnectorConfig / CommonConnectorConfig)', () => {
    const c = parseConnectorConfig(tutorial);
    expect(c.port).toBe(5432);
    expect(c.slotName).toBe('debezium');
    expect(c.publicationName).toBe('dbz_publication');
    expect(c.publicationAutocreateMode).toBe('all_tables');
    expect(c.tombstonesOnDelete).toBe(true);
    expect(c.decimalHandlingMode).toBe('precise');
    expect(c.timePrecisionMode).toBe('adaptive');
    expect(c.binaryHandlingMode).toBe('bytes');
    expect(c.intervalHandlingMode).toBe('numeric');
    expect(c.provideTransactionMetadata).toBe(false);
    expect(c.heartbeatIntervalMs).toBe(0);
    expect(c.heartbeatTopicsPrefix).toBe('__debezium-heartbeat');
    expect(c.snapshotMode).toBe('initial');
    expect([...c.skippedOperations]).toEqual(['t']);
    expect(c.keySchemasEnable).toBe(true);
    expect(c.valueSchemasEnable).toBe(true);
    expect(c.unavailableValuePlaceholder).toBe('__debezium_unavailable_value');
  });

  it('accepts native numbers and booleans as well as Connect JSON strings', () => {
    const c = parseConnectorConfig({ ...tutorial, 'database.port': 5433, 'tombstones.on.delete': false, 'heartbeat.interval.ms': '10000', 'provide.transaction.metadata': 'TRUE' });
    expect(c.port).toBe(5433);
    expect(c.tombstonesOnDelete).toBe(false);
    expect(c.heartbeatIntervalMs).toBe(10000);
    expect(c.provideTransactionMetadata).toBe(true);
  });

  it('a missing plugin.name is taken as pgoutput; any other plugin is an error that says to set pgoutput', () => {
    const { 'plugin.name': _omit, ...noPlugin } = tutorial;
    expect(parseConnectorConfig(noPlugin).pluginName).toBe('pgoutput');
    const [err] = errorsOf({ ...tutorial, 'plugin.name': 'decoderbufs' });
    expect(err.key).toBe('plugin.name');
    expect(err.allowed).toEqual(['pgoutput']);
    expect(err.message).toContain('"plugin.name": "pgoutput"');
  });

  it('collects every error before failing, each naming its key and the allowed values', () => {
    const errs = errorsOf({
      'database.hostname': 'h',
      'decimal.handling.mode': 'exact',
      'time.precision.mode': 'millis',
      'snapshot.mode': 'sometimes',
      'publication.autocreate.mode': 'auto',
      'tombstones.on.delete': 'maybe',
    });
    expect(errs.map((e) => e.key).sort()).toEqual([
      'database.dbname', 'database.user', 'decimal.handling.mode', 'publication.autocreate.mode',
      'snapshot.mode', 'time.precision.mode', 'tombstones.on.delete', 'topic.prefix',
    ]);
    expect(errs.find((e) => e.key === 'decimal.handling.mode')!.allowed).toEqual(['precise', 'double', 'string']);
    expect(errs.find((e) => e.key === 'time.precision.mode')!.allowed).toEqual(['adaptive', 'adaptive_time_microseconds', 'connect']);
    expect(errs.find((e) => e.key === 'publication.autocreate.mode')!.allowed).toEqual(['all_tables', 'disabled', 'filtered']);
  });

  it('enumerated values are case-insensitive, as Debezium\'s EnumeratedValue.parse is', () => {
    expect(parseConnectorConfig({ ...tutorial, 'decimal.handling.mode': 'STRING' }).decimalHandlingMode).toBe('string');
  });

  it('snapshot.mode: every mode but custom runs; never is the deprecated alias of no_data', () => {
    expect(parseConnectorConfig({ ...tutorial, 'snapshot.mode': 'no_data' }).snapshotMode).toBe('no_data');
    const never = parseConnectorConfig({ ...tutorial, 'snapshot.mode': 'never' });
    expect(never.snapshotMode).toBe('no_data');
    expect(never.warnings[0]).toContain('deprecated');
    expect(parseConnectorConfig({ ...tutorial, 'snapshot.mode': 'when_needed' }).snapshotMode).toBe('when_needed');
    const cb = parseConnectorConfig({ ...tutorial, 'snapshot.mode': 'configuration_based', 'snapshot.mode.configuration.based.snapshot.data': 'true' });
    expect(cb.snapshotConfigurationBased).toMatchObject({ snapshotData: true, startStream: false });
    const [err] = errorsOf({ ...tutorial, 'snapshot.mode': 'custom' });
    expect(err.key).toBe('snapshot.mode');
    expect(err.allowed).toEqual(['initial', 'no_data', 'initial_only', 'always', 'when_needed', 'configuration_based']);
  });

  it('include and exclude lists together are an error, as in Debezium', () => {
    const errs = errorsOf({ ...tutorial, 'table.include.list': 'inventory.a', 'table.exclude.list': 'inventory.b', 'column.include.list': 'x', 'column.exclude.list': 'y' });
    expect(errs.map((e) => e.key)).toEqual(['table.exclude.list', 'column.exclude.list']);
  });

  it('table filters match the whole schema.table identifier, case-insensitively, and never system schemas', () => {
    const c = parseConnectorConfig({ ...tutorial, 'schema.include.list': '', 'table.include.list': 'inventory.customers,inventory\\.order.*' });
    expect(c.includesTable('inventory', 'customers')).toBe(true);
    expect(c.includesTable('inventory', 'CUSTOMERS')).toBe(true);
    expect(c.includesTable('inventory', 'customers_archive')).toBe(false);
    expect(c.includesTable('inventory', 'orders')).toBe(true);
    expect(c.includesTable('other', 'customers')).toBe(false);
    const all = parseConnectorConfig({ ...tutorial, 'schema.include.list': '' });
    expect(all.includesTable('public', 't')).toBe(true);
    expect(all.includesTable('pg_catalog', 'pg_class')).toBe(false);
    expect(all.includesTable('information_schema', 'tables')).toBe(false);
  });

  it('schema.include.list limits the schemas', () => {
    const c = parseConnectorConfig(tutorial);
    expect(c.includesTable('inventory', 'customers')).toBe(true);
    expect(c.includesTable('public', 'customers')).toBe(false);
  });

  it('column filters match schema.table.column', () => {
    const c = parseConnectorConfig({ ...tutorial, 'column.exclude.list': 'inventory.customers.email,.*\\.secret' });
    expect(c.includesColumn('inventory', 'customers', 'email')).toBe(false);
    expect(c.includesColumn('inventory', 'customers', 'first_name')).toBe(true);
    expect(c.includesColumn('inventory', 'orders', 'email')).toBe(true);
    expect(c.includesColumn('inventory', 'orders', 'secret')).toBe(false);
  });

  it('message.key.columns: "<table regex>:<col>,<col>;..." (Debezium KeyMapper syntax)', () => {
    const c = parseConnectorConfig({ ...tutorial, 'message.key.columns': 'inventory.customers:email,id; inventory.order.*:order_no' });
    expect(c.keyColumnsFor('inventory', 'customers')).toEqual(['email', 'id']);
    expect(c.keyColumnsFor('inventory', 'orders')).toEqual(['order_no']);
    expect(c.keyColumnsFor('inventory', 'products')).toBeUndefined();
    const [err] = errorsOf({ ...tutorial, 'message.key.columns': 'inventory.customers' });
    expect(err.key).toBe('message.key.columns');
  });

  it('the JSON and Avro converters are supported; another converter is refused by name, an Avro one without its registry URL names that key', () => {
    const [err] = errorsOf({ ...tutorial, 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' });
    expect(err.key).toBe('value.converter');
    expect(err.allowed).toEqual(['org.apache.kafka.connect.json.JsonConverter', 'io.confluent.connect.avro.AvroConverter', 'io.apicurio.registry.utils.converter.AvroConverter']);
    const [avro] = errorsOf({ ...tutorial, 'value.converter': 'io.confluent.connect.avro.AvroConverter' });
    expect(avro.key).toBe('value.converter.schema.registry.url');
    const c = parseConnectorConfig({ ...tutorial, 'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'key.converter.schemas.enable': 'false' });
    expect(c.keySchemasEnable).toBe(false);
  });

  it('masked() keeps every key as given and hides the password', () => {
    const c = parseConnectorConfig({ ...tutorial, 'column.mask.with.8.chars': 'inventory.customers.email' });
    expect(c.masked()['column.mask.with.8.chars']).toBe('inventory.customers.email');
    expect(c.masked()['database.password']).toBe('********');
    expect(c.masked()['database.user']).toBe('postgres');
    expect(c.password).toBe('postgres');
  });

  it('source-side transforms and predicates are read as Kafka Connect reads them; an unknown class is refused by name', () => {
    const cfg = parseConnectorConfig({
      ...tutorial, 'transforms': 'unwrap', 'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
      'transforms.unwrap.predicate': 'p', 'predicates': 'p', 'predicates.p.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches', 'predicates.p.pattern': '.*',
    });
    expect(cfg.transforms).toBeTypeOf('function');
    const errs = errorsOf({ ...tutorial, 'transforms': 'x', 'transforms.x.type': 'org.example.Nope' });
    expect(errs.map((e) => e.key)).toEqual(['transforms.x.type']);
    expect(errs[0]!.message).toMatch(/unsupported transform "org.example.Nope"/);
  });

  it('a key Debezium 2.0 removed is refused with the key that replaced it, not ignored as Debezium 3.2 ignores it', () => {
    const errs = errorsOf({ ...tutorial, 'database.server.name': 'limadelrey', 'table.whitelist': 'store.customers' });
    expect(errs.map((e) => e.key)).toEqual(['database.server.name', 'table.whitelist']);
    expect(errs[0]!.message).toBe('database.server.name: was removed in Debezium 2.0 (Debezium 3.2.7 ignores it); rename it "topic.prefix"');
    expect(errs[1]!.message).toMatch(/rename it "table.include.list"$/);
    for (const [old, renamed] of Object.entries(REMOVED_KEYS)) {
      expect(errorsOf({ ...tutorial, [old]: 'x' }).map((e) => e.message), old).toEqual([`${old}: was removed in Debezium 2.0 (Debezium 3.2.7 ignores it); rename it "${renamed}"`]);
    }
  });

  it('every key that would change the records and is not implemented is refused; its "off" value is accepted', () => {
    for (const k of REFUSED_KEYS) {
      const key = k.prefix ? `${k.name}.x` : k.name;
      const errs = errorsOf({ ...tutorial, [key]: 'something' });
      expect(errs.map((e) => e.key), key).toEqual([key]);
      for (const ok of k.unless ?? []) expect(() => parseConnectorConfig({ ...tutorial, [k.name]: ok.toUpperCase() }), k.name).not.toThrow();
    }
    // an empty value is no value, as everywhere else
    expect(() => parseConnectorConfig({ ...tutorial, 'snapshot.select.statement.overrides': '' })).not.toThrow();
  });

  it('column mapper keys are read in ColumnMappers.create\'s order: truncate, mask, propagate, datatype, hash, hash v2', () => {
    const c = parseConnectorConfig({
      ...tutorial,
      'column.mask.hash.v2.SHA-256.with.salt.s2': 'a.b.c',
      'column.mask.hash.SHA-256.with.salt.s.1': 'a.b.c',
      'datatype.propagate.source.type': '.+\\.varchar',
      'column.propagate.source.type': 'a.b.c',
      'column.mask.with.8.chars': 'a.b.c,x.y.z',
      'column.truncate.to.20.chars': 'a.b.c',
    });
    expect(c.columnMappers.map((m) => [m.kind, m.byDatatype, m.chars, m.hashVersion])).toEqual([
      ['truncate', false, 20, 1], ['mask', false, 8, 1], ['propagate', false, 0, 1], ['propagate', true, 0, 1], ['hash', false, 0, 1], ['hash', false, 0, 2],
    ]);
    expect(c.columnMappers[1].patterns).toHaveLength(2);
    expect(c.columnMappers[4].salt.toString()).toBe('s.1');
    expect(c.columnMappers[4].algorithm).toBe('sha256');
  });

  it('a bad column mapper key is an error naming it: bad regex, N out of range, unknown hash algorithm, a key Debezium does not read', () => {
    const errs = errorsOf({
      ...tutorial,
      'column.mask.with.8.chars': 'inventory.customers.(email',
      'column.truncate.to.99999999999.chars': 'inventory.customers.name',
      'column.mask.hash.SHA-257.with.salt.x': 'inventory.customers.email',
      'column.mask.hash.MD2.with.salt.x': 'inventory.customers.email',
      'column.mask.with.eight.chars': 'inventory.customers.email',
      'column.truncate.to.8.char': 'inventory.customers.email',
    });
    expect(errs.map((e) => e.key).sort()).toEqual([
      'column.mask.hash.MD2.with.salt.x', 'column.mask.hash.SHA-257.with.salt.x', 'column.mask.with.8.chars',
      'column.mask.with.eight.chars', 'column.truncate.to.8.char', 'column.truncate.to.99999999999.chars',
    ]);
    expect(errs.find((e) => e.key === 'column.mask.hash.SHA-257.with.salt.x')!.allowed).toContain('SHA-256');
    expect(errs.find((e) => e.key === 'column.mask.with.8.chars')!.message).toContain('invalid regular expression');
  });

  it('every typed key in the catalogue is validated at parse time, naming the key', () => {
    const typed = Object.values(SOURCE_KEYS).filter((k) => k.type === 'int' || k.type === 'boolean' || k.type === 'enum');
    expect(typed.length).toBeGreaterThan(25);
    for (const k of typed) {
      const keys = errorsOf({ ...tutorial, [k.name]: 'not-a-value' }).map((e) => e.key);
      expect(keys, k.name).toContain(k.name);
    }
  });

  it('keys read while running are typed values from the parse', () => {
    const c = parseConnectorConfig({
      ...tutorial,
      'slot.max.retries': '1', 'slot.retry.delay.ms': '100', 'errors.max.retries': '-1', 'retriable.restart.connector.wait.ms': '300',
      'offset.flush.interval.ms': '1000', 'incremental.snapshot.chunk.size': '5', 'extended.headers.enabled': 'false',
      'signal.data.collection': 'inventory.debezium_signal',
    });
    expect([c.slotMaxRetries, c.slotRetryDelayMs, c.errorsMaxRetries, c.retriableRestartWaitMs, c.offsetFlushIntervalMs, c.incrementalSnapshotChunkSize])
      .toEqual([1, 100, -1, 300, 1000, 5]);
    expect(c.extendedHeadersEnabled).toBe(false);
    expect(c.signalTable).toEqual({ schema: 'inventory', table: 'debezium_signal' });
    expect(errorsOf({ ...tutorial, 'signal.data.collection': 'debezium_signal' })[0].key).toBe('signal.data.collection');
    expect(errorsOf({ ...tutorial, 'errors.max.retries': '-2' })[0].key).toBe('errors.max.retries');
    // insert_delete is Debezium's other strategy; refused by name rather than silently run as insert_insert
    expect(errorsOf({ ...tutorial, 'incremental.snapshot.watermarking.strategy': 'insert_delete' })[0].allowed).toEqual(['insert_insert']);
  });

  it('skipped.operations: none keeps truncates; bad values are errors', () => {
    expect(parseConnectorConfig({ ...tutorial, 'skipped.operations': 'none' }).skippedOperations.size).toBe(0);
    expect([...parseConnectorConfig({ ...tutorial, 'skipped.operations': 'c,d' }).skippedOperations]).toEqual(['c', 'd']);
    expect(errorsOf({ ...tutorial, 'skipped.operations': 'x' })[0].allowed).toEqual(['c', 'u', 'd', 't', 'none']);
  });

  it('topic.prefix must be a legal topic name part', () => {
    expect(errorsOf({ ...tutorial, 'topic.prefix': 'my server' })[0].key).toBe('topic.prefix');
  });
});
