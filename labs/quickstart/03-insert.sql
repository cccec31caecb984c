INSERT INTO inventory.products (name, weight) VALUES ('rocks', 5.3);
