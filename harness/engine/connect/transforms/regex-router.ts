// org.apache.kafka.connect.transforms.RegexRouter: when `regex` matches the whole topic name, the topic becomes
// `replacement` with the match's groups expanded (Matcher.replaceFirst); otherwise the record passes unchanged.
import { ConfigError } from '../../errors.ts';
import { compileFull, expandReplacement } from './java-regex.ts';
import type { Transform } from './extract-new-record-state.ts';

export const REGEX_ROUTER = 'org.apache.kafka.connect.transforms.RegexRouter';

export function regexRouter(options: Record<string, unknown>, prefix: string): Transform {
  // ConfigDef: both NO_DEFAULT_VALUE; regex has a RegexValidator
  for (const k of ['regex', 'replacement']) {
    if (options[k] === undefined || options[k] === null) throw new ConfigError(`${prefix}${k}`, `Missing required configuration "${k}" which has no default value.`);
  }
  const re = compileFull(`${prefix}regex`, String(options.regex));
  const replacement = String(options.replacement);
  return (record) => {
    const m = re.exec(record.topic);
    if (!m) return record;
    return { ...record, topic: expandReplacement(`${prefix}replacement`, replacement, m) };
  };
}
