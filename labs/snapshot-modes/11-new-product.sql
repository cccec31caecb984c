INSERT INTO store.products (name, price) VALUES ('tandem 51', 2400.00);
