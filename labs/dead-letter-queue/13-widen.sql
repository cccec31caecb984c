-- On the target: make the column as wide as the source's.
ALTER TABLE payments ALTER COLUMN customer TYPE varchar(100);
