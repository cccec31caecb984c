-- DuckDB, over the sink's objects: the values each mode's Parquet holds, as text.
SELECT * FROM (
  SELECT 'precise' AS mode, id, price::VARCHAR AS price, big::VARCHAR AS big,
         ratio.scale::VARCHAR || ' / 0x' || hex(ratio.value) AS ratio
  FROM 'lake/dec_precise.public.prices/*/*.parquet'
  UNION ALL
  SELECT 'string', id, price, big, ratio FROM 'lake/dec_string.public.prices/*/*.parquet'
  UNION ALL
  SELECT 'double', id, price::VARCHAR, big::VARCHAR, ratio::VARCHAR FROM 'lake/dec_double.public.prices/*/*.parquet'
)
ORDER BY list_position(['precise', 'string', 'double'], mode), id;
