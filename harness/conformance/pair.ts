// Pairs the two engines' records: per topic (prefix removed), the n-th record of one with the n-th
// of the other. Events of one table keep commit order in its topic (one partition, or one key),
// so the n-th records describe the same change when the engines agree.
import type { CapturedRecord } from './record.ts';

export interface RecordPair {
  topic: string;
  /** position in the topic, from 0 */
  index: number;
  debezium: CapturedRecord | undefined;
  ours: CapturedRecord | undefined;
}

function byTopic(records: readonly CapturedRecord[]): Map<string, CapturedRecord[]> {
  const out = new Map<string, CapturedRecord[]>();
  for (const r of records) {
    const list = out.get(r.topic) ?? [];
    list.push(r);
    out.set(r.topic, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.offset - b.offset);
  return out;
}

/** Every topic of either side, sorted by name; a record missing on one side pairs with undefined. */
export function pairRecords(debezium: readonly CapturedRecord[], ours: readonly CapturedRecord[]): RecordPair[] {
  const a = byTopic(debezium);
  const b = byTopic(ours);
  const topics = [...new Set([...a.keys(), ...b.keys()])].sort();
  const pairs: RecordPair[] = [];
  for (const topic of topics) {
    const left = a.get(topic) ?? [];
    const right = b.get(topic) ?? [];
    for (let index = 0; index < Math.max(left.length, right.length); index++) {
      pairs.push({ topic, index, debezium: left[index], ours: right[index] });
    }
  }
  return pairs;
}
