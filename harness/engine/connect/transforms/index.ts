// Kafka Connect's transform chain from connector keys: transforms=a,b and transforms.<alias>.type
// plus transforms.<alias>.<option>. Usable by any sink over the SinkRecord model.
import { ConfigError } from '../../errors.ts';
import type { SinkRecord } from '../connect-record.ts';
import { EXTRACT_NEW_RECORD_STATE, extractNewRecordState, type Transform } from './extract-new-record-state.ts';

export * from '../connect-record.ts';
export { extractNewRecordState, EXTRACT_NEW_RECORD_STATE, DELETE_TOMBSTONE_MODES } from './extract-new-record-state.ts';
export type { Transform, DeleteTombstoneMode } from './extract-new-record-state.ts';

export const SUPPORTED_TRANSFORMS = [EXTRACT_NEW_RECORD_STATE];

/** The chain named by `transforms`; the result is null when a transform drops the record. */
export function buildTransforms(config: Record<string, unknown>): (record: SinkRecord) => SinkRecord | null {
  const list = String(config.transforms ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const chain: Transform[] = list.map((alias) => {
    const prefix = `transforms.${alias}.`;
    const type = config[`${prefix}type`];
    if (type === undefined || type === '') throw new ConfigError(`${prefix}type`, 'missing: every alias in transforms needs a type', SUPPORTED_TRANSFORMS);
    const options: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) if (k.startsWith(prefix) && k !== `${prefix}type`) options[k.slice(prefix.length)] = v;
    if (type === EXTRACT_NEW_RECORD_STATE) return extractNewRecordState(options, prefix);
    throw new ConfigError(`${prefix}type`, `unsupported transform "${String(type)}"`, SUPPORTED_TRANSFORMS);
  });
  return (record) => {
    let r: SinkRecord | null = record;
    for (const t of chain) {
      if (r === null) return null;
      r = t(r);
    }
    return r;
  };
}
