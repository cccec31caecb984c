-- A row that lives for one statement: inserted, then deleted.
INSERT INTO employees (name, email, department, salary, hire_date, created_at)
VALUES ('Temp Contractor', 'temp@example.com', 'Ops', 1000.00, '2024-04-01', '2024-04-01 12:00:00');
DELETE FROM employees WHERE name = 'Temp Contractor';
