-- A refund: a negative amount the source accepts and the target's CHECK refuses. Then a normal payment.
INSERT INTO payments VALUES (4, 'Ada', -20.00);
INSERT INTO payments VALUES (5, 'Grace', 10.00);
