GRANT CONNECT ON DATABASE lab_least_privilege TO cdc_reader;
