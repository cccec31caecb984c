-- 200 customers, 50 products, 3 000 orders with two items each: 9 250 rows to snapshot.
INSERT INTO store.customers (name, email)
SELECT 'customer ' || g, 'customer' || g || '@bikes.example' FROM generate_series(1, 200) g;
INSERT INTO store.products (name, price)
SELECT (ARRAY['road bike', 'gravel bike', 'helmet', 'bell', 'pump'])[1 + g % 5] || ' ' || g, 10 + (g * 37) % 900
  FROM generate_series(1, 50) g;
INSERT INTO store.orders (customer_id, status)
SELECT 1 + g % 200, 'new' FROM generate_series(1, 3000) g;
INSERT INTO store.order_items (order_id, line, product_id, quantity)
SELECT o, l, 1 + (o * l) % 50, 1 + (o + l) % 3 FROM generate_series(1, 3000) o, generate_series(1, 2) l;
SELECT (SELECT count(*) FROM store.customers) AS customers, (SELECT count(*) FROM store.products) AS products,
       (SELECT count(*) FROM store.orders) AS orders, (SELECT count(*) FROM store.order_items) AS order_items;
