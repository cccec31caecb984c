ALTER TABLE customers DROP COLUMN email;
UPDATE customers SET points = 30 WHERE id = 1;
INSERT INTO customers (id, name, points) VALUES (3, 'Katherine', 5);
