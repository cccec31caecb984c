INSERT INTO orders VALUES (3, 'lock', 1);
