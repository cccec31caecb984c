// bytea, bit/varbit, point, hstore and enum kinds (PostgresValueConverter, io.debezium.data.*).
import { LOGICAL, s } from '../connect/connect-schema.ts';
import type { ColumnMeta } from './contract.ts';
import { javaHashMapOrder } from '../connect/java-hashmap.ts';
import { jsonTextString } from '../connect/json-converter.ts';
import { parseBytea, parseHstore, parsePoint } from '../postgres/pg-text.ts';
import { placeholderBytes, placeholderString, stringKind, type Kind, type TypeMapConfig } from './type-kind.ts';

export function binaryKind(cfg: TypeMapConfig): Kind {
  // CommonConnectorConfig.BinaryHandlingMode and JdbcValueConverters.convertBinary*
  switch (cfg.binaryHandlingMode) {
    case 'bytes':
      return { schema: s.prim('bytes'), fromText: parseBytea, toast: placeholderBytes, fallback: Buffer.alloc(0) };
    case 'base64':
      // an unchanged TOASTed bytea has no base64 form in Debezium: the field comes out null
      return { schema: s.prim('string'), fromText: (t) => parseBytea(t).toString('base64'), toast: () => null, fallback: '' };
    case 'base64-url-safe':
      return { schema: s.prim('string'), fromText: (t) => parseBytea(t).toString('base64url'), toast: () => null, fallback: '' };
    case 'hex':
      return { schema: s.prim('string'), fromText: (t) => parseBytea(t).toString('hex'), toast: placeholderString, fallback: '' };
  }
}

export function bitsKind(col: ColumnMeta): Kind {
  // PostgresValueConverter: BIT(1)/VARBIT(1) → boolean, else io.debezium.data.Bits (little-endian bytes)
  // an unbounded varbit reports length <= 1 through pgjdbc, so Debezium maps it as boolean too
  const length = col.typeMod > 0 ? col.typeMod : 1;
  if (length <= 1) return { schema: s.prim('boolean'), fromText: (t) => parseInt(t, 2) !== 0, toast: placeholderString, fallback: false };
  return {
    schema: s.logical('bytes', LOGICAL.bits, 1, true, { length: String(length) }),
    fromText: (t) => {
      // bit i of the BitSet is character (len-1-i); BitSet.toByteArray is little-endian, sized by the highest set bit
      const bytes: number[] = [];
      for (let i = 0; i < t.length; i++) {
        if (t[t.length - 1 - i] === '1') {
          while (bytes.length <= i >> 3) bytes.push(0);
          bytes[i >> 3] |= 1 << (i & 7);
        }
      }
      return Buffer.from(bytes);
    },
    toast: placeholderString,
    fallback: Buffer.alloc(0),
  };
}

export function pointWkb(x: number, y: number): Buffer {
  // io.debezium.data.geometry.Point.buildWKBPoint: little-endian WKB POINT
  const b = Buffer.alloc(21);
  b.writeUInt8(1, 0);
  b.writeUInt32LE(1, 1);
  b.writeDoubleLE(x, 5);
  b.writeDoubleLE(y, 13);
  return b;
}

export function pointKind(): Kind {
  const schema = s.struct(LOGICAL.point, [
    s.field('x', s.prim('float64', false)),
    s.field('y', s.prim('float64', false)),
    s.field('wkb', s.prim('bytes', true)),
    s.field('srid', s.prim('int32', true)),
  ], true, { version: 1, doc: 'Geometry (POINT)' });
  const make = (x: number, y: number): unknown => ({ x, y, wkb: pointWkb(x, y), srid: null });
  return { schema, fromText: (t) => make(...parsePoint(t)), toast: placeholderString, fallback: make(0, 0) };
}

export function hstoreKind(cfg: TypeMapConfig): Kind {
  if (cfg.hstoreHandlingMode === 'map') {
    return {
      schema: { type: 'map', optional: true, keys: s.prim('string', false), values: s.prim('string', true) },
      fromText: (t) => new Map(javaHashMapOrder([...parseHstore(t)])),
      toast: (c) => new Map([[c.unavailableValuePlaceholder, c.unavailableValuePlaceholder]]),
      fallback: new Map(),
    };
  }
  return {
    schema: s.logical('string', LOGICAL.json, 1),
    // Jackson writeStringField per entry: a null value prints as null
    fromText: (t) => `{${javaHashMapOrder([...parseHstore(t)]).map(([k, v]) => `${jsonTextString(k)}:${v === null ? 'null' : jsonTextString(v)}`).join(',')}}`,
    toast: (c) => `{${JSON.stringify(c.unavailableValuePlaceholder)}:${JSON.stringify(c.unavailableValuePlaceholder)}}`,
    fallback: '{}',
  };
}

export function enumKind(values: string[] | undefined): Kind {
  return stringKind(s.logical('string', LOGICAL.enum, 1, true, { allowed: (values ?? []).join(',') }));
}
