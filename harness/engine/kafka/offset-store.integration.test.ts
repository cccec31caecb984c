// The offsets topic on the real broker: writes reuse one producer, the newest value wins on read,
// and kafkajs prints no TimeoutNegativeWarning on this Node (kafkajs-timeout-fix.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { OffsetStore, offsetKey } from './offset-store.ts';
import { stackInfo, uniqueId } from '../source/it-helpers.test-helper.ts';

describe('OffsetStore', () => {
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  afterAll(() => void process.off('warning', onWarning));

  it('writes through one producer, reads the newest value back, and clears it', async () => {
    const id = uniqueId('offsets');
    const store = new OffsetStore(stackInfo().kafka.bootstrapServers, `${id}-offsets`, offsetKey(id, id));
    try {
      for (let lsn = 1; lsn <= 5; lsn++) {
        await store.write({ lsn, txId: lsn, ts_usec: lsn, snapshot: 'INITIAL', snapshot_completed: true, last_snapshot_record: true });
      }
      expect(store.producersOpened).toBe(1);
      expect((await store.read())?.lsn).toBe(5);
      await store.clear();
      expect(await store.read()).toBeNull();
      expect(store.producersOpened).toBe(1);
    } finally {
      await store.close();
    }
    // a closed store connects again when written to
    await store.write({ lsn: 9, txId: 9, ts_usec: 9, snapshot: 'INITIAL', snapshot_completed: true, last_snapshot_record: true });
    expect(store.producersOpened).toBe(2);
    expect((await store.read())?.lsn).toBe(9);
    await store.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(warnings.filter((w) => w.startsWith('TimeoutNegativeWarning'))).toEqual([]);
  });
});
