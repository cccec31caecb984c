ALTER TABLE customers RENAME COLUMN name TO full_name;
INSERT INTO customers (id, full_name, points) VALUES (4, 'Dorothy', 1);
