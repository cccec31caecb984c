import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import catalogue from './key-catalogue.json' with { type: 'json' };
import { ACCEPTED_KEYS, IMPLEMENTED_KEY_TESTS, REFUSED_KEYS, SOURCE_KEYS } from './config-keys.ts';
import { keyStatus, type CatalogueKey } from './key-status.ts';
import { ConfigErrors, isKnownKey, parseConnectorConfig } from './config.ts';
import { validateResponse } from '../rest/validate-config.ts';

const keys = catalogue.keys as CatalogueKey[];
const root = new URL('../../../', import.meta.url);

describe('key catalogue (Debezium 3.2.7 PostgresConnector + Kafka Connect, scripts/key-catalogue.ts)', () => {
  it('holds the keys Connect and Debezium define, from their sources', () => {
    const names = new Set(keys.map((k) => k.name));
    for (const n of ['tasks.max', 'transforms', 'errors.tolerance', 'exactly.once.support', 'offsets.storage.topic', 'snapshot.mode', 'money.fraction.digits', 'column.mask.with.(d+).chars', 'transforms.*']) {
      expect(names, n).toContain(n);
    }
    expect(keys.length).toBeGreaterThan(150);
  });

  it('gives every key one status, the one config-keys.ts gives it now (run `node scripts/key-catalogue.ts --statuses` after editing config-keys.ts)', () => {
    for (const k of keys) {
      expect(k.status, k.name).not.toBe('unclassified');
      const { name, kind, origin, internal, ...status } = k;
      expect({ name, ...status }, name).toEqual({ name, ...keyStatus(name) });
      void kind; void origin; void internal;
    }
  });

  it('names, for every implemented key, a test file that exists and mentions the key', () => {
    for (const k of keys.filter((x) => x.status === 'implemented')) {
      const test = IMPLEMENTED_KEY_TESTS[k.name];
      expect(test, k.name).toBeDefined();
      const path = new URL(test!, root);
      expect(existsSync(path), `${k.name}: ${test}`).toBe(true);
      const mention = k.kind === 'pattern' ? k.name.split('(')[0]! : k.kind === 'prefix' ? k.name.slice(0, -1) : k.name;
      expect(readFileSync(path, 'utf8'), `${k.name} in ${test}`).toContain(mention);
    }
  });

  it('has every key config-keys.ts declares (implemented, accepted or refused): none is an invention', () => {
    const known = [...Object.values(SOURCE_KEYS).map((k) => k.name), ...ACCEPTED_KEYS.map((k) => k.name), ...REFUSED_KEYS.map((k) => k.name), ...Object.keys(IMPLEMENTED_KEY_TESTS)];
    for (const n of known) expect(isKnownKey(n) || keys.some((k) => k.name === n), n).toBe(true);
  });
});

describe('unknown and newly refused keys', () => {
  const base = { name: 'c', 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd', 'topic.prefix': 'p' };

  it('warns (does not fail) on a key neither Debezium nor Connect defines, and not on known ones', () => {
    const cfg = parseConnectorConfig({ ...base, 'tables.include.list': 'public.t', 'tasks.max': '1', 'max.batch.size': '4096', 'producer.override.compression.type': 'lz4' });
    expect(cfg.warnings).toEqual([expect.stringContaining('[tables.include.list]')]);
    // the REST validate endpoint, as Connect's: an unused key is no error
    const v = validateResponse('io.debezium.connector.postgresql.PostgresConnector', { ...base, 'tables.include.list': 'public.t' });
    expect(v.error_count).toBe(0);
  });

  it('refuses a catalogue key whose value changes the records here, naming it', () => {
    for (const [key, value] of [['database.sslmode', 'require'], ['errors.tolerance', 'all'], ['slot.drop.on.stop', 'true'], ['topic.heartbeat.prefix', 'hb']]) {
      let err: unknown;
      try {
        parseConnectorConfig({ ...base, [key]: value });
      } catch (e) {
        err = e;
      }
      expect(err, key).toBeInstanceOf(ConfigErrors);
      expect((err as ConfigErrors).errors.map((e) => e.key), key).toContain(key);
    }
    // the implemented (default) values pass
    expect(() => parseConnectorConfig({ ...base, 'database.sslmode': 'disable', 'errors.tolerance': 'none' })).not.toThrow();
  });
});
