-- A lost slot cannot be repaired: drop it, lift the cap, and let the connector start over.
SELECT pg_drop_replication_slot('monitoring_slot');
ALTER SYSTEM RESET max_slot_wal_keep_size;
SELECT pg_reload_conf();
