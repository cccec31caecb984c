INSERT INTO shop.debezium_signal (id, type, data)
VALUES ('refill-orders-1', 'execute-snapshot', '{"data-collections": ["shop.orders"], "type": "incremental"}');
