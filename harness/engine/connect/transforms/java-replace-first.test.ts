// `if (matcher.matches()) matcher.replaceFirst(replacement)`, as Debezium's routers and Kafka's RegexRouter do it.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.ts';
import { matchesThenReplaceFirst } from './java-replace-first.ts';

describe('matchesThenReplaceFirst', () => {
  it('null without a full match; groups by number and name; the first find() is replaced, the rest kept', () => {
    const r = matchesThenReplaceFirst('k.regex', '(.*)_shard_(\\d+)', 'k.replacement', '$1-$2');
    expect(r('orders_shard_7')).toBe('orders-7');
    expect(r('orders_shard_x')).toBeNull();
    expect(matchesThenReplaceFirst('k', '(?<v>.*)', 'r', 'outbox.event.${v}')('User')).toBe('outbox.event.User');
    expect(matchesThenReplaceFirst('k', 'a|ab', 'r', 'X')('ab')).toBe('Xb');
  });

  it('a regex JavaScript cannot read is an error naming its key', () => {
    expect(() => matchesThenReplaceFirst('transforms.x.topic.regex', '(unclosed', 'r', 'x')).toThrow(ConfigError);
  });
});
