UPDATE accounts_full SET balance = 120 WHERE id = 1;
