INSERT INTO shop.orders VALUES (5, 'lamp');
