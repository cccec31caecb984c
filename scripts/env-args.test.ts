import { describe, expect, it } from 'vitest';
import { parseEnvArgs } from './env-args.ts';

describe('parseEnvArgs', () => {
  it('defaults to KRaft, auto runtime, no extras', () => {
    expect(parseEnvArgs(['up'])).toEqual({ help: false, kafka: 'kraft', runtime: 'auto', with: [] });
  });

  it('reads --kafka, --with and --runtime', () => {
    expect(parseEnvArgs(['up', '--kafka', 'zookeeper', '--with', 'connect,s3', '--runtime', 'native'])).toEqual({
      help: false,
      kafka: 'zookeeper',
      runtime: 'native',
      with: ['connect', 's3'],
    });
  });

  it('--with registry (alone or beside Connect) asks for the schema registry', () => {
    expect(parseEnvArgs(['up', '--with', 'registry']).with).toEqual(['registry']);
    expect(parseEnvArgs(['up', '--with', 'connect, registry']).with).toEqual(['connect', 'registry']);
  });

  it('names the allowed values of a bad option', () => {
    expect(() => parseEnvArgs(['up', '--kafka', 'raft'])).toThrow('unknown Kafka mode "raft"; allowed: kraft, zookeeper');
    expect(() => parseEnvArgs(['up', '--with', 'minio'])).toThrow('unknown service "minio"; allowed: connect, s3, registry');
    expect(() => parseEnvArgs(['down'])).toThrow('unknown command "down"; allowed: up');
  });
});
