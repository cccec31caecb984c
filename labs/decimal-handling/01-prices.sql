-- Three numeric columns: a fixed scale, a wide one with the same scale, and one with neither
-- precision nor scale (which also takes NaN).
CREATE TABLE prices (
  id integer PRIMARY KEY,
  price numeric(10, 2) NOT NULL,
  big numeric(20, 2) NOT NULL,
  ratio numeric
);

INSERT INTO prices VALUES
  (1, 19.99, 12345678901234567.89, 0.125),
  (2, 0.10, 0.30, 'NaN');

SELECT id, price::text, big::text, ratio::text FROM prices ORDER BY id;
