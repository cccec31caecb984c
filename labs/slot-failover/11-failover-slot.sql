-- PostgreSQL 17: the fifth argument makes a failover slot, one a standby can keep in sync.
SELECT slot_name FROM pg_create_logical_replication_slot('sf_failover_demo', 'pgoutput', false, false, true);
SELECT slot_name, failover, synced FROM pg_replication_slots WHERE slot_name = 'sf_failover_demo';
