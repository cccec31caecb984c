-- Two new orders, a changed quantity, a cancelled order.
INSERT INTO store.orders VALUES
  (7, 'alice', 'bell',   1),
  (8, 'dave',  'saddle', 1);
UPDATE store.orders SET quantity = 4 WHERE id = 2;
DELETE FROM store.orders WHERE id = 5;
