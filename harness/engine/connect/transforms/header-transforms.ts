// org.apache.kafka.connect.transforms.InsertHeader (header, value.literal) and DropHeaders (headers), Kafka 3.9.
// InsertHeader adds the literal as Values.parseString reads it; SimpleHeaderConverter writes simple values (text,
// numbers, booleans) back as the same text, which is what is stored here.
import { ConfigError } from '../../errors.ts';
import type { Transform } from './extract-new-record-state.ts';
import { listOption, requiredOption } from './record-side.ts';

export const INSERT_HEADER = 'org.apache.kafka.connect.transforms.InsertHeader';
export const DROP_HEADERS = 'org.apache.kafka.connect.transforms.DropHeaders';

export function insertHeader(options: Record<string, unknown>, prefix: string): Transform {
  const header = requiredOption(options, 'header', prefix);
  if (options['value.literal'] === undefined || options['value.literal'] === null) throw new ConfigError(`${prefix}value.literal`, 'Missing required configuration "value.literal" which has no default value.');
  const literal = String(options['value.literal']);
  if (/^\s*[[{]/.test(literal)) throw new ConfigError(`${prefix}value.literal`, 'a map or array literal is not implemented by this engine (SimpleHeaderConverter would print it in its own form)');
  return (record) => ({ ...record, headers: [...record.headers, { key: header, value: Buffer.from(literal, 'utf8') }] });
}

export function dropHeaders(options: Record<string, unknown>, prefix: string): Transform {
  const names = new Set(listOption(options.headers));
  if (names.size === 0) throw new ConfigError(`${prefix}headers`, 'Missing required configuration "headers" which has no default value (at least one header).');
  return (record) => ({ ...record, headers: record.headers.filter((h) => !names.has(h.key)) });
}
