-- The fix: give the column a default again. A reader of the new schema then has a value for old records.
ALTER TABLE store.customers ALTER COLUMN loyalty_points SET DEFAULT 0;
