import { describe, expect, it } from 'vitest';
import { maskRecord, replacePrefix } from './mask.ts';
import type { CapturedRecord } from './record.ts';

const change = (prefix: string, lsn: number): CapturedRecord => ({
  topic: 'public.ri_default',
  offset: 3,
  key: { schema: { name: `${prefix}.public.ri_default.Key` }, payload: { id: 1 } },
  value: {
    schema: { name: `${prefix}.public.ri_default.Envelope` },
    payload: {
      before: null,
      after: { id: 1, ts_ms: 5, lsn: 'row data' },
      source: { version: '3.2.7.Final', name: prefix, ts_ms: 1000 + lsn, ts_us: 1, ts_ns: 2, snapshot: 'false', db: 'conformance', sequence: `["${lsn}","${lsn}"]`, schema: 'public', table: 'ri_default', txId: 700 + lsn, lsn, xmin: null },
      transaction: { id: `${700 + lsn}:${lsn}`, total_order: 1, data_collection_order: 1 },
      op: 'u',
      ts_ms: 9,
      ts_us: 9,
      ts_ns: 9,
    },
  },
  headers: { '__debezium.context.connectorLogicalName': prefix },
});

describe('maskRecord', () => {
  it('makes two engines\' records of the same change equal: LSNs, txIds, ts_*, prefix masked', () => {
    expect(maskRecord(change('conf_dbz_x', 100), 'conf_dbz_x')).toEqual(maskRecord(change('conf_ours_x', 200), 'conf_ours_x'));
  });

  it('keeps row data, operation, ordering and nulls as they are', () => {
    const masked = maskRecord(change('p', 1), 'p') as { value: { payload: Record<string, any> } };
    const payload = masked.value.payload;
    expect(payload.after).toEqual({ id: 1, ts_ms: 5, lsn: 'row data' });
    expect(payload.op).toBe('u');
    expect(payload.source.lsn).toBe('<lsn>');
    expect(payload.source.xmin).toBeNull();
    expect(payload.source.name).toBe('<prefix>');
    expect(payload.source.snapshot).toBe('false');
    expect(payload.transaction).toEqual({ id: '<id>', total_order: 1, data_collection_order: 1 });
    expect(masked.value).not.toBe(change('p', 1).value);
  });

  it('masks a transaction record\'s id and ts_ms, not its counts', () => {
    const tx: CapturedRecord = {
      topic: 'transaction',
      offset: 0,
      key: { schema: {}, payload: { id: '771:12345' } },
      value: { schema: {}, payload: { status: 'END', id: '771:12345', event_count: 2, data_collections: [{ data_collection: 'public.a', event_count: 2 }], ts_ms: 17 } },
      headers: {},
    };
    const masked = maskRecord(tx, 'conf_x') as { key: { payload: unknown }; value: { payload: unknown } };
    expect(masked.key.payload).toEqual({ id: '<id>' });
    expect(masked.value.payload).toEqual({ status: 'END', id: '<id>', event_count: 2, data_collections: [{ data_collection: 'public.a', event_count: 2 }], ts_ms: '<ts_ms>' });
  });

  it('leaves tombstones null', () => {
    expect(maskRecord({ ...change('p', 1), value: null }, 'p').value).toBeNull();
  });

  it('replacePrefix rewrites every occurrence inside strings only', () => {
    expect(replacePrefix({ a: 'p.x.p', b: [1, 'p'], c: null }, 'p')).toEqual({ a: '<prefix>.x.<prefix>', b: [1, '<prefix>'], c: null });
  });
});
