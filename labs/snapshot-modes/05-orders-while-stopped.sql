INSERT INTO store.orders (customer_id, status) VALUES (7, 'new'), (8, 'new'), (9, 'new');
