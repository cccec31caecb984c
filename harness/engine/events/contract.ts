// The seam between the engine's two halves:
// - the event side (config parsing, type mapping, Debezium envelope, converters) is pure code:
//   it turns table metadata and rows in Postgres text form into Kafka records;
// - the pipeline side (catalog reads, slot + snapshot, pgoutput streaming, Kafka writes, offsets)
//   talks to the servers and feeds it.
// Rows are carried in PostgreSQL's text output format on both paths (snapshot queries read text,
// pgoutput sends text), so one mapping serves snapshot and streaming alike.

/** pgoutput's marker for an unchanged TOASTed value ('u' in a TupleData column). */
export const UNCHANGED_TOAST: unique symbol = Symbol.for('cdc-labs.unchanged-toast');
export type TextValue = string | null | typeof UNCHANGED_TOAST;
export type TextRow = Record<string, TextValue>;

export interface ColumnMeta {
  name: string;
  /** pg_attribute.attnum */
  position: number;
  typeOid: number;
  /** pg_type.typname: 'int4', 'numeric', '_text', an enum's name, a domain's name … */
  typeName: string;
  /** pg_attribute.atttypmod, -1 when none (numeric precision/scale, varchar length, time precision) */
  typeMod: number;
  /** pg_type.typcategory: 'A' array, 'E' enum, 'N' numeric, 'S' string, 'D' date/time, 'U' user … */
  typeCategory: string;
  /** for arrays: the element's typname */
  elementTypeName?: string;
  /** for enums (or arrays of enums): the labels in sort order */
  enumValues?: string[];
  nullable: boolean;
  /** the default expression as Postgres prints it, if any */
  defaultExpression?: string;
  /** for domains: the typname of the domain's root base type (pg_type.typbasetype, followed to the end) */
  baseTypeName?: string;
  /** for domains: the nearest domain typmod of the chain (pg_type.typtypmod ≠ -1), if any … */
  domainTypeMod?: number;
  /** … and the typname of the type that typmod applies to (the domain's typbasetype) */
  domainParentTypeName?: string;
}

export type ReplicaIdentity = 'default' | 'nothing' | 'full' | 'index';

export interface TableMeta {
  schema: string;
  table: string;
  /** columns in attnum order, already filtered by column.include/exclude.list */
  columns: ColumnMeta[];
  /** primary-key column names in key order (empty when the table has none) */
  primaryKey: string[];
  replicaIdentity: ReplicaIdentity;
}

/** What the pipeline knows about where an event comes from; the event side builds `source`. */
export interface SourcePosition {
  /** Debezium's source.snapshot: 'true' | 'first' | 'last' | 'first_in_data_collection' | 'last_in_data_collection' | 'incremental' | 'false' */
  snapshot: string;
  /** commit time (streaming) or snapshot read time, in microseconds since the epoch */
  tsUs: bigint;
  txId: number | null;
  /** LSN of the change as a number (Debezium emits it as int64) */
  lsn: bigint | null;
  /** Debezium's source.sequence: JSON array string '["<lastCommitLsn>","<lsn>"]' or null */
  sequence: string | null;
  xmin: number | null;
}

export interface KafkaRecord {
  topic: string;
  /** serialized by the configured key converter; null for none */
  key: Buffer | null;
  /** serialized by the configured value converter; null for a tombstone */
  value: Buffer | null;
  headers: Record<string, string>;
  /** an explicit partition (Debezium pins heartbeat records to partition 0); absent = partition by key */
  partition?: number;
  /** the record's timestamp (ms), set by a transform (outbox EventRouter); absent = the producer's time, as a SourceRecord with a null timestamp */
  timestamp?: number;
}
