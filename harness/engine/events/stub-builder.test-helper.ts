// A minimal ChangeBuilder for pipeline tests: plain JSON with the fields the pipeline decides
// (op, rows, source position), so pipeline tests do not depend on the Debezium envelope.
import type { ChangeBuilder } from './builder-port.ts';
import { UNCHANGED_TOAST, type KafkaRecord, type SourcePosition, type TableMeta, type TextRow } from './contract.ts';

const plain = (row: TextRow | null): Record<string, string | null> | null =>
  row && Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === UNCHANGED_TOAST ? '__toast' : v]));

const src = (pos: SourcePosition) => ({
  snapshot: pos.snapshot,
  lsn: pos.lsn?.toString() ?? null,
  txId: pos.txId,
  sequence: pos.sequence,
  tsUs: pos.tsUs.toString(),
});

export function stubBuilder(prefix: string): ChangeBuilder {
  const keyOf = (t: TableMeta, row: TextRow | null): Buffer | null =>
    row && t.primaryKey.length > 0 ? Buffer.from(JSON.stringify(Object.fromEntries(t.primaryKey.map((k) => [k, row[k]])))) : null;
  return {
    change(op, table, before, after, pos): KafkaRecord[] {
      const value = { op, before: plain(before), after: plain(after), source: { ...src(pos), table: table.table } };
      return [
        {
          topic: `${prefix}.${table.schema}.${table.table}`,
          key: keyOf(table, after ?? before),
          value: Buffer.from(JSON.stringify(value)),
          headers: {},
        },
      ];
    },
    truncate: (table, pos) => [
      { topic: `${prefix}.${table.schema}.${table.table}`, key: null, value: Buffer.from(JSON.stringify({ op: 't', source: src(pos) })), headers: {} },
    ],
    begin: () => [],
    commit: () => [],
    heartbeat: (pos) => ({
      topic: `__debezium-heartbeat.${prefix}`,
      key: Buffer.from(JSON.stringify({ serverName: prefix })),
      value: Buffer.from(JSON.stringify({ ts_ms: Number(pos.tsUs / 1000n) })),
      headers: {},
    }),
  };
}
