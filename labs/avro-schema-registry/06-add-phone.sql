-- A new nullable column, then a customer who has a phone number.
ALTER TABLE store.customers ADD COLUMN phone text;
INSERT INTO store.customers (name, email, phone) VALUES ('Duarte Reis', 'duarte@example.com', '+351 912 345 678');
