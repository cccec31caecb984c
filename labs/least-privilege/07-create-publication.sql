-- As the tables' owner: the publication the connector will use, for the captured table only.
CREATE PUBLICATION lp_pub FOR TABLE orders;
