-- On the target: the wide value of row 1, as each of the three pipelines wrote it.
SELECT p.big::text AS precise, s.big AS string, d.big::text AS double
FROM prices_precise p
JOIN prices_string s USING (id)
JOIN prices_double d USING (id)
WHERE id = 1;
