-- A NOT NULL column with a default: existing rows read as 'basic' at once (no table rewrite).
ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic';
UPDATE customers SET points = 20 WHERE id = 1;
