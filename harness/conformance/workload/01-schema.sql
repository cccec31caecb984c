-- Conformance workload, part 1: the tables and the rows the snapshot reads.
-- Every value is a literal (no now(), no random()) so both engines see the same data.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE EXTENSION hstore;
CREATE EXTENSION ltree;
CREATE EXTENSION citext;

-- Every column type the engine maps, one column each.
CREATE TABLE all_types (
  id integer PRIMARY KEY,
  c_int2 smallint, c_int4 integer, c_int8 bigint, c_oid oid,
  c_float4 real, c_float8 double precision,
  c_numeric numeric, c_numeric_scaled numeric(12, 3), c_money money,
  c_bool boolean,
  c_text text, c_varchar varchar(20), c_char char(5), c_name name,
  c_bytea bytea, c_uuid uuid, c_json json, c_jsonb jsonb, c_xml xml,
  c_date date, c_time time, c_time3 time(3), c_timetz timetz,
  c_timestamp timestamp, c_timestamp3 timestamp(3), c_timestamptz timestamptz,
  c_interval interval,
  c_int_array integer[], c_text_array text[],
  c_enum mood,
  c_inet inet, c_cidr cidr, c_macaddr macaddr,
  c_int4range int4range, c_tstzrange tstzrange, c_numrange numrange,
  c_bit bit(3), c_varbit varbit(8), c_bit1 bit(1),
  c_point point,
  c_macaddr8 macaddr8, c_int8range int8range, c_daterange daterange, c_tsrange tsrange,
  c_hstore hstore, c_ltree ltree, c_citext citext,
  c_uuid_array uuid[], c_date_array date[], c_numeric_array numeric[]
);

INSERT INTO all_types VALUES (
  1,
  -32768, 2147483647, 9223372036854775807, 4000000000,
  3.25, -1.5e300,
  123456789.123456789, 1234.5, 12.34,
  true,
  'héllo wörld ✓', 'varchar', 'ab', 'a_name',
  '\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"b": 1, "a": [1, 2]}', '{"b": 1, "a": [1, 2]}', '<a>x</a>',
  '2024-02-29', '13:45:30.123456', '13:45:30.123', '13:45:30.5+02',
  '2024-02-29 13:45:30.123456', '2024-02-29 13:45:30.123', '2024-02-29 13:45:30.123456+02',
  '1 year 2 months 3 days 04:05:06.789',
  '{1,2,3}', '{"a","b c",NULL}',
  'happy',
  '192.168.0.1', '10.0.0.0/8', '08:00:2b:01:02:03',
  '[1,10)', '["2024-01-01 00:00:00+00","2024-01-02 00:00:00+00")', '[1.5,2.5]',
  B'101', B'1100', B'1',
  '(1.5,-2.25)',
  '08:00:2b:01:02:03:04:05', '[1,9223372036854775807)', '[2024-01-01,2024-02-01)', '[2024-01-01 00:00,2024-01-02 00:00)',
  'b => 1, a => NULL, "key with space" => "x"', 'top.science.astronomy', 'MiXeD',
  '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{2024-02-29,1970-01-01}', '{1.5,-2,NaN}'
);
-- the same table with every column NULL
INSERT INTO all_types (id) VALUES (2);
-- numeric's special values, read by the snapshot
INSERT INTO all_types (id, c_numeric, c_numeric_scaled) VALUES (6, 'NaN', 'NaN'), (7, 'Infinity', 1), (8, '-Infinity', 2);

-- One table per replica identity.
CREATE TABLE ri_default (id integer PRIMARY KEY, email text, balance integer);
CREATE TABLE ri_full    (id integer PRIMARY KEY, email text, balance integer);
CREATE TABLE ri_index   (id integer PRIMARY KEY, email text NOT NULL, balance integer);
CREATE TABLE ri_nothing (id integer PRIMARY KEY, email text, balance integer);
ALTER TABLE ri_full REPLICA IDENTITY FULL;
CREATE UNIQUE INDEX ri_index_email ON ri_index (email);
ALTER TABLE ri_index REPLICA IDENTITY USING INDEX ri_index_email;
ALTER TABLE ri_nothing REPLICA IDENTITY NOTHING;
INSERT INTO ri_default VALUES (1, 'ada@example.com', 100), (2, 'bob@example.com', 50);
INSERT INTO ri_full    VALUES (1, 'ada@example.com', 100), (2, 'bob@example.com', 50);
INSERT INTO ri_index   VALUES (1, 'ada@example.com', 100), (2, 'bob@example.com', 50);
INSERT INTO ri_nothing VALUES (1, 'ada@example.com', 100);

-- A large value kept out of line (TOAST), uncompressed.
CREATE TABLE documents (id integer PRIMARY KEY, title text NOT NULL, body text, attachment bytea);
ALTER TABLE documents ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE documents ALTER COLUMN attachment SET STORAGE EXTERNAL;
INSERT INTO documents VALUES (1, 'draft', repeat('lorem ipsum ', 500), decode(repeat('00ff', 2000), 'hex'));

-- A table without a primary key, and one whose name needs quoting.
CREATE TABLE no_pk (a integer, b text);
ALTER TABLE no_pk REPLICA IDENTITY FULL;
INSERT INTO no_pk VALUES (1, 'one');
CREATE TABLE "Odd ""Quoted"" Table" ("Id" integer PRIMARY KEY, "Mixed Case" text, "with space" integer);
INSERT INTO "Odd ""Quoted"" Table" VALUES (1, 'snap', 1);

-- An outbox table as Debezium's outbox EventRouter expects it (the outbox profile routes it by aggregatetype).
CREATE TABLE outbox (id uuid PRIMARY KEY, aggregatetype varchar(255) NOT NULL, aggregateid varchar(255) NOT NULL, type varchar(255) NOT NULL, payload jsonb);
INSERT INTO outbox VALUES ('7b2a4f2e-1c3d-4e5f-8a9b-000000000001', 'Order', 'o-1', 'OrderCreated', '{"id": 1, "lines": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 1, "note": "gift"}], "total": 12.5}');

-- Receives a marker row when the workload is over: both engines are done once they emitted it.
CREATE TABLE workload_end (id integer PRIMARY KEY);
