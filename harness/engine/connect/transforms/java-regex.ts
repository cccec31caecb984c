// The two pieces of java.util.regex the Kafka transforms use: Matcher.matches() (the whole input) and the
// replacement syntax of Matcher.replaceFirst ($n and ${name} are groups, a backslash quotes the next character).
import { ConfigError } from '../../errors.ts';

/** Pattern.compile(regex), for matches(): anchored at both ends. A regex JavaScript cannot read is an error naming the key. */
export function compileFull(key: string, regex: string): RegExp {
  try {
    return new RegExp(`^(?:${regex})$`, 'u');
  } catch (e) {
    throw new ConfigError(key, `invalid regular expression ${JSON.stringify(regex)}: ${(e as Error).message}`);
  }
}

/** Matcher.appendReplacement's expansion of `replacement` for one match. */
export function expandReplacement(key: string, replacement: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) throw new ConfigError(key, 'character to be escaped is missing');
      out += replacement[i];
    } else if (c === '$') {
      if (replacement[i + 1] === '{') {
        const end = replacement.indexOf('}', i);
        const name = replacement.slice(i + 2, end);
        if (end < 0 || !match.groups || !(name in match.groups)) throw new ConfigError(key, `no group with name {${name}}`);
        out += match.groups[name] ?? '';
        i = end;
      } else {
        // Java reads as many digits as still name an existing group
        let j = i + 1;
        if (!/[0-9]/.test(replacement[j] ?? '')) throw new ConfigError(key, 'Illegal group reference');
        let group = Number(replacement[j]);
        j++;
        while (j < replacement.length && /[0-9]/.test(replacement[j]!) && group * 10 + Number(replacement[j]) < match.length) {
          group = group * 10 + Number(replacement[j]);
          j++;
        }
        if (group >= match.length) throw new ConfigError(key, `No group ${group}`);
        out += match[group] ?? '';
        i = j - 1;
      }
    } else out += c;
  }
  return out;
}
