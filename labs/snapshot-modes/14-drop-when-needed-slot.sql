SELECT pg_drop_replication_slot('modes_when_needed');
