UPDATE accounts_index SET balance = 120 WHERE id = 1;
