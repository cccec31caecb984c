-- The source table of the PostgreSQL-to-PostgreSQL example, with a first row.
CREATE TABLE employees (
  emp_id serial PRIMARY KEY,
  name varchar(100) NOT NULL,
  email varchar(100),
  department varchar(50),
  salary numeric(10, 2),
  hire_date date,
  created_at timestamp DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO employees (name, email, department, salary, hire_date, created_at)
VALUES ('Ada Lovelace', 'ada@example.com', 'Engineering', 75000.00, '2024-01-15', '2024-01-15 09:00:00');
