-- The failover: the new primary has no slot named sf_slot (before PostgreSQL 17, logical slots
-- never reached a standby). Here the old one is dropped to stand for that. Then someone, or a
-- script, creates it again under the same name, so that the connector can start.
SELECT pg_drop_replication_slot('sf_slot');
SELECT slot_name FROM pg_create_logical_replication_slot('sf_slot', 'pgoutput');
