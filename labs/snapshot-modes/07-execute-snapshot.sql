INSERT INTO store.debezium_signal (id, type, data)
VALUES ('resnapshot-items-1', 'execute-snapshot',
        '{"data-collections": ["store.order_items"], "type": "incremental"}');
