-- A new column at the source, used by the next insert.
ALTER TABLE employees ADD COLUMN title varchar(50);

INSERT INTO employees (name, email, department, salary, hire_date, created_at, title)
VALUES ('Katherine Johnson', 'katherine@example.com', 'Research', 91000.00, '2024-05-20', '2024-05-20 10:15:00', 'Mathematician');
