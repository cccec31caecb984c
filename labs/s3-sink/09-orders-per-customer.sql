-- DuckDB over the lake's Parquet objects. The lake keeps every change, so first take each
-- order's latest row (highest __lsn), drop the deleted ones, then count per customer.
WITH latest AS (
  SELECT id,
         arg_max(customer,  __lsn) AS customer,
         arg_max(__deleted, __lsn) AS deleted
  FROM read_parquet('lake/lake.store.orders/*/*.parquet', hive_partitioning = false)
  GROUP BY id
)
SELECT customer, count(*) AS orders
FROM latest
WHERE deleted = 'false'
GROUP BY customer
ORDER BY customer;
