// Object formats (format.class): Confluent's JsonFormat (JsonConverter with schemas.enable=false, one
// record per line, each followed by "\n"; s3.compression.type gzip → .json.gz) and ParquetFormat for
// flat rows (what transforms=unwrap produces) through hyparquet-writer, extension .<codec>.parquet as
// Confluent names it (.snappy.parquet by default, .parquet with parquet.codec=none).
import { gzipSync } from 'node:zlib';
import type { ColumnSource, BasicType } from 'hyparquet-writer';
import type { ConnectSchema } from '../../connect/connect-schema.ts';
import { payloadToJson } from '../../connect/connect-record.ts';
import { JSON_FORMAT, PARQUET_FORMAT, type S3SinkConfig } from './config.ts';

// hyparquet-writer is imported when a Parquet sink starts (loadParquetWriter), so engine users that
// never write Parquet do not load it with harness/engine/index.ts
let parquetWriteBuffer: typeof import('hyparquet-writer').parquetWriteBuffer | null = null;

/** Loads the Parquet writer; startS3Sink awaits it before the first ParquetFormat object. */
export async function loadParquetWriter(): Promise<void> {
  parquetWriteBuffer ??= (await import('hyparquet-writer')).parquetWriteBuffer;
}

export interface FormatRecord {
  schema: ConnectSchema | null;
  value: unknown;
}

export interface ObjectFormat {
  extension: string;
  contentType: string;
  encode(records: FormatRecord[]): Buffer;
}

export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

const PARQUET_TYPES: Partial<Record<ConnectSchema['type'], BasicType>> = {
  int8: 'INT32', int16: 'INT32', int32: 'INT32', int64: 'INT64', float32: 'FLOAT', float64: 'DOUBLE',
  boolean: 'BOOLEAN', string: 'STRING', bytes: 'BYTE_ARRAY',
};

export function formatFor(config: Pick<S3SinkConfig, 'formatClass' | 'compression' | 'parquetCodec'>): ObjectFormat {
  if (config.formatClass === PARQUET_FORMAT) {
    const codec = config.parquetCodec;
    return {
      extension: codec === 'none' ? '.parquet' : `.${codec}.parquet`,
      contentType: 'application/vnd.apache.parquet',
      encode(records) {
        const schema = records[0]?.schema;
        if (!schema || schema.type !== 'struct') {
          throw new FormatError(`format.class=${PARQUET_FORMAT} needs values with a struct schema (got ${schema ? schema.type : 'a schemaless value'})`);
        }
        const columnData: ColumnSource[] = schema.fields!.map((f) => {
          const type = PARQUET_TYPES[f.schema.type];
          if (!type) {
            throw new FormatError(`format.class=${PARQUET_FORMAT}: field "${f.name}" of ${schema.name ?? 'the value'} is a ${f.schema.type}; ` +
              'the native Parquet writer takes flat rows only (use transforms=unwrap with io.debezium.transforms.ExtractNewRecordState)');
          }
          const data = records.map((r) => {
            const v = (r.value as Record<string, unknown>)[f.name];
            if (v === null || v === undefined) return null;
            if (type === 'INT64') return typeof v === 'bigint' ? v : BigInt(Math.trunc(v as number));
            if (type === 'BYTE_ARRAY') return new Uint8Array(v as Buffer);
            return v;
          });
          return { name: f.name, data, type, nullable: f.schema.optional || data.includes(null) };
        });
        if (parquetWriteBuffer === null) throw new FormatError('the Parquet writer is not loaded: await loadParquetWriter() first');
        const ab = parquetWriteBuffer({ columnData, codec: codec === 'none' ? 'UNCOMPRESSED' : 'SNAPPY' });
        return Buffer.from(ab);
      },
    };
  }
  if (config.formatClass !== JSON_FORMAT) throw new FormatError(`unknown format.class ${config.formatClass}`);
  const gzip = config.compression === 'gzip';
  return {
    extension: gzip ? '.json.gz' : '.json',
    contentType: 'application/json',
    encode(records) {
      const text = Buffer.from(records.map((r) => `${payloadToJson(r.schema, r.value)}\n`).join(''), 'utf8');
      return gzip ? gzipSync(text) : text;
    },
  };
}
