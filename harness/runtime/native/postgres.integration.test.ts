import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

// The shared stack's PostgreSQL is ready for logical decoding: a publication, a pgoutput slot,
// a row written and read back as a change through pg-logical-replication.

describe('PostgreSQL on the shared stack', () => {
  const { postgres } = inject('stack');
  const admin = new pg.Client({ connectionString: postgres.url });
  const service = new LogicalReplicationService(
    { connectionString: postgres.url },
    { acknowledge: { auto: false, timeoutSeconds: 0 } },
  );
  afterAll(async () => {
    await service.stop().catch(() => {});
    await admin.query(`SELECT pg_drop_replication_slot('runtime_test_slot')`).catch(() => {});
    await admin.end();
  });

  it('runs with wal_level=logical and room for slots and senders', async () => {
    await admin.connect();
    const { rows } = await admin.query(`SELECT name, setting FROM pg_settings WHERE name IN ('wal_level','max_replication_slots','max_wal_senders') ORDER BY name`);
    expect(Object.fromEntries(rows.map((r) => [r.name, r.setting]))).toEqual({ max_replication_slots: '64', max_wal_senders: '64', wal_level: 'logical' });
    const { rows: version } = await admin.query('SHOW server_version_num');
    expect(Math.floor(Number(version[0].server_version_num) / 10000)).toBe(17);
  });

  it('streams an inserted row back through a pgoutput slot', async () => {
    await admin.query('DROP TABLE IF EXISTS runtime_probe; CREATE TABLE runtime_probe (id int PRIMARY KEY, note text)');
    await admin.query('DROP PUBLICATION IF EXISTS runtime_pub; CREATE PUBLICATION runtime_pub FOR TABLE runtime_probe');
    await admin.query(`SELECT pg_create_logical_replication_slot('runtime_test_slot', 'pgoutput')`);
    const received = new Promise<Pgoutput.MessageInsert>((resolve) => {
      service.on('data', (_lsn: string, message: Pgoutput.Message) => {
        if (message.tag === 'insert') resolve(message);
      });
    });
    void service.subscribe(new PgoutputPlugin({ protoVersion: 1, publicationNames: ['runtime_pub'] }), 'runtime_test_slot');
    await admin.query(`INSERT INTO runtime_probe VALUES (1, 'hello from the WAL')`);
    const insert = await received;
    expect(insert.relation.name).toBe('runtime_probe');
    expect(insert.new).toEqual({ id: 1, note: 'hello from the WAL' });
  });
});
