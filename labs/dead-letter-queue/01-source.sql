-- The source table: payments, two of them already made.
CREATE TABLE payments (
  id integer PRIMARY KEY,
  customer varchar(100) NOT NULL,
  amount numeric(10, 2) NOT NULL
);

INSERT INTO payments VALUES (1, 'Ada', 120.00), (2, 'Grace', 75.50);
