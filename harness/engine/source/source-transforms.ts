// Source-side transforms (Kafka Connect applies the connector's transforms to each SourceRecord before the
// converters, WorkerSourceTask.convertTransformedRecord): the event side's records, already converted by
// JsonConverter, are read back into a ConnectRecord (connect-record.ts reads exactly what json-converter.ts
// prints), run through the chain (connect/transforms), and converted again. That needs schemas on both sides,
// so config.ts refuses transforms with another converter or schemas.enable=false.
import type { ChangeBuilder } from '../events/builder-port.ts';
import type { KafkaRecord } from '../events/contract.ts';
import { decodeConnectJson, type ConnectRecord } from '../connect/connect-record.ts';
import { serialize } from '../connect/json-converter.ts';
import type { buildTransforms } from '../connect/transforms/index.ts';

type Chain = ReturnType<typeof buildTransforms>;

export function transformRecords(chain: Chain, records: KafkaRecord[]): KafkaRecord[] {
  const out: KafkaRecord[] = [];
  for (const rec of records) {
    // NaN and Infinity stay what the event side made them (Java's transforms see the Double, not its JSON)
    const key = decodeConnectJson(rec.key, true);
    const value = decodeConnectJson(rec.value, true);
    const connect: ConnectRecord = {
      topic: rec.topic,
      partition: rec.partition ?? null,
      keySchema: key.schema,
      key: key.value,
      valueSchema: value.schema,
      value: value.value,
      headers: Object.entries(rec.headers).map(([k, v]) => ({ key: k, value: Buffer.from(v, 'utf8') })),
    };
    const t = chain(connect);
    if (t === null) continue;
    const headers: Record<string, string> = {};
    for (const h of t.headers) headers[h.key] = h.value === null ? '' : h.value.toString('utf8');
    out.push({
      topic: t.topic,
      key: serialize(t.keySchema, t.key, true),
      value: serialize(t.valueSchema, t.value, true),
      headers,
      ...(t.partition !== null ? { partition: t.partition } : {}),
      ...(t.timestamp !== undefined && t.timestamp !== null ? { timestamp: t.timestamp } : {}),
    });
  }
  return out;
}

/** The builder with the chain applied to everything it emits (change events, tombstones, transaction and heartbeat records). */
export function withTransforms(builder: ChangeBuilder, chain: Chain | null): ChangeBuilder {
  if (chain === null) return builder;
  return {
    change: (op, table, before, after, pos) => transformRecords(chain, builder.change(op, table, before, after, pos)),
    truncate: (table, pos) => transformRecords(chain, builder.truncate(table, pos)),
    begin: (pos) => transformRecords(chain, builder.begin(pos)),
    commit: (pos) => transformRecords(chain, builder.commit(pos)),
    heartbeat: (pos) => {
      const rec = builder.heartbeat(pos);
      return rec === null ? null : (transformRecords(chain, [rec])[0] ?? null);
    },
    ...(builder.settle ? { settle: (records: KafkaRecord[]) => builder.settle!(records) } : {}),
  };
}
