-- 200 transactions while the snapshot reads the tables: 200 order updates,
-- 200 order-item updates, 50 new orders with one item each
CALL store.shop_activity(200);
