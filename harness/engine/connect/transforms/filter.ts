// org.apache.kafka.connect.transforms.Filter: drops every record it is applied to; with a predicate (and negate)
// it drops the records the predicate selects. It takes no options of its own.
import type { Transform } from './extract-new-record-state.ts';

export const FILTER = 'org.apache.kafka.connect.transforms.Filter';

export function filter(): Transform {
  return () => null;
}
