import { describe, expect, it } from 'vitest';
import { ArgsError, editDistance, nearest, parseLabArgs } from './lab-args.ts';

describe('parseLabArgs', () => {
  it('takes a lab id with defaults', () => {
    expect(parseLabArgs(['quickstart'])).toEqual({
      id: 'quickstart', list: false, keep: false, step: false, handsOn: false, record: false, help: false,
      runtime: 'auto', engine: 'native', kafka: undefined,
    });
  });
  it('reads every option', () => {
    const a = parseLabArgs(['replica-identity', '--keep', '--step', '--record', '--runtime', 'native', '--engine', 'debezium', '--kafka', 'zookeeper']);
    expect(a).toMatchObject({ keep: true, step: true, record: true, runtime: 'native', engine: 'debezium', kafka: 'zookeeper' });
  });
  it('takes --hands-on, but not with --step or --record', () => {
    expect(parseLabArgs(['quickstart', '--hands-on']).handsOn).toBe(true);
    expect(() => parseLabArgs(['quickstart', '--hands-on', '--record'])).toThrow(/--hands-on goes alone/);
    expect(() => parseLabArgs(['quickstart', '--hands-on', '--step'])).toThrow(/--hands-on goes alone/);
  });
  it('lists without an id', () => {
    expect(parseLabArgs(['--list']).list).toBe(true);
  });
  it('rejects unknown choices, unknown options and a missing id', () => {
    expect(() => parseLabArgs(['x', '--runtime', 'docker'])).toThrow(/--runtime must be one of auto, native, containers, external/);
    expect(() => parseLabArgs(['x', '--fast'])).toThrow(ArgsError);
    expect(() => parseLabArgs([])).toThrow(/which lab/);
    expect(() => parseLabArgs(['a', 'b'])).toThrow(/one lab at a time/);
  });
});

describe('nearest', () => {
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests the closest lab id', () => {
    expect(nearest('replica-identiy', ['quickstart', 'replica-identity'])).toBe('replica-identity');
    expect(nearest('quick', ['quickstart', 'replica-identity'])).toBe('quickstart');
  });
  it('suggests nothing for a far-off name', () => {
    expect(nearest('zzzzzzzzzzzz', ['quickstart', 'replica-identity'])).toBeUndefined();
  });
});
