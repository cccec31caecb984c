ALTER TABLE inventory.products REPLICA IDENTITY FULL;

UPDATE inventory.products SET weight = 0.25 WHERE name = 'hammer';
