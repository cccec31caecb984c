import { describe, expect, it } from 'vitest';
import { conditionFor, parseSignal, parseSignalCollection, signalFromRow } from './signal.ts';

const row = (id: string, type: string, data: string | null) => ({ id, type, data });

describe('signal rows (SourceSignalChannel, SignalProcessor)', () => {
  it('reads id, type and data by column position', () => {
    expect(signalFromRow({ a: '1', b: 'execute-snapshot', c: '{}' }, ['a', 'b', 'c'], 'public.sig')).toEqual(row('1', 'execute-snapshot', '{}'));
  });

  it('a signal table without exactly three columns is reported, naming the table', () => {
    const r = signalFromRow({ id: '1', type: 'x' }, ['id', 'type'], 'public.sig');
    expect(r).toMatchObject({ ok: false, level: 'warn' });
    expect((r as { message: string }).message).toContain('public.sig');
  });

  it('execute-snapshot: collections, default type incremental, additional conditions, surrogate key', () => {
    const r = parseSignal(
      row(
        'ad-hoc-1',
        'execute-snapshot',
        JSON.stringify({
          'data-collections': [' public.orders ', 'public.customers'],
          'additional-conditions': [{ 'data-collection': 'public.orders', filter: 'status = \'paid\'' }],
          'surrogate-key': 'created_at',
        }),
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok || r.action.kind !== 'execute-snapshot') throw new Error('expected execute-snapshot');
    expect(r.action.type).toBe('incremental');
    expect(r.action.dataCollections).toEqual(['public.orders', 'public.customers']);
    expect(r.action.surrogateKey).toBe('created_at');
    expect(conditionFor('public.orders', r.action.additionalConditions)).toBe("status = 'paid'");
    expect(conditionFor('PUBLIC.ORDERS', r.action.additionalConditions)).toBe("status = 'paid'");
    expect(conditionFor('public.customers', r.action.additionalConditions)).toBeNull();
  });

  it('the deprecated single additional-condition applies to every collection', () => {
    const r = parseSignal(row('x', 'execute-snapshot', '{"data-collections":["public.a"],"additional-condition":"id > 5"}'));
    if (!r.ok || r.action.kind !== 'execute-snapshot') throw new Error('expected execute-snapshot');
    expect(conditionFor('public.a', r.action.additionalConditions)).toBe('id > 5');
  });

  it('malformed JSON data is an error naming the signal id; nothing is thrown', () => {
    const r = parseSignal(row('bad-1', 'execute-snapshot', '{"data-collections": [public.orders]'));
    expect(r).toMatchObject({ ok: false, level: 'error' });
    expect((r as { message: string }).message).toMatch(/bad-1.*cannot be parsed/);
  });

  it('execute-snapshot without data-collections is skipped with Debezium\'s warning', () => {
    const r = parseSignal(row('e', 'execute-snapshot', '{"type":"incremental"}'));
    expect(r).toMatchObject({ ok: false, level: 'warn' });
    expect((r as { message: string }).message).toContain('"data-collections" is missing from data or is empty');
  });

  it('wrong field types and an unknown snapshot type are reported', () => {
    expect(parseSignal(row('a', 'execute-snapshot', '{"data-collections":"public.x"}'))).toMatchObject({ ok: false, level: 'error' });
    expect(parseSignal(row('b', 'execute-snapshot', '{"data-collections":["x"],"type":"sideways"}'))).toMatchObject({ ok: false, level: 'warn' });
    expect(parseSignal(row('c', 'execute-snapshot', '{"data-collections":["x"],"additional-conditions":[{"filter":"1=1"}]}'))).toMatchObject({ ok: false });
  });

  it('stop-snapshot with and without collections', () => {
    expect(parseSignal(row('s', 'stop-snapshot', '{"type":"incremental"}'))).toMatchObject({ ok: true, action: { kind: 'stop-snapshot', dataCollections: null } });
    expect(parseSignal(row('s', 'stop-snapshot', '{"data-collections":["public.a"]}'))).toMatchObject({
      ok: true,
      action: { kind: 'stop-snapshot', type: 'incremental', dataCollections: ['public.a'] },
    });
  });

  it('watermarks, log, and unknown types', () => {
    expect(parseSignal(row('u-open', 'snapshot-window-open', '{"openWindowTimestamp": "t"}'))).toMatchObject({ ok: true, action: { kind: 'snapshot-window-open', id: 'u-open' } });
    expect(parseSignal(row('u-close', 'snapshot-window-close', null))).toMatchObject({ ok: true, action: { kind: 'snapshot-window-close' } });
    expect(parseSignal(row('l', 'log', '{"message":"hello"}'))).toMatchObject({ ok: true, action: { kind: 'log', message: 'hello' } });
    expect(parseSignal(row('z', 'explode', ''))).toMatchObject({ ok: false, level: 'warn' });
  });

  it('signal.data.collection is "<schema>.<table>"', () => {
    expect(parseSignalCollection('inventory.debezium_signal')).toEqual({ schema: 'inventory', table: 'debezium_signal' });
    expect(() => parseSignalCollection('debezium_signal')).toThrow(/signal.data.collection/);
  });
});
