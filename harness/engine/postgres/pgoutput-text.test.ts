import { describe, expect, it } from 'vitest';
import { UNCHANGED_TOAST } from '../events/contract.ts';
import { TextPgoutputPlugin, completeRow } from './pgoutput-text.ts';

// pgoutput messages built byte by byte from the documented format
// (https://www.postgresql.org/docs/17/protocol-logicalrep-message-formats.html).
const str = (s: string): Buffer => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
const i8 = (n: number): Buffer => Buffer.from([n]);
const i16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const i32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const text = (s: string): Buffer => Buffer.concat([i8(0x74), i32(Buffer.byteLength(s)), Buffer.from(s)]);
const NULL = i8(0x6e);
const TOAST = i8(0x75);

const relation = Buffer.concat([
  i8(0x52), i32(16384), str('public'), str('docs'), i8(0x64), i16(3),
  i8(1), str('id'), i32(23), i32(-1),
  i8(0), str('title'), i32(25), i32(-1),
  i8(0), str('body'), i32(25), i32(-1),
]);

describe('TextPgoutputPlugin', () => {
  it('keeps values as Postgres text, nulls as null and unchanged TOAST as the marker', () => {
    const plugin = new TextPgoutputPlugin({ protoVersion: 1, publicationNames: ['p'] });
    plugin.parse(relation);
    const insert = plugin.parse(Buffer.concat([i8(0x49), i32(16384), i8(0x4e), i16(3), text('42'), text('héllo'), NULL]));
    expect(insert.tag).toBe('insert');
    expect(insert.tag === 'insert' && { ...insert.new }).toEqual({ id: '42', title: 'héllo', body: null });

    // UPDATE under REPLICA IDENTITY DEFAULT with a key change: 'K' old key, then the new tuple.
    const update = plugin.parse(
      Buffer.concat([i8(0x55), i32(16384), i8(0x4b), i16(3), text('42'), NULL, NULL, i8(0x4e), i16(3), text('43'), text('t'), TOAST]),
    );
    if (update.tag !== 'update') throw new Error('expected an update');
    expect(update.new.body).toBe(UNCHANGED_TOAST);
    expect(update.new.id).toBe('43');
    expect(completeRow(update.relation, update.key!)).toEqual({ id: '42', title: null, body: null });
    expect(plugin.parsedCount).toBe(3);
  });

  it('quotes the slot and publication names in START_REPLICATION', async () => {
    const plugin = new TextPgoutputPlugin({ protoVersion: 1, publicationNames: ['my "pub"', "o'brien"] });
    let sql = '';
    await plugin.start({ query: async (q: string) => void (sql = q) } as never, 'slot"x', '0/16B3748');
    expect(sql).toBe(
      `START_REPLICATION SLOT "slot""x" LOGICAL 0/16B3748 (proto_version '1', publication_names '"my ""pub""","o''brien"')`,
    );
  });
});
