// Object formats (format.class): Confluent's JsonFormat (JsonConverter with schemas.enable=false, one
// record per line, each followed by "\n"; s3.compression.type gzip → .json.gz) and ParquetFormat for
// flat rows (what transforms=unwrap produces; Decimal as DECIMAL(p,s), structs of primitives as groups) through hyparquet-writer, extension .<codec>.parquet as
// Confluent names it (.snappy.parquet by default, .parquet with parquet.codec=none).
import { gzipSync } from 'node:zlib';
import type { ColumnSource, BasicType, SchemaElement } from 'hyparquet-writer';
import { LOGICAL, type ConnectSchema } from '../../connect/connect-schema.ts';
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
/** AvroData.CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT: the precision of a Decimal schema without connect.decimal.precision */
const DECIMAL_PRECISION_DEFAULT = 64;

/** A big-endian two's-complement integer (Connect's Decimal bytes, BigDecimal.unscaledValue().toByteArray()). */
export function unscaledFromBytes(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  let v = 0n;
  for (const byte of b) v = (v << 8n) | BigInt(byte);
  return b[0] & 0x80 ? v - (1n << BigInt(8 * b.length)) : v;
}

const isDecimal = (s: ConnectSchema): boolean => s.type === 'bytes' && s.name?.toLowerCase() === LOGICAL.decimal.toLowerCase();

/**
 * The Parquet schema element(s) of one field and how its values are written. Confluent's ParquetFormat
 * converts the Connect schema with AvroData and writes it with parquet-avro (AvroSchemaConverter):
 * a Decimal is BINARY annotated DECIMAL(precision, scale) (precision from connect.decimal.precision,
 * else AvroData's 64), a struct is a group of its fields (Debezium's VariableScaleDecimal becomes
 * group {scale INT32, value BINARY}). Structs of structs, arrays and maps are not written.
 */
function parquetField(name: string, schema: ConnectSchema, owner: string, valueName: string): { elements: SchemaElement[]; value: (v: unknown) => unknown } {
  const repetition_type = schema.optional ? 'OPTIONAL' : 'REQUIRED';
  if (isDecimal(schema)) {
    const scale = Number(schema.parameters?.scale ?? 0);
    const p = schema.parameters?.['connect.decimal.precision'];
    const precision = p === undefined ? DECIMAL_PRECISION_DEFAULT : Number(p);
    return {
      elements: [{ name, type: 'BYTE_ARRAY', repetition_type, converted_type: 'DECIMAL', scale, precision, logical_type: { type: 'DECIMAL', scale, precision } }],
      // the unscaled value as a bigint: hyparquet-writer writes it as the minimal two's-complement bytes
      value: (v) => unscaledFromBytes(v as Uint8Array),
    };
  }
  const type = PARQUET_TYPES[schema.type];
  if (type !== undefined) {
    const element: SchemaElement = type === 'STRING'
      ? { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type }
      : { name, type: type as SchemaElement['type'], repetition_type };
    const value = type === 'INT64' ? (v: unknown) => (typeof v === 'bigint' ? v : BigInt(Math.trunc(v as number)))
      : type === 'BYTE_ARRAY' ? (v: unknown) => new Uint8Array(v as Buffer)
        : (v: unknown) => v;
    return { elements: [element], value };
  }
  if (schema.type === 'struct' && owner === '') {
    const children = schema.fields!.map((f) => ({ name: f.name, ...parquetField(f.name, f.schema, name, valueName) }));
    return {
      elements: [{ name, repetition_type, num_children: children.length }, ...children.flatMap((c) => c.elements)],
      value: (v) => {
        const o = v as Record<string, unknown>;
        return Object.fromEntries(children.map((c) => [c.name, o[c.name] === null || o[c.name] === undefined ? null : c.value(o[c.name])]));
      },
    };
  }
  throw new FormatError(`format.class=${PARQUET_FORMAT}: field "${owner === '' ? name : `${owner}.${name}`}" of ${valueName} is a ${schema.type}; ` +
    'the native Parquet writer takes flat rows and structs of primitive fields only (use transforms=unwrap with io.debezium.transforms.ExtractNewRecordState)');
}

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
        const parquetSchema: SchemaElement[] = [{ name: 'root', num_children: schema.fields!.length }];
        const columnData: ColumnSource[] = schema.fields!.map((f) => {
          const field = parquetField(f.name, f.schema, '', schema.name ?? 'the value');
          const data = records.map((r) => {
            const v = (r.value as Record<string, unknown>)[f.name];
            return v === null || v === undefined ? null : field.value(v);
          });
          // a null in a field the schema calls required: written as optional (as before), not refused
          if (data.includes(null)) field.elements[0].repetition_type = 'OPTIONAL';
          parquetSchema.push(...field.elements);
          return { name: f.name, data };
        });
        if (parquetWriteBuffer === null) throw new FormatError('the Parquet writer is not loaded: await loadParquetWriter() first');
        const ab = parquetWriteBuffer({ columnData, schema: parquetSchema, codec: codec === 'none' ? 'UNCOMPRESSED' : 'SNAPPY' });
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
