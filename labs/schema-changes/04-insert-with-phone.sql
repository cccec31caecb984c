INSERT INTO customers (id, name, email, points, phone) VALUES (2, 'Grace', 'grace@example.com', 15, '555-0102');
