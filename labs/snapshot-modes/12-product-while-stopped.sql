INSERT INTO store.products (name, price) VALUES ('folding bike 52', 890.00);
