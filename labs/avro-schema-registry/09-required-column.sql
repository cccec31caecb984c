-- A loyalty programme: every customer must have points, so the column is NOT NULL. The default fills the
-- existing rows and is dropped right away: from now on each INSERT must say how many points.
BEGIN;
ALTER TABLE store.customers ADD COLUMN loyalty_points int NOT NULL DEFAULT 0;
ALTER TABLE store.customers ALTER COLUMN loyalty_points DROP DEFAULT;
COMMIT;
INSERT INTO store.customers (name, email, phone, loyalty_points) VALUES ('Eva Sousa', 'eva@example.com', '+351 913 000 111', 10);
