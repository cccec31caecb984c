UPDATE accounts_default SET id = 10 WHERE id = 1;
