// LSN helpers. Postgres prints an LSN as two hex halves "X/Y" (pg_lsn); Debezium carries it as an
// int64 (io.debezium.connector.postgresql.connection.Lsn#asLong), so the engine keeps bigints.

/** "16/B374D848" → 0x16B374D848n. Throws on anything that is not a pg_lsn. */
export function parseLsn(text: string): bigint {
  const m = LSN_RE.exec(text.trim());
  if (!m) throw new Error(`not an LSN: ${JSON.stringify(text)}`);
  // parseInt on each 32-bit half and one BigInt step (this runs for every streamed message);
  // exact while the result stays below 2^53, i.e. high half < 0x200000
  const high = parseInt(m[1], 16);
  const low = parseInt(m[2], 16);
  return high < 0x200000 ? BigInt(high * 4294967296 + low) : (BigInt(high) << 32n) | BigInt(low);
}

const LSN_RE = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** 0x16B374D848n → "16/B374D848", as pg_lsn's output function prints it (upper case, no padding). */
export function formatLsn(lsn: bigint): string {
  if (lsn < 0n || lsn > 0xffffffffffffffffn) throw new Error(`LSN out of range: ${lsn}`);
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/**
 * Debezium's source.sequence: a JSON array of two strings, the last commit LSN and this event's LSN
 * as decimal int64 (or null), written by Jackson without spaces — see SourceInfo#sequence() in
 * debezium-connector-postgres.
 */
export function formatSequence(lastCommitLsn: bigint | null, lsn: bigint | null): string {
  const part = (v: bigint | null): string => (v === null ? 'null' : `"${v}"`);
  return `[${part(lastCommitLsn)},${part(lsn)}]`;
}
