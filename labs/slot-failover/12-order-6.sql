INSERT INTO shop.orders VALUES (6, 'horn');
