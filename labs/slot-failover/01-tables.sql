CREATE SCHEMA shop;

CREATE TABLE shop.orders (
  id integer PRIMARY KEY,
  item text NOT NULL
);

-- Where the connector takes signals from, such as "snapshot this table again".
CREATE TABLE shop.debezium_signal (
  id text PRIMARY KEY,
  type text NOT NULL,
  data text
);

INSERT INTO shop.orders VALUES (1, 'saddle'), (2, 'chain');
