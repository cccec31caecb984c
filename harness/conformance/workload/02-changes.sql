-- Conformance workload, part 2: the changes both engines stream.
INSERT INTO all_types VALUES (
  3,
  32767, -2147483648, -9223372036854775808, 0,
  -0.5, 2.2250738585072014e-308,
  -0.000000001, -99999999.999, -12.34,
  false,
  '', '', 'xyzzy', 'x',
  '\x', '00000000-0000-0000-0000-000000000000', '[]', '{"nested": {"k": null}}', '<r/>',
  '1970-01-01', '00:00:00', '23:59:59.999', '00:00:00-05:30',
  '1970-01-01 00:00:00', '1900-06-15 12:00:00.5', '2262-04-11 23:47:16.854775+00',
  '-3 days -00:00:01',
  '{}', '{}',
  'sad',
  '::1', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff',
  'empty', '(,"2024-01-01 00:00:00+00"]', '(,)',
  B'000', B'', B'0',
  '(0,0)'
);
-- special values: NaN and infinities
INSERT INTO all_types (id, c_float4, c_float8, c_numeric, c_date, c_timestamp, c_timestamptz)
VALUES (4, 'NaN', 'Infinity', 'NaN', 'infinity', '-infinity', 'infinity');
INSERT INTO all_types (id, c_numeric, c_numeric_scaled, c_interval) VALUES (9, 'Infinity', 'NaN', NULL), (10, '-Infinity', 3, '178000000 years');
INSERT INTO all_types (id, c_float4, c_float8, c_numeric_scaled, c_date, c_timestamp, c_timestamptz, c_interval)
VALUES (5, '-Infinity', 'NaN', 0.001, '0001-01-01', '0001-01-01 00:00:00', '0001-01-01 00:00:00+00', '-178000000 years');
UPDATE all_types SET c_int4 = 42, c_text = 'changed', c_jsonb = '{"z": true}', c_interval = '25:00:00' WHERE id = 1;
UPDATE all_types SET c_numeric = 0, c_money = 0, c_bytea = '\xdeadbeef' WHERE id = 2;

-- Updates and deletes under each replica identity (NOTHING takes inserts only).
UPDATE ri_default SET balance = 120 WHERE id = 1;
UPDATE ri_full    SET balance = 120 WHERE id = 1;
UPDATE ri_index   SET balance = 120 WHERE id = 1;
INSERT INTO ri_nothing VALUES (2, 'bob@example.com', 50);
DELETE FROM ri_default WHERE id = 2;
DELETE FROM ri_full    WHERE id = 2;
DELETE FROM ri_index   WHERE id = 2;

-- Unchanged TOAST values: only the title changes.
UPDATE documents SET title = 'final' WHERE id = 1;

-- A primary-key change: delete + tombstone + create, with the key headers.
UPDATE ri_default SET id = 10 WHERE id = 1;

-- A multi-statement transaction over several tables.
BEGIN;
INSERT INTO ri_default VALUES (3, 'cy@example.com', 7);
UPDATE ri_full SET email = 'ada@example.org' WHERE id = 1;
INSERT INTO no_pk VALUES (2, 'two');
UPDATE no_pk SET b = 'uno' WHERE a = 1;
INSERT INTO "Odd ""Quoted"" Table" VALUES (2, 'stream', 2);
UPDATE "Odd ""Quoted"" Table" SET "Mixed Case" = 'changed' WHERE "Id" = 1;
DELETE FROM "Odd ""Quoted"" Table" WHERE "Id" = 2;
COMMIT;

-- TRUNCATE, emitted because skipped.operations is "none".
TRUNCATE ri_nothing;
BEGIN;
INSERT INTO ri_nothing VALUES (3, 'after@example.com', 1);
TRUNCATE documents, ri_index;
COMMIT;

-- Outbox events: a second aggregate type, a long integer and an empty array in the payload, a null payload (a
-- tombstone under route.tombstone.on.empty.payload), then an update and a delete, which the EventRouter drops.
INSERT INTO outbox VALUES ('7b2a4f2e-1c3d-4e5f-8a9b-000000000002', 'Order', 'o-1', 'OrderShipped', '{"id": 1, "carrier": "ups", "parcel": 3000000000, "tags": []}');
INSERT INTO outbox VALUES ('7b2a4f2e-1c3d-4e5f-8a9b-000000000003', 'Customer', 'c-7', 'CustomerDeleted', NULL);
UPDATE outbox SET type = 'OrderPaid' WHERE id = '7b2a4f2e-1c3d-4e5f-8a9b-000000000002';
DELETE FROM outbox WHERE id = '7b2a4f2e-1c3d-4e5f-8a9b-000000000001';

INSERT INTO workload_end VALUES (1);
