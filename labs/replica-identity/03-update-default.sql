UPDATE accounts_default SET balance = 120 WHERE id = 1;
