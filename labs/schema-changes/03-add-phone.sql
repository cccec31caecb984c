-- A nullable column, while the connector streams. Then a change to another table.
ALTER TABLE customers ADD COLUMN phone text;
UPDATE markers SET n = n + 1;
