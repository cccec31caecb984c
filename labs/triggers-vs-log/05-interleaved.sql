-- Two sessions. A starts first and commits last.
-- session A
BEGIN;
INSERT INTO shop.orders VALUES (10, 'started first', 100);

-- session B
BEGIN;
INSERT INTO shop.orders VALUES (11, 'started second', 200);
COMMIT;

-- a consumer polls the changes table for what is new since the highest change_id it has seen
SELECT change_id, order_id FROM shop.order_changes WHERE change_id > 5 ORDER BY change_id;

-- session A
COMMIT;

-- the consumer polls again, from the highest change_id of its last poll
SELECT change_id, order_id FROM shop.order_changes WHERE change_id > 7 ORDER BY change_id;
