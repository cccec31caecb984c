// Every difference the conformance check (harness/conformance) finds between real Debezium 3.2.7 and
// our engine that is not fixed, with its reason, and the ones it found that were fixed.
// docs/engine-compatibility.mdx is generated from this file (npm run conformance -- --write-docs).
import type { KnownDifference } from './known.ts';

/** Differences `npm test` accepts; any other difference fails the conformance test. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [];

export interface FixedDifference {
  summary: string;
  /** what Debezium does, and where the engine now does the same */
  fix: string;
}

/** What the check found and the engine no longer does differently, newest first. */
export const FIXED_DIFFERENCES: readonly FixedDifference[] = [
  {
    summary: 'avro profile: columns whose names Avro cannot take ("Mixed Case", "with space") with field.name.adjustment.mode unset: our engine failed the task; Debezium writes them as Mixed_Case and with_space',
    fix: "CommonConnectorConfig.fieldNameAdjuster() uses the avro adjustment when field.name.adjustment.mode is none and key.converter or value.converter is Confluent's or Apicurio's AvroConverter (isUsingAvroConverter compares the class names); nameAdjusters (table-schema.ts) now does the same. Schema names keep the configured mode.",
  },
  {
    summary: 'numeric NaN, Infinity and -Infinity under decimal.handling.mode=precise: our engine failed the task; Debezium emits null and keeps going',
    fix: "Debezium's converter throws, and TableSchemaBuilder's value generator catches it and leaves the column null, in the snapshot and in the stream, with and without a scale. The engine does the same in rowStruct (table-schema.ts); a NOT NULL column still fails, as it does in Debezium.",
  },
  {
    summary: "an interval beyond the int64 range of microseconds ('178000000 years'): our engine wrote a number outside int64",
    fix: "MicroDuration.durationMicros computes in doubles and Java's (long) cast saturates at Long.MIN_VALUE/MAX_VALUE; durationMicros (type-kinds-temporal.ts) now does the same.",
  },
  {
    summary: 'data_collections in a transaction END record: our engine listed tables in first-event order',
    fix: "TransactionContext keeps the per-table counts in a java.util.HashMap (cleared, never shrunk, per transaction), so END lists them in that map's iteration order; TransactionCounter.end (transaction-metadata.ts) now orders them the same way.",
  },
];
