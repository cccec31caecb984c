GRANT SELECT ON orders TO cdc_reader;
