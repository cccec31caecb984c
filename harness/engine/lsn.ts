// LSN helpers. Postgres prints an LSN as two hex halves "X/Y" (pg_lsn); Debezium carries it as an
// int64 (io.debezium.connector.postgresql.connection.Lsn#asLong), so the engine keeps bigints.

/** "16/B374D848" → 0x16B374D848n. Throws on anything that is not a pg_lsn. */
export function parseLsn(text: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!m) throw new Error(`not an LSN: ${JSON.stringify(text)}`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

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
  return JSON.stringify([lastCommitLsn === null ? null : lastCommitLsn.toString(), lsn === null ? null : lsn.toString()]);
}
