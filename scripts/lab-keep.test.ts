import { describe, expect, it } from 'vitest';
import { connectionHelp } from './lab-keep.ts';

describe('connectionHelp', () => {
  it("names the lab's database and every service", () => {
    const text = connectionHelp(
      {
        runtime: 'native',
        postgres: { host: '127.0.0.1', port: 5544, user: 'postgres', password: 'pw', database: 'postgres', url: 'postgres://postgres:pw@127.0.0.1:5544/postgres' },
        kafka: { mode: 'kraft', bootstrapServers: ['127.0.0.1:9192'] },
        connect: { url: 'http://127.0.0.1:8383', postgresHost: '127.0.0.1', postgresPort: 5544 },
      },
      'replica-identity',
    );
    expect(text).toContain('psql "postgres://postgres:pw@127.0.0.1:5544/lab_replica_identity"');
    expect(text).toContain('--bootstrap-server 127.0.0.1:9192');
    expect(text).toContain('http://127.0.0.1:8383');
    expect(text).toContain('S3              not started');
  });
});
