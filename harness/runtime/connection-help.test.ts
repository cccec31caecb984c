import { describe, expect, it } from 'vitest';
import { describeConnections } from './connection-help.ts';

describe('describeConnections', () => {
  it('prints a psql line, bootstrap servers, the REST URL and the S3 endpoint and keys', () => {
    const text = describeConnections({
      runtime: 'native',
      postgres: { host: '127.0.0.1', port: 5433, user: 'postgres', password: 'pw', database: 'postgres', url: '' },
      kafka: { mode: 'zookeeper', bootstrapServers: ['127.0.0.1:9092'], zookeeperConnect: '127.0.0.1:2181' },
      connect: { url: 'http://127.0.0.1:8083', postgresHost: '127.0.0.1', postgresPort: 5433 },
      s3: { endpoint: 'http://127.0.0.1:9090', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true },
    });
    expect(text).toContain('psql "postgresql://postgres:pw@127.0.0.1:5433/postgres"');
    expect(text).toContain('bootstrap servers 127.0.0.1:9092 (zookeeper, ZooKeeper at 127.0.0.1:2181)');
    expect(text).toContain('curl -s http://127.0.0.1:8083/connector-plugins');
    expect(text).toContain('endpoint http://127.0.0.1:9090 region us-east-1 access key k secret s');
    expect(text).not.toContain('Registry');
  });

  it('prints the schema registry by both of its APIs', () => {
    const registry = { url: 'http://127.0.0.1:8080/apis/ccompat/v7', apicurioUrl: 'http://127.0.0.1:8080/apis/registry/v2', apicurioUrlForConnect: 'http://127.0.0.1:8080/apis/registry/v2' };
    const text = describeConnections({
      runtime: 'external',
      postgres: { host: 'h', port: 5432, user: 'u', password: 'p', database: 'd', url: '' },
      kafka: { mode: 'kraft', bootstrapServers: ['h:9092'] },
      registry,
    });
    expect(text).toContain('Registry     http://127.0.0.1:8080/apis/ccompat/v7 (Confluent-compatible), http://127.0.0.1:8080/apis/registry/v2 (Apicurio)');
    expect(text).toContain('curl -s http://127.0.0.1:8080/apis/ccompat/v7/subjects');
  });
});
