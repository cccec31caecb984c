-- the slot is gone (dropped by hand, or invalidated by max_slot_wal_keep_size)
SELECT pg_drop_replication_slot('modes_initial');
