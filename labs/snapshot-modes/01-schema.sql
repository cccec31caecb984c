-- The bike store of the seeds: customers, products, orders and their items,
-- plus the signal table that starts ad-hoc (incremental) snapshots.
CREATE SCHEMA store;
CREATE TABLE store.customers (
  id    serial PRIMARY KEY,
  name  text NOT NULL,
  email text NOT NULL
);
CREATE TABLE store.products (
  id    serial PRIMARY KEY,
  name  text NOT NULL,
  price numeric(10,2) NOT NULL
);
CREATE TABLE store.orders (
  id          serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES store.customers,
  status      text NOT NULL,
  version     int NOT NULL DEFAULT 1,   -- +1 on every update: shows gaps and stale rows
  created_at  timestamptz NOT NULL DEFAULT timestamptz '2026-01-01 09:00Z'
);
CREATE TABLE store.order_items (
  order_id   int REFERENCES store.orders,
  line       int,
  product_id int NOT NULL REFERENCES store.products,
  quantity   int NOT NULL,
  version    int NOT NULL DEFAULT 1,
  PRIMARY KEY (order_id, line)
);
-- Debezium's signal table: id, type, data (JSON)
CREATE TABLE store.debezium_signal (
  id   varchar(64) PRIMARY KEY,
  type varchar(32) NOT NULL,
  data varchar(2048)
);
-- The shop at work: n small transactions, each updating one order and one order item,
-- every fourth one also placing a new order with one item.
CREATE PROCEDURE store.shop_activity(n int) LANGUAGE plpgsql AS $$
DECLARE
  new_order int;
BEGIN
  FOR i IN 1..n LOOP
    UPDATE store.orders SET status = 'paid', version = version + 1
     WHERE id = 1 + (i * 7919) % 3000;
    UPDATE store.order_items SET quantity = quantity + 1, version = version + 1
     WHERE order_id = 1 + (i * 104729) % 3000 AND line = 1 + i % 2;
    IF i % 4 = 0 THEN
      INSERT INTO store.orders (customer_id, status) VALUES (1 + i % 200, 'new') RETURNING id INTO new_order;
      INSERT INTO store.order_items (order_id, line, product_id, quantity) VALUES (new_order, 1, 1 + i % 50, 1);
    END IF;
    COMMIT;
  END LOOP;
END $$;
