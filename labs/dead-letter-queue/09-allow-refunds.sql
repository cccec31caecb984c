-- On the target: the owner decides refunds are valid payments.
ALTER TABLE payments DROP CONSTRAINT payments_amount_check;
