SELECT s.slot_name, s.plugin, s.active, s.wal_status, r.state AS walsender_state
  FROM pg_replication_slots s
  LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid
 WHERE s.slot_name = 'monitoring_slot';
