INSERT INTO shop.orders VALUES (3, 'bell');
