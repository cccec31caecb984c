-- The target table, created by its owner before the sink runs, with rules of its own:
-- customer names of at most 20 characters, and only positive amounts.
CREATE TABLE payments (
  id integer PRIMARY KEY,
  customer varchar(20) NOT NULL,
  amount numeric(10, 2) NOT NULL CHECK (amount > 0)
);
