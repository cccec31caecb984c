-- The captured table, and a table of markers: a change there shows how far the stream has got.
CREATE TABLE customers (
  id integer PRIMARY KEY,
  name text,
  email text,
  points integer NOT NULL DEFAULT 0
);
CREATE TABLE markers (id integer PRIMARY KEY, n integer NOT NULL);

INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 10);
INSERT INTO markers VALUES (1, 0);
