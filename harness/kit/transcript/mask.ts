// Masks values that change from run to run (LSNs, txIds, timestamps, ports, generated ids) so a
// recorded transcript can be compared with a fresh run.
import { createHash } from 'node:crypto';

/** Fields whose value is volatile wherever they appear, with their placeholder. */
const VOLATILE_FIELDS: Record<string, string> = {
  lsn: '<lsn>',
  txId: '<txId>',
  xmin: '<xmin>',
  sequence: '<sequence>',
  ts_ms: '<ts_ms>',
  ts_us: '<ts_us>',
  ts_ns: '<ts_ns>',
  port: '<port>',
  pid: '<pid>',
  worker_id: '<worker_id>',
  lsn_proc: '<lsn>',
  lsn_commit: '<lsn>',
  total_order: '<total_order>',
  data_collection_order: '<data_collection_order>',
};

/** Strings longer than this are shortened to a head, their length and a digest. */
export const LONG_STRING = 200;

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const ISO_TIMESTAMP = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const HOST_PORT = /\b(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0):\d{2,5}\b/g;
const LSN_TEXT = /\b[0-9A-F]{1,8}\/[0-9A-F]{6,8}\b/g;

export class Masker {
  private readonly uuids = new Map<string, string>();

  /** Returns a masked deep copy of `value`. */
  mask(value: unknown, field?: string): unknown {
    if (field !== undefined && field in VOLATILE_FIELDS && value !== null && value !== undefined) {
      return VOLATILE_FIELDS[field];
    }
    if (typeof value === 'string') return this.maskString(value);
    if (typeof value === 'bigint') return value.toString();
    if (Array.isArray(value)) return value.map((v) => this.mask(v));
    if (value !== null && typeof value === 'object') {
      if (value instanceof Date) return '<timestamp>';
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.mask(v, k);
      return out;
    }
    return value;
  }

  maskString(text: string): string {
    if (text.length > LONG_STRING) {
      const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
      return `${this.maskString(text.slice(0, 40))}… (${text.length} chars, sha256 ${digest})`;
    }
    return text
      .replace(UUID, (id) => {
        const lower = id.toLowerCase();
        let name = this.uuids.get(lower);
        if (name === undefined) {
          name = `<uuid-${this.uuids.size + 1}>`;
          this.uuids.set(lower, name);
        }
        return name;
      })
      .replace(ISO_TIMESTAMP, '<timestamp>')
      .replace(HOST_PORT, '$1:<port>')
      .replace(LSN_TEXT, '<lsn>');
  }
}

/** Masks one value with a fresh numbering of generated ids. */
export function maskVolatile(value: unknown): unknown {
  return new Masker().mask(value);
}
