import { describe, expect, it } from 'vitest';
import { IncrementalContext, OFFSET_KEYS, rowKey } from './context.ts';

const coll = (id: string) => ({ id, additionalCondition: null, surrogateKey: null });

describe('incremental snapshot context and window buffer', () => {
  it('a chunk row changed by the stream while the window is open is dropped from the window', () => {
    const ctx = new IncrementalContext();
    expect(ctx.add([coll('public.orders')], 'sig-1')).toBe(true);
    const chunk = ctx.startNewChunk();
    for (const id of ['1', '2', '3']) ctx.window.set(rowKey({ id, v: 'x' }, ['id']), { id, v: 'x' });
    // before the open marker: no de-duplication (the change is older than the chunk's read)
    expect(ctx.deduplicate('public.orders', rowKey({ id: '2' }, ['id']))).toBe(false);
    expect(ctx.openWindow(`${chunk}-open`)).toBe(true);
    expect(ctx.deduplicate('public.customers', rowKey({ id: '2' }, ['id']))).toBe(false);
    expect(ctx.deduplicate('public.orders', rowKey({ id: '2' }, ['id']))).toBe(true);
    expect(ctx.deduplicate('public.orders', rowKey({ id: '9' }, ['id']))).toBe(false);
    expect([...ctx.window.values()].map((r) => r.id)).toEqual(['1', '3']);
    expect(ctx.closeWindow(`${chunk}-close`)).toBe(true);
    // after the close marker the window is closed again
    expect(ctx.deduplicate('public.orders', rowKey({ id: '3' }, ['id']))).toBe(false);
  });

  it('watermarks of another chunk are ignored', () => {
    const ctx = new IncrementalContext();
    ctx.add([coll('public.a')], null);
    ctx.startNewChunk();
    expect(ctx.openWindow('00000000-0000-0000-0000-000000000000-open')).toBe(false);
    expect(ctx.windowOpened).toBe(false);
  });

  it('a second execute-snapshot queues behind the running one', () => {
    const ctx = new IncrementalContext();
    expect(ctx.add([coll('public.a')], '1')).toBe(true);
    expect(ctx.add([coll('public.b')], '2')).toBe(false);
    ctx.nextDataCollection();
    expect(ctx.current?.id).toBe('public.b');
    ctx.nextDataCollection();
    expect(ctx.running).toBe(false);
  });

  it('offsets carry Debezium\'s keys while running and none after; a restart continues after the last key sent', () => {
    const ctx = new IncrementalContext();
    expect(ctx.store()).toEqual({});
    ctx.add([{ id: 'public.orders', additionalCondition: "status = 'paid'", surrogateKey: null }, coll('public.items')], 'sig-7');
    ctx.setMaximumKey(['5000']);
    ctx.nextChunkPosition(['2048']);
    ctx.sent(['1024']);
    const stored = ctx.store();
    expect(Object.keys(stored).sort()).toEqual(Object.values(OFFSET_KEYS).sort());
    expect(JSON.parse(stored[OFFSET_KEYS.collections]!)).toEqual([
      { incremental_snapshot_collections_id: 'public.orders', incremental_snapshot_collections_additional_condition: "status = 'paid'", incremental_snapshot_collections_surrogate_key: null },
      { incremental_snapshot_collections_id: 'public.items', incremental_snapshot_collections_additional_condition: null, incremental_snapshot_collections_surrogate_key: null },
    ]);
    const restored = IncrementalContext.fromOffset({ lsn: 1, ...JSON.parse(JSON.stringify(stored)) });
    expect(restored.running).toBe(true);
    expect(restored.current).toEqual({ id: 'public.orders', additionalCondition: "status = 'paid'", surrogateKey: null });
    expect(restored.chunkEndPosition).toEqual(['1024']);
    expect(restored.maximumKey).toEqual(['5000']);
    expect(restored.correlationId).toBe('sig-7');
  });

  it('an offset without incremental keys means no snapshot; a corrupt one is a clear error', () => {
    expect(IncrementalContext.fromOffset({ lsn: 5 }).running).toBe(false);
    expect(IncrementalContext.fromOffset(null).running).toBe(false);
    expect(() => IncrementalContext.fromOffset({ [OFFSET_KEYS.collections]: '[]', [OFFSET_KEYS.primaryKey]: 'zz' })).toThrow(/incremental_snapshot_primary_key/);
  });

  it('stop-all empties collections and window', () => {
    const ctx = new IncrementalContext();
    ctx.add([coll('public.a'), coll('public.b')], null);
    ctx.window.set('["1"]', { id: '1' });
    expect(ctx.remove('public.a')).toBe(false); // the current one is not removed this way
    expect(ctx.remove('public.b')).toBe(true);
    ctx.stopAll();
    expect(ctx.running).toBe(false);
    expect(ctx.window.size).toBe(0);
  });
});
