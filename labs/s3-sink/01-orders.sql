-- A small shop: who ordered what. REPLICA IDENTITY FULL puts the whole old row in delete
-- events, so a deleted order still says whose it was when it reaches the lake.
CREATE SCHEMA store;
CREATE TABLE store.orders (
  id       integer PRIMARY KEY,
  customer text    NOT NULL,
  product  text    NOT NULL,
  quantity integer NOT NULL
);
ALTER TABLE store.orders REPLICA IDENTITY FULL;
INSERT INTO store.orders VALUES
  (1, 'alice', 'road bike',  1),
  (2, 'bob',   'helmet',     2),
  (3, 'alice', 'gloves',     1),
  (4, 'carol', 'city bike',  1),
  (5, 'bob',   'pump',       1),
  (6, 'carol', 'lights',     3);
