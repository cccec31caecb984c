-- A customer name longer than the target's varchar(20).
INSERT INTO payments VALUES (6, 'Margaret Hamilton-Smithson', 300.00);
