-- With the connector paused: a few orders, then about 20 MB of audit log, a WAL segment switch
-- and a checkpoint, which removes WAL beyond the cap.
INSERT INTO shop.orders (item, quantity) VALUES ('ladder', 1), ('paint', 4), ('brush', 2);
INSERT INTO shop.audit_log (entry)
SELECT 'nightly batch ' || g || ' ' || repeat('x', 200) FROM generate_series(1, 80000) AS g;
SELECT pg_switch_wal();
CHECKPOINT;
