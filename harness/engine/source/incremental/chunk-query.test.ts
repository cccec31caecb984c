import { describe, expect, it } from 'vitest';
import { buildChunkQuery, buildMaxKeyQuery } from './chunk-query.ts';

const orders = { schema: 'public', table: 'orders', columns: ['id', 'total'], keyColumns: ['id'] };
const items = { schema: 'public', table: 'order_items', columns: ['order_id', 'line', 'qty'], keyColumns: ['order_id', 'line'] };

describe('incremental snapshot chunk queries (RowValueConstructorChunkQueryBuilder)', () => {
  it('the first chunk has no bounds, key order and the chunk size', () => {
    expect(buildChunkQuery(orders, 1024, null, null, null)).toEqual({
      text: 'SELECT "id", "total" FROM "public"."orders" ORDER BY "id" LIMIT 1024',
      values: [],
    });
  });

  it('later chunks start after the last key and end at the maximum key', () => {
    expect(buildChunkQuery(orders, 10, ['1024'], ['5000'], null)).toEqual({
      text: 'SELECT "id", "total" FROM "public"."orders" WHERE "id" > $1 AND "id" <= $2 ORDER BY "id" LIMIT 10',
      values: ['1024', '5000'],
    });
  });

  it('composite keys compare as rows', () => {
    const q = buildChunkQuery(items, 5, ['7', '2'], ['90', '4'], null);
    expect(q.text).toBe(
      'SELECT "order_id", "line", "qty" FROM "public"."order_items" WHERE ROW("order_id", "line") > ROW($1, $2) AND ROW("order_id", "line") <= ROW($3, $4) ORDER BY "order_id", "line" LIMIT 5',
    );
    expect(q.values).toEqual(['7', '2', '90', '4']);
  });

  it('nullable key columns use the expanded comparison', () => {
    const q = buildChunkQuery({ ...items, nullableKey: true }, 5, ['7', '2'], ['90', '4'], null);
    expect(q.text).toContain('WHERE (("order_id" > $1) OR ("order_id" = $1 AND "line" > $2)) AND NOT (("order_id" > $3) OR ("order_id" = $3 AND "line" > $4))');
  });

  it('the additional condition is added to chunk and maximum-key queries', () => {
    expect(buildChunkQuery(orders, 3, null, null, "status = 'paid'").text).toBe(
      `SELECT "id", "total" FROM "public"."orders" WHERE (status = 'paid') ORDER BY "id" LIMIT 3`,
    );
    expect(buildChunkQuery(orders, 3, ['1'], ['9'], 'total > 5').text).toContain('WHERE "id" > $1 AND "id" <= $2 AND (total > 5)');
    expect(buildMaxKeyQuery(items, 'qty > 1').text).toBe(
      'SELECT "order_id", "line" FROM "public"."order_items" WHERE (qty > 1) ORDER BY "order_id" DESC, "line" DESC LIMIT 1',
    );
  });

  it('identifiers are quoted', () => {
    expect(buildMaxKeyQuery({ schema: 'we"ird', table: 'T', columns: [], keyColumns: ['K"ey'] }, null).text).toBe(
      'SELECT "K""ey" FROM "we""ird"."T" ORDER BY "K""ey" DESC LIMIT 1',
    );
  });
});
