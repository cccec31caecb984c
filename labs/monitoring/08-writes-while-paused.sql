-- The application keeps working while the connector is paused.
INSERT INTO shop.orders (item, quantity)
SELECT 'item ' || g, g FROM generate_series(1, 200) AS g;
INSERT INTO shop.audit_log (entry)
SELECT 'order placed ' || g || ' ' || repeat('x', 200)
  FROM generate_series(1, 20000) AS g;
