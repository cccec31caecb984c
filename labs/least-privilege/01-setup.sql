-- As the database's admin: the application's tables, and a role for the connector that can log
-- in and do nothing else. PUBLIC loses its default right to connect to this database.
DROP ROLE IF EXISTS cdc_reader;
CREATE TABLE orders (id integer PRIMARY KEY, item text NOT NULL, qty integer NOT NULL);
CREATE TABLE payroll (id integer PRIMARY KEY, salary numeric(10, 2) NOT NULL);
INSERT INTO orders VALUES (1, 'bike', 1), (2, 'helmet', 2);
INSERT INTO payroll VALUES (1, 5000.00);

CREATE ROLE cdc_reader LOGIN PASSWORD 'reader-secret-42';
REVOKE CONNECT ON DATABASE lab_least_privilege FROM PUBLIC;
