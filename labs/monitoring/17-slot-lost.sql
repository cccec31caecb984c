SELECT slot_name, active, wal_status, invalidation_reason
  FROM pg_replication_slots
 WHERE slot_name = 'monitoring_slot';
