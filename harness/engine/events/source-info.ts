// The `source` block: io.debezium.connector.postgresql.PostgresSourceInfoStructMaker on top of
// io.debezium.schema.SchemaFactory.sourceInfoSchemaBuilder (struct version 1).
import { versions } from '../../versions.ts';
import { s, type ConnectSchema } from '../connect/connect-schema.ts';
import type { SourcePosition } from './contract.ts';

// SchemaFactory.snapshotRecordSchema: io.debezium.data.Enum of SnapshotRecord's values, default "false"
const SNAPSHOT_SCHEMA: ConnectSchema = {
  type: 'string',
  optional: true,
  name: 'io.debezium.data.Enum',
  version: 1,
  parameters: { allowed: 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental' },
  default: 'false',
};

export const SOURCE_SCHEMA: ConnectSchema = s.struct('io.debezium.connector.postgresql.Source', [
  s.field('version', s.prim('string', false)),
  s.field('connector', s.prim('string', false)),
  s.field('name', s.prim('string', false)),
  s.field('ts_ms', s.prim('int64', false)),
  s.field('snapshot', SNAPSHOT_SCHEMA),
  s.field('db', s.prim('string', false)),
  s.field('sequence', s.prim('string', true)),
  s.field('ts_us', s.prim('int64', true)),
  s.field('ts_ns', s.prim('int64', true)),
  s.field('schema', s.prim('string', false)),
  s.field('table', s.prim('string', false)),
  s.field('txId', s.prim('int64', true)),
  s.field('lsn', s.prim('int64', true)),
  s.field('xmin', s.prim('int64', true)),
], false, { version: 1 });

export interface SourceContext {
  topicPrefix: string;
  dbname: string;
}

/** AbstractSourceInfoStructMaker.commonStruct + PostgresSourceInfoStructMaker.struct */
export function sourceStruct(ctx: SourceContext, schema: string, table: string, pos: SourcePosition): Record<string, unknown> {
  return {
    version: versions.debezium.version,
    connector: 'postgresql',
    name: ctx.topicPrefix,
    ts_ms: pos.tsUs / 1000n - (pos.tsUs < 0n && pos.tsUs % 1000n !== 0n ? 1n : 0n),
    snapshot: pos.snapshot,
    db: ctx.dbname,
    sequence: pos.sequence,
    ts_us: pos.tsUs,
    ts_ns: pos.tsUs * 1000n,
    schema,
    table,
    txId: pos.txId === null ? null : BigInt(pos.txId),
    lsn: pos.lsn,
    xmin: pos.xmin === null ? null : BigInt(pos.xmin),
  };
}
