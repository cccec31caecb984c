import { describe, expect, it } from 'vitest';
import { ConfigErrors, parseConnectorConfig } from './config.ts';
import { parseTableIdParts } from './config-select-overrides.ts';
import { checkOverrideColumns } from './snapshot.ts';
import type { CatalogTable } from '../postgres/catalog.ts';

const base = { name: 'c', 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'shop', 'topic.prefix': 'p' };
const K = 'snapshot.select.statement.overrides';

function errorKeys(raw: Record<string, unknown>): string[] {
  try {
    parseConnectorConfig(raw);
  } catch (e) {
    return (e as ConfigErrors).errors.map((x) => x.key);
  }
  return [];
}

describe('snapshot.select.statement.overrides (RelationalDatabaseConnectorConfig#getSnapshotSelectOverridesByTable)', () => {
  it('reads the statement of each listed table from snapshot.select.statement.overrides.<table as listed>', () => {
    const c = parseConnectorConfig({
      ...base,
      [K]: 'public.orders, shop.inventory.items,"my.schema"."T"',
      [`${K}.public.orders`]: "SELECT * FROM public.orders WHERE status <> 'archived';",
      [`${K}.shop.inventory.items`]: 'SELECT id FROM inventory.items',
      [`${K}."my.schema"."T"`]: 'SELECT 1 AS id',
    });
    expect(c.snapshotSelectOverride('public', 'orders')).toBe("SELECT * FROM public.orders WHERE status <> 'archived'");
    expect(c.snapshotSelectOverride('inventory', 'items')).toBe('SELECT id FROM inventory.items');
    expect(c.snapshotSelectOverride('my.schema', 'T')).toBe('SELECT 1 AS id');
    expect(c.snapshotSelectOverride('public', 'ORDERS')).toBeUndefined();
    expect(c.warnings).toEqual([]);
  });

  it('a listed table without a statement, or a statement for an unlisted table, is a warning (Debezium: no override)', () => {
    const c = parseConnectorConfig({ ...base, [K]: 'public.a', [`${K}.public.b`]: 'SELECT 1' });
    expect(c.snapshotSelectOverride('public', 'a')).toBeUndefined();
    expect(c.snapshotSelectOverride('public', 'b')).toBeUndefined();
    expect(c.warnings).toEqual([
      expect.stringContaining('no statement property snapshot.select.statement.overrides.public.a defined'),
      expect.stringContaining('"public.b" is not listed'),
    ]);
  });

  it('a name that can never match a table is an error naming the key', () => {
    expect(errorKeys({ ...base, [K]: 'orders', [`${K}.orders`]: 'SELECT 1' })).toEqual([K]);
    expect(errorKeys({ ...base, [K]: 'other.public.orders', [`${K}.other.public.orders`]: 'SELECT 1' })).toEqual([K]);
    expect(errorKeys({ ...base, [K]: '"public.orders' })).toEqual([K]);
    expect(errorKeys({ ...base, [K]: '' })).toEqual([]);
  });

  it('splits table ids on dots outside double quotes', () => {
    expect(parseTableIdParts('a.b')).toEqual(['a', 'b']);
    expect(parseTableIdParts('"a.b"."c""d"')).toEqual(['a.b', 'c"d']);
    expect(parseTableIdParts('a..b')).toBeNull();
  });

  it('an overridden SELECT may return fewer columns, never one the table does not capture (ColumnUtils.toArray)', () => {
    const t = { schema: 'public', table: 'orders', columns: [{ name: 'id' }, { name: 'status' }] } as unknown as CatalogTable;
    expect(() => checkOverrideColumns(t, [{ name: 'id' }])).not.toThrow();
    expect(() => checkOverrideColumns(t, [{ name: 'id' }, { name: 'secret' }])).toThrow(/Column 'secret' not found in result set 'id, secret' for table 'public.orders'/);
  });
});
