DELETE FROM accounts_default WHERE id = 2;
DELETE FROM accounts_full    WHERE id = 2;
DELETE FROM accounts_index   WHERE id = 2;
