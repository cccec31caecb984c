-- A value only the new type can hold.
UPDATE customers SET points = 3000000000 WHERE id = 1;
