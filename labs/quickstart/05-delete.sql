DELETE FROM inventory.products WHERE name = 'scooter';
