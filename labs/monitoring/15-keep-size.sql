-- Cap the WAL any slot may hold back (server-wide; the default, -1, is no cap).
ALTER SYSTEM SET max_slot_wal_keep_size = '1MB';
SELECT pg_reload_conf();
