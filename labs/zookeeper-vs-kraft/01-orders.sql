CREATE TABLE orders (
  id       integer PRIMARY KEY,
  customer text    NOT NULL,
  total    numeric(10, 2) NOT NULL
);
INSERT INTO orders VALUES (1, 'ada', 120.00), (2, 'grace', 75.50);
