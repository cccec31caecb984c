INSERT INTO shop.orders VALUES (4, 'pump');
