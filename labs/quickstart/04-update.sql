UPDATE inventory.products SET weight = 0.5 WHERE name = 'hammer';
