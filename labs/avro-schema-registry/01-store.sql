-- The bike store: customers, products, orders and the items of each order.
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
  status      text NOT NULL
);
CREATE TABLE store.order_items (
  order_id   int REFERENCES store.orders,
  line       int,
  product_id int NOT NULL REFERENCES store.products,
  quantity   int NOT NULL,
  PRIMARY KEY (order_id, line)
);
INSERT INTO store.customers (name, email) VALUES
  ('Ana Lima', 'ana@example.com'), ('Bruno Costa', 'bruno@example.com'), ('Carla Dias', 'carla@example.com');
INSERT INTO store.products (name, price) VALUES ('Gravel bike', 1549.00), ('Helmet', 79.90);
INSERT INTO store.orders (customer_id, status) VALUES (1, 'paid'), (2, 'new');
INSERT INTO store.order_items VALUES (1, 1, 1, 1), (1, 2, 2, 1), (2, 1, 2, 2);
SELECT (SELECT count(*) FROM store.customers)::int AS customers, (SELECT count(*) FROM store.products)::int AS products,
       (SELECT count(*) FROM store.orders)::int AS orders, (SELECT count(*) FROM store.order_items)::int AS order_items;
