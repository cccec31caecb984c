UPDATE employees SET salary = 79000.00, department = 'Platform' WHERE name = 'Ada Lovelace';
