import { describe, expect, it } from 'vitest';
import { checkWalLevel, explainPublicationError, explainReplicationError } from './checks.ts';

const fakeDb = (walLevel: string) => ({ query: async () => ({ rows: [{ wal_level: walLevel }] }) }) as never;

describe('pre-flight messages', () => {
  it('wal_level other than logical names the setting and the fix', async () => {
    await expect(checkWalLevel(fakeDb('replica'))).rejects.toThrow(
      /wal_level = 'replica'.*ALTER SYSTEM SET wal_level = logical;.*restart PostgreSQL/,
    );
    await expect(checkWalLevel(fakeDb('logical'))).resolves.toBeUndefined();
  });
  it('a slot held by another process names the slot and the pid', () => {
    const err = Object.assign(new Error('replication slot "s1" is active for PID 4242'), { code: '55006' });
    expect(explainReplicationError(err, 'app', 's1').message).toMatch(/active for PID 4242.*Replication slot "s1" is in use/);
  });
  it('a publication without rights keeps the Postgres error and says what to grant', () => {
    const err = Object.assign(new Error('permission denied for database inventory'), { code: '42501' });
    expect(explainPublicationError(err, 'app', 'inventory', 'dbz_publication').message).toMatch(
      /^permission denied for database inventory\. .*GRANT CREATE ON DATABASE "inventory" TO "app"/,
    );
  });
});
