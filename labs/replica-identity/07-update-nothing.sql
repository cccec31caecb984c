UPDATE accounts_nothing SET balance = 120 WHERE id = 1;
