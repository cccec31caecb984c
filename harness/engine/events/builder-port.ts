// The event side as the pipeline calls it: structurally EventBuilder from event-builder.ts.
import type { KafkaRecord, SourcePosition, TableMeta, TextRow } from './contract.ts';

export interface ChangeBuilder {
  change(op: 'r' | 'c' | 'u' | 'd', table: TableMeta, before: TextRow | null, after: TextRow | null, pos: SourcePosition): KafkaRecord[];
  truncate(table: TableMeta, pos: SourcePosition): KafkaRecord[];
  begin(pos: SourcePosition): KafkaRecord[];
  commit(pos: SourcePosition): KafkaRecord[];
  /** null when a source transform (e.g. Filter) drops the heartbeat record */
  heartbeat(pos: SourcePosition): KafkaRecord | null;
  /** awaited before records are queued for Kafka (an Avro converter's registry ids); undefined: nothing to wait for */
  settle?(records: KafkaRecord[]): Promise<void> | undefined;
}
