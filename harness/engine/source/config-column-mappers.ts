// The column mapper keys, parsed the way io.debezium.relational.mapping.ColumnMappers.create reads them:
// column.truncate.to.<N>.chars, column.mask.with.<N>.chars, column.propagate.source.type,
// datatype.propagate.source.type, column.mask.hash.<algorithm>.with.salt.<salt> and
// column.mask.hash.v2.<algorithm>.with.salt.<salt>. Each value is a regex list (Strings.setOfRegex,
// case-insensitive, whole match) over `schema.table.column` (by datatype: `schema.table.typename`).
// Debezium logs and skips a bad N and fails only when a matching column meets an unknown hash algorithm;
// here every such problem is a ConfigError naming the key, before anything connects.
import { getHashes } from 'node:crypto';
import { ConfigError } from '../errors.ts';
import { javaHashMapOrder } from '../connect/java-hashmap.ts';
import { compileRegexList } from './config-filters.ts';
import { COLUMN_MAPPER_KEY_PATTERNS as P } from './config-keys.ts';

export type ColumnMapperKind = 'truncate' | 'mask' | 'propagate' | 'hash';

/** One rule; ColumnMappers.mapperFor takes the first rule that matches a column, so order matters. */
export interface ColumnMapperRule {
  kind: ColumnMapperKind;
  /** the key the rule came from, for messages */
  key: string;
  patterns: RegExp[];
  /** datatype.propagate.source.type: patterns match `schema.table.typename` instead of `schema.table.column` */
  byDatatype: boolean;
  /** truncate: the maximum length; mask: the number of '*' */
  chars: number;
  /** hash: node:crypto's name for the JDK MessageDigest algorithm */
  algorithm: string;
  /** hash: the salt's bytes (String.getBytes(), UTF-8 on the JVMs Debezium runs on) */
  salt: Buffer;
  /** hash: V1 digests the Java-serialized string, V2 its UTF-8 bytes (MaskStrings.HashingByteArrayStrategy) */
  hashVersion: 1 | 2;
}

// JDK 17 SUN provider MessageDigest names and aliases (lookup is case-insensitive) → node:crypto names.
// MD2 is left out: the JDK knows it, OpenSSL 3 does not, so it is refused here rather than emitted wrong.
const JDK_DIGESTS: Record<string, string> = {
  'md5': 'md5',
  'sha-1': 'sha1', 'sha': 'sha1', 'sha1': 'sha1',
  'sha-224': 'sha224', 'sha224': 'sha224',
  'sha-256': 'sha256', 'sha256': 'sha256',
  'sha-384': 'sha384', 'sha384': 'sha384',
  'sha-512': 'sha512', 'sha512': 'sha512',
  'sha-512/224': 'sha512-224', 'sha512/224': 'sha512-224',
  'sha-512/256': 'sha512-256', 'sha512/256': 'sha512-256',
  'sha3-224': 'sha3-224', 'sha3-256': 'sha3-256', 'sha3-384': 'sha3-384', 'sha3-512': 'sha3-512',
};
const JDK_DIGEST_NAMES = ['MD5', 'SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA-512/224', 'SHA-512/256', 'SHA3-224', 'SHA3-256', 'SHA3-384', 'SHA3-512'];

function base(kind: ColumnMapperKind, key: string, patterns: RegExp[]): ColumnMapperRule {
  return { kind, key, patterns, byDatatype: false, chars: 0, algorithm: '', salt: Buffer.alloc(0), hashVersion: 1 };
}

function regexList(key: string, value: unknown, errors: ConfigError[]): RegExp[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string') {
    errors.push(new ConfigError(key, `expected a comma-separated list of regular expressions, got ${typeof value}`));
    return [];
  }
  return compileRegexList(key, value.split(',').map((s) => s.trim()).filter((s) => s.length > 0), errors);
}

function count(key: string, digits: string, errors: ConfigError[]): number | undefined {
  const n = Number(digits);
  // Configuration.forEachMatchingFieldNameWithInteger: Integer.valueOf; Debezium logs an overflow and drops the rule
  if (!Number.isSafeInteger(n) || n > 2_147_483_647) {
    errors.push(new ConfigError(key, `${digits} is not a number of characters Debezium can read (at most 2147483647)`));
    return undefined;
  }
  return n;
}

function digest(key: string, algorithm: string, errors: ConfigError[]): string | undefined {
  const name = JDK_DIGESTS[algorithm.toLowerCase()];
  if (name === undefined || !getHashes().includes(name)) {
    errors.push(new ConfigError(key, `hash algorithm "${algorithm}" is not a Java MessageDigest algorithm this engine computes`, JDK_DIGEST_NAMES));
    return undefined;
  }
  return name;
}

/** Every mapper rule in ColumnMappers.create's order: truncate, mask, propagate (column, datatype), hash V1, hash V2. */
export function parseColumnMappers(raw: Record<string, unknown>, errors: ConfigError[]): ColumnMapperRule[] {
  // Within one kind Debezium walks Configuration.asMap(), a java.util.HashMap: the order of its keys
  // (approximated over the keys given here; Connect may add keys of its own)
  const entries = javaHashMapOrder(Object.entries(raw));
  const truncate: ColumnMapperRule[] = [];
  const mask: ColumnMapperRule[] = [];
  const propagate: ColumnMapperRule[] = [];
  const byType: ColumnMapperRule[] = [];
  const hashV1: ColumnMapperRule[] = [];
  const hashV2: ColumnMapperRule[] = [];
  for (const [key, value] of entries) {
    let m: RegExpExecArray | null;
    if ((m = P.truncate.exec(key))) {
      const n = count(key, m[1], errors);
      if (n !== undefined) truncate.push({ ...base('truncate', key, regexList(key, value, errors)), chars: n });
    } else if ((m = P.mask.exec(key))) {
      const n = count(key, m[1], errors);
      if (n !== undefined) mask.push({ ...base('mask', key, regexList(key, value, errors)), chars: n });
    } else if (P.propagateColumn.test(key)) {
      propagate.push(base('propagate', key, regexList(key, value, errors)));
    } else if (P.propagateDatatype.test(key)) {
      byType.push({ ...base('propagate', key, regexList(key, value, errors)), byDatatype: true });
    } else if ((m = P.hashV2.exec(key)) || (m = P.hashV1.exec(key))) {
      const version = P.hashV2.test(key) ? 2 : 1;
      const algorithm = digest(key, m[1], errors);
      if (algorithm === undefined) continue;
      const rule = { ...base('hash', key, regexList(key, value, errors)), algorithm, salt: Buffer.from(m[2], 'utf8'), hashVersion: version } as ColumnMapperRule;
      (version === 2 ? hashV2 : hashV1).push(rule);
    } else if (P.reserved.test(key)) {
      errors.push(new ConfigError(key, 'is not a column mapper key Debezium 3.2.7 reads, so it would mask or truncate nothing; ' +
        'use column.mask.with.<N>.chars, column.mask.hash.[v2.]<algorithm>.with.salt.<salt> or column.truncate.to.<N>.chars'));
    }
  }
  return [...truncate, ...mask, ...propagate, ...byType, ...hashV1, ...hashV2];
}
