INSERT INTO store.orders VALUES
  (9,  'dave', 'lock',   1),
  (10, 'bob',  'bottle', 2);
