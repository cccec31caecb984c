-- DuckDB, over the sink's objects: the Parquet type of each numeric column, per mode.
SELECT regexp_extract(file_name, 'lake/dec_([a-z]+)\.', 1) AS mode,
       name, type, converted_type, precision, scale, num_children
FROM parquet_schema('lake/*/*/*.parquet')
WHERE name IN ('price', 'big', 'ratio', 'scale', 'value')
ORDER BY list_position(['precise', 'string', 'double'], mode),
         list_position(['price', 'big', 'ratio', 'scale', 'value'], name);
