-- A table of its own for the measurement, with the same kind of trigger, so the captured table stays small.
CREATE TABLE shop.bench (id bigserial PRIMARY KEY, customer text NOT NULL, amount_cents integer NOT NULL);
CREATE TABLE shop.bench_changes (change_id bigserial PRIMARY KEY, op text NOT NULL, new_row jsonb, txid bigint NOT NULL DEFAULT txid_current());

CREATE FUNCTION shop.audit_bench() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO shop.bench_changes (op, new_row) VALUES (TG_OP, to_jsonb(NEW));
  RETURN NULL;
END
$$;
CREATE TRIGGER bench_audit AFTER INSERT ON shop.bench FOR EACH ROW EXECUTE FUNCTION shop.audit_bench();

-- The transaction the runner repeats for two seconds, first with the trigger disabled, then enabled
-- (pgbench -f would run the same): one row per transaction, each committed on its own.
INSERT INTO shop.bench (customer, amount_cents) VALUES ('bench', 100);
