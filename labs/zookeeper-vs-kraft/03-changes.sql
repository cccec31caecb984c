INSERT INTO orders VALUES (3, 'linus', 42.00);
UPDATE orders SET total = 99.90 WHERE id = 1;
DELETE FROM orders WHERE id = 2;
