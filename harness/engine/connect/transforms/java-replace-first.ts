// What Debezium's routers and Kafka's RegexRouter do with a topic: `if (matcher.matches()) matcher.replaceFirst(r)`.
// replaceFirst starts a fresh find() from the beginning, so it replaces the first match find() sees (for "a|ab" on
// "ab" that is "a", leaving "b"), not necessarily the whole input that matches() accepted.
import { ConfigError } from '../../errors.ts';
import { compileFull, expandReplacement } from './java-regex.ts';

/** The rewrite of `input`, or null when `regex` does not match all of it; a bad regex or replacement names `regexKey`/`replacementKey`. */
export function matchesThenReplaceFirst(regexKey: string, regex: string, replacementKey: string, replacement: string): (input: string) => string | null {
  const full = compileFull(regexKey, regex);
  let find: RegExp;
  try {
    find = new RegExp(regex, 'u');
  } catch (e) {
    throw new ConfigError(regexKey, `invalid regular expression ${JSON.stringify(regex)}: ${(e as Error).message}`);
  }
  return (input) => {
    if (!full.test(input)) return null;
    const m = find.exec(input)!;
    return input.slice(0, m.index) + expandReplacement(replacementKey, replacement, m) + input.slice(m.index + m[0].length);
  };
}
