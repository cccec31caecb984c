-- Look into the new slot without consuming it: does it hold order 4 ('pump') and order 5 ('lamp')?
SELECT bool_or(position(convert_to('pump', 'UTF8') IN data) > 0) AS holds_order_4,
       bool_or(position(convert_to('lamp', 'UTF8') IN data) > 0) AS holds_order_5
  FROM pg_logical_slot_peek_binary_changes('sf_slot', NULL, NULL,
         'proto_version', '1', 'publication_names', 'sf_pub');
