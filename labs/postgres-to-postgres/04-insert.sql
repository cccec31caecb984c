INSERT INTO employees (name, email, department, salary, hire_date, created_at)
VALUES ('Grace Hopper', 'grace@example.com', 'Research', 82000.50, '2024-03-01', '2024-03-01 08:30:00');
