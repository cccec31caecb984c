CREATE SCHEMA shop;

CREATE TABLE shop.orders (
  id integer PRIMARY KEY,
  customer text NOT NULL,
  amount_cents integer NOT NULL
);

-- Trigger-based capture: every row change is copied into a changes table, in the same transaction.
CREATE TABLE shop.order_changes (
  change_id bigserial PRIMARY KEY,
  op text NOT NULL,
  order_id integer NOT NULL,
  old_row jsonb,
  new_row jsonb,
  txid bigint NOT NULL DEFAULT txid_current()
);

CREATE FUNCTION shop.audit_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO shop.order_changes (op, order_id, old_row, new_row)
  VALUES (TG_OP,
          CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END,
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
          CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
  RETURN NULL;
END
$$;

CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OR DELETE ON shop.orders
  FOR EACH ROW EXECUTE FUNCTION shop.audit_order();

INSERT INTO shop.orders VALUES (1, 'ada', 1200), (2, 'bob', 800);

SELECT change_id, op, order_id, new_row FROM shop.order_changes ORDER BY change_id;
