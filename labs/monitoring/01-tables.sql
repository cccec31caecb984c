-- orders is captured; audit_log is busy but not captured; heartbeat is the table the
-- connector's heartbeat.action.query writes to.
CREATE SCHEMA shop;
CREATE TABLE shop.orders (
  id serial PRIMARY KEY,
  item text NOT NULL,
  quantity integer NOT NULL
);
CREATE TABLE shop.audit_log (
  id bigserial PRIMARY KEY,
  entry text NOT NULL
);
CREATE TABLE shop.cdc_heartbeat (
  id integer PRIMARY KEY,
  ts timestamptz NOT NULL
);
INSERT INTO shop.orders (item, quantity) VALUES ('hammer', 1), ('nails', 200), ('saw', 1);
