BEGIN;
INSERT INTO shop.orders VALUES (3, 'carol', 500);
UPDATE shop.orders SET amount_cents = 900 WHERE id = 1;
DELETE FROM shop.orders WHERE id = 2;
COMMIT;

SELECT change_id, op, order_id, old_row, new_row FROM shop.order_changes WHERE change_id > 2 ORDER BY change_id;
