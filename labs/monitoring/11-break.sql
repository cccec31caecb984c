-- A migration adds a mandatory column; the heartbeat query does not set it.
ALTER TABLE shop.cdc_heartbeat ADD COLUMN source text NOT NULL DEFAULT 'app';
ALTER TABLE shop.cdc_heartbeat ALTER COLUMN source DROP DEFAULT;
