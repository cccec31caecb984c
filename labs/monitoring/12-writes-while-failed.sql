INSERT INTO shop.orders (item, quantity)
SELECT 'late item ' || g, g FROM generate_series(1, 50) AS g;
