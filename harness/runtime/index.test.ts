import { describe, expect, it } from 'vitest';
import { externalStackInfo } from './external.ts';
import { OptionError, validateStackOptions, type StackOptions } from './index.ts';

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
  });
});
