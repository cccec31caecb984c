INSERT INTO store.products (name, price) VALUES ('cargo bike 53', 3100.00);
