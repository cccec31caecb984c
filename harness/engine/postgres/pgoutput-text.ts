// pgoutput decoding that keeps column values in Postgres' text output form.
// pg-logical-replication's PgoutputParser runs every text value through node-pg's global type
// parsers and fills unchanged TOAST ('u') columns from the old tuple or leaves them undefined. The
// engine needs the raw text (the event side maps it, as for snapshot rows) and the 'u' marker, so
// this file replaces the parser's tuple reader on our own instance (node_modules stays untouched)
// and quotes the START_REPLICATION arguments.
// Message format: https://www.postgresql.org/docs/17/protocol-logicalrep-message-formats.html
import type { Client } from 'pg';
import { PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import { UNCHANGED_TOAST, type TextRow, type TextValue } from '../events/contract.ts';
import { quoteIdent, quoteLiteral } from './sql.ts';

/** The subset of pg-logical-replication's BinaryReader that the tuple reader uses. */
interface Reader {
  readUint8(): number;
  readInt16(): number;
  readInt32(): number;
  read(n: number): Uint8Array;
}

const utf8 = new TextDecoder();

/** TupleData → TextRow: 't' text, 'n' null, 'u' unchanged TOAST, 'b' binary (not requested; kept as hex). */
function readTextTuple(reader: Reader, relation: Pgoutput.MessageRelation): TextRow {
  const nfields = reader.readInt16();
  const tuple: TextRow = Object.create(null) as TextRow;
  const columns = relation.columns;
  for (let i = 0; i < nfields; i++) {
    const name = columns[i].name;
    const kind = reader.readUint8();
    let value: TextValue;
    if (kind === 0x74 /* t */) value = utf8.decode(reader.read(reader.readInt32()));
    else if (kind === 0x6e /* n */) value = null;
    else if (kind === 0x75 /* u */) value = UNCHANGED_TOAST;
    else if (kind === 0x62 /* b */) value = `\\x${Buffer.from(reader.read(reader.readInt32())).toString('hex')}`;
    else throw new Error(`unknown pgoutput TupleData kind ${String.fromCharCode(kind)}`);
    tuple[name] = value;
  }
  return tuple;
}

export interface TextPgoutputOptions {
  protoVersion: 1 | 2;
  publicationNames: string[];
}

/** PgoutputPlugin whose tuples are TextRows; counts parsed XLogData messages (see heartbeat.ts). */
export class TextPgoutputPlugin extends PgoutputPlugin {
  /** XLogData messages parsed so far; parse() runs as each one arrives, before any queueing. */
  parsedCount = 0;

  private readonly textOptions: TextPgoutputOptions;
  constructor(textOptions: TextPgoutputOptions) {
    super({ ...textOptions, messages: false });
    this.textOptions = textOptions;
    const parser = (this as unknown as { parser: { readTuple: unknown } }).parser;
    parser.readTuple = (reader: Reader, relation: Pgoutput.MessageRelation): TextRow => readTextTuple(reader, relation);
  }

  override parse(buffer: Buffer): Pgoutput.Message {
    this.parsedCount++;
    return super.parse(buffer);
  }

  /** Same command as the library's, with the slot name and publication names quoted. */
  override start(client: Client, slotName: string, lastLsn: string): Promise<unknown> {
    if (!/^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i.test(lastLsn)) throw new Error(`not an LSN: ${lastLsn}`);
    const publications = this.textOptions.publicationNames.map(quoteIdent).join(',');
    const sql =
      `START_REPLICATION SLOT ${quoteIdent(slotName)} LOGICAL ${lastLsn} ` +
      `(proto_version '${this.textOptions.protoVersion}', publication_names ${quoteLiteral(publications)})`;
    return client.query(sql);
  }
}

/** A key-only tuple ('K') carries the identity columns; the others are absent, i.e. null. */
export function completeRow(relation: Pgoutput.MessageRelation, partial: Record<string, TextValue | undefined>): TextRow {
  const row: TextRow = {};
  for (const c of relation.columns) {
    const v = partial[c.name];
    row[c.name] = v === undefined ? null : v;
  }
  return row;
}
