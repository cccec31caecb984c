import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.ts';
import type { ConnectRecord } from '../connect-record.ts';
import { buildTransforms } from './index.ts';
import { expandReplacement } from './java-regex.ts';

const R = 'org.apache.kafka.connect.transforms.RegexRouter';
const F = 'org.apache.kafka.connect.transforms.Filter';
const P = 'org.apache.kafka.connect.transforms.predicates.';

const rec = (topic: string, value: unknown = { a: 1 }, headers: string[] = []): ConnectRecord => ({
  topic, partition: null, keySchema: null, key: null, valueSchema: null, value, headers: headers.map((key) => ({ key, value: Buffer.from('x') })),
});

function configError(config: Record<string, unknown>): ConfigError {
  try {
    buildTransforms(config);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('transforms chain (Kafka Connect ConnectorConfig.transformationStages / TransformationStage.apply)', () => {
  it('RegexRouter: a whole-name match is replaced with $n groups expanded; other topics pass unchanged', () => {
    const t = buildTransforms({ transforms: 'route', 'transforms.route.type': R, 'transforms.route.regex': '([^.]+)\\.([^.]+)\\.([^.]+)', 'transforms.route.replacement': '$3' });
    expect(t(rec('dbserver1.public.customers'))?.topic).toBe('customers');
    expect(t(rec('dbserver1.transaction'))?.topic).toBe('dbserver1.transaction');
    // matches(), not find(): a partial match does not route
    const partial = buildTransforms({ transforms: 'r', 'transforms.r.type': R, 'transforms.r.regex': 'public', 'transforms.r.replacement': 'x' });
    expect(partial(rec('dbserver1.public.customers'))?.topic).toBe('dbserver1.public.customers');
  });

  it('Java replacement syntax: \\$ is a dollar, ${name} a named group, $12 stops at the last existing group', () => {
    const m = /^(?<db>a)(b)$/u.exec('ab')!;
    expect(expandReplacement('k', '\\$${db}-$2-$21', m)).toBe('$a-b-b1');
    expect(() => expandReplacement('k', '$3', m)).toThrow(/No group 3/);
  });

  it('runs the transforms in the listed order', () => {
    const t = buildTransforms({
      transforms: 'one,two',
      'transforms.one.type': R, 'transforms.one.regex': 'a', 'transforms.one.replacement': 'b',
      'transforms.two.type': R, 'transforms.two.regex': 'b', 'transforms.two.replacement': 'c',
    });
    expect(t(rec('a'))?.topic).toBe('c');
  });

  it('Filter with TopicNameMatches drops the matching records; negate=true drops the others', () => {
    const cfg = { transforms: 'f', 'transforms.f.type': F, 'transforms.f.predicate': 'tx', predicates: 'tx', 'predicates.tx.type': `${P}TopicNameMatches`, 'predicates.tx.pattern': '.*\\.transaction' };
    const t = buildTransforms(cfg);
    expect(t(rec('dbserver1.transaction'))).toBeNull();
    expect(t(rec('dbserver1.public.t'))?.topic).toBe('dbserver1.public.t');
    const n = buildTransforms({ ...cfg, 'transforms.f.negate': 'TRUE' });
    expect(n(rec('dbserver1.transaction'))?.topic).toBe('dbserver1.transaction');
    expect(n(rec('dbserver1.public.t'))).toBeNull();
  });

  it('HasHeaderKey and RecordIsTombstone select by header and by a null value; Filter alone drops everything', () => {
    const h = buildTransforms({ transforms: 'f', 'transforms.f.type': F, 'transforms.f.predicate': 'h', predicates: 'h', 'predicates.h.type': `${P}HasHeaderKey`, 'predicates.h.name': '__debezium.oldkey' });
    expect(h(rec('t', {}, ['__debezium.oldkey']))).toBeNull();
    expect(h(rec('t', {}, ['other']))).not.toBeNull();
    const tomb = buildTransforms({ transforms: 'f', 'transforms.f.type': F, 'transforms.f.predicate': 't', predicates: 't', 'predicates.t.type': `${P}RecordIsTombstone` });
    expect(tomb(rec('t', null))).toBeNull();
    expect(tomb(rec('t', { a: 1 }))).not.toBeNull();
    expect(buildTransforms({ transforms: 'f', 'transforms.f.type': F })(rec('t'))).toBeNull();
  });

  it('a predicate applies only to the transform that names it', () => {
    const t = buildTransforms({
      transforms: 'route,drop', predicates: 'isTx',
      'transforms.route.type': R, 'transforms.route.regex': '(.*)', 'transforms.route.replacement': 'all-$1',
      'transforms.drop.type': F, 'transforms.drop.predicate': 'isTx',
      'predicates.isTx.type': `${P}TopicNameMatches`, 'predicates.isTx.pattern': 'all-tx',
    });
    expect(t(rec('tx'))).toBeNull();
    expect(t(rec('t1'))?.topic).toBe('all-t1');
  });

  it('errors name the key: unknown class, missing option, undeclared predicate, negate without predicate, bad regex, duplicate alias', () => {
    expect(configError({ transforms: 'x', 'transforms.x.type': 'org.example.Nope' }).key).toBe('transforms.x.type');
    expect(configError({ transforms: 'x', 'transforms.x.type': 'org.example.Nope' }).message).toMatch(/unsupported transform "org.example.Nope"/);
    expect(configError({ transforms: 'x' }).key).toBe('transforms.x.type');
    expect(configError({ transforms: 'r', 'transforms.r.type': R, 'transforms.r.regex': 'a' }).key).toBe('transforms.r.replacement');
    expect(configError({ transforms: 'r', 'transforms.r.type': R, 'transforms.r.regex': '(', 'transforms.r.replacement': 'b' }).key).toBe('transforms.r.regex');
    expect(configError({ transforms: 'f', 'transforms.f.type': F, 'transforms.f.predicate': 'nope' }).key).toBe('transforms.f.predicate');
    expect(configError({ transforms: 'f', 'transforms.f.type': F, 'transforms.f.negate': 'true' }).key).toBe('transforms.f.negate');
    expect(configError({ predicates: 'p', 'predicates.p.type': `${P}TopicNameMatches` }).key).toBe('predicates.p.pattern');
    expect(configError({ predicates: 'p', 'predicates.p.type': 'org.example.P' }).key).toBe('predicates.p.type');
    expect(configError({ transforms: 'a,a', 'transforms.a.type': F }).key).toBe('transforms');
  });
});
