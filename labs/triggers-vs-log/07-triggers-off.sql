-- What pg_restore --disable-triggers and some replication tools do: ordinary triggers do not fire.
SET session_replication_role = replica;
INSERT INTO shop.orders VALUES (20, 'restored', 700);
RESET session_replication_role;
