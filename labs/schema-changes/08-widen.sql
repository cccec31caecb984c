ALTER TABLE customers ALTER COLUMN points TYPE bigint;
UPDATE customers SET points = 40 WHERE id = 1;
