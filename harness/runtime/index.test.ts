import { describe, expect, it } from 'vitest';
import { externalStackInfo } from './external.ts';
import { OptionError, resolveRuntime, validateStackOptions, type StackOptions } from './index.ts';

describe('validateStackOptions', () => {
  it('names the allowed values of an unknown runtime or Kafka mode', () => {
    expect(() => validateStackOptions({ runtime: 'docker' as StackOptions['runtime'] })).toThrow('unknown runtime "docker"; allowed: auto, native, containers, external');
    expect(() => validateStackOptions({ kafka: 'raft' as StackOptions['kafka'] })).toThrow('unknown Kafka mode "raft"; allowed: kraft, zookeeper');
    expect(() => validateStackOptions({ with: ['minio' as 's3'] })).toThrow(OptionError);
    expect(() => validateStackOptions({ runtime: 'native', kafka: 'zookeeper', with: ['connect', 's3'] })).not.toThrow();
  });
});

describe('external runtime', () => {
  it('lists every missing variable', () => {
    expect(() => externalStackInfo({}, {})).toThrow(/CDC_LABS_POSTGRES_URL, CDC_LABS_KAFKA_BOOTSTRAP/);
  });

  it('reads services from the environment', () => {
    const info = externalStackInfo({ with: ['connect'] }, {
      CDC_LABS_POSTGRES_URL: 'postgres://app:s%40cret@db.internal:6432/shop',
      CDC_LABS_KAFKA_BOOTSTRAP: 'b1:9092, b2:9092',
      CDC_LABS_CONNECT_URL: 'http://connect:8083/',
    });
    expect(info.postgres).toMatchObject({ host: 'db.internal', port: 6432, user: 'app', password: 's@cret', database: 'shop' });
    expect(info.kafka.bootstrapServers).toEqual(['b1:9092', 'b2:9092']);
    expect(info.connect).toMatchObject({ url: 'http://connect:8083', postgresHost: 'db.internal' });
    expect(info.s3).toBeUndefined();
    expect(info.registry).toBeUndefined();
  });

  it('a registry from CDC_LABS_SCHEMA_REGISTRY_URL, required when asked for', () => {
    const env = { CDC_LABS_POSTGRES_URL: 'postgres://u:p@db/x', CDC_LABS_KAFKA_BOOTSTRAP: 'b:9092' };
    expect(() => externalStackInfo({ with: ['registry'] }, env)).toThrow(/CDC_LABS_SCHEMA_REGISTRY_URL/);
    const info = externalStackInfo({ with: ['registry'] }, { ...env, CDC_LABS_SCHEMA_REGISTRY_URL: 'http://reg:8080/apis/registry/v2' });
    expect(info.registry).toEqual({ url: 'http://reg:8080/apis/ccompat/v7', apicurioUrl: 'http://reg:8080/apis/registry/v2', apicurioUrlForConnect: 'http://reg:8080/apis/registry/v2' });
  });
});

describe('resolveRuntime', () => {
  const probes = (nativeToolchain: boolean, containerEngine: boolean) => ({
    nativeToolchain: async () => nativeToolchain,
    containerEngine: async () => containerEngine,
  });

  it('auto prefers native (what CI verifies) when Java is there, even with a Docker engine', async () => {
    expect(await resolveRuntime('auto', probes(true, true))).toBe('native');
    expect(await resolveRuntime('auto', probes(true, false))).toBe('native');
  });

  it('auto falls back to containers without a native toolchain, and to native (whose error says what to install) without either', async () => {
    expect(await resolveRuntime('auto', probes(false, true))).toBe('containers');
    expect(await resolveRuntime('auto', probes(false, false))).toBe('native');
  });

  it('an explicit choice is kept', async () => {
    expect(await resolveRuntime('containers', probes(true, true))).toBe('containers');
    expect(await resolveRuntime('external', probes(true, true))).toBe('external');
  });
});
