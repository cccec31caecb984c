ALTER TABLE shop.cdc_heartbeat ALTER COLUMN source SET DEFAULT 'cdc';
