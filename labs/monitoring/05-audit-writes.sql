-- A busy table the connector does not capture: about 5 MB of WAL.
INSERT INTO shop.audit_log (entry)
SELECT 'login from host ' || g || ' ' || repeat('x', 200)
  FROM generate_series(1, 20000) AS g;
