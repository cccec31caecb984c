INSERT INTO payments VALUES (3, 'Katherine', 42.00);
