-- case: DISABLE TRIGGER ALL
ALTER TABLE orders DISABLE TRIGGER ALL; -- expect: hoist:disable-trigger

-- case: a named trigger
ALTER TABLE orders DISABLE TRIGGER orders_touch; -- expect: hoist:disable-trigger

-- case: USER
ALTER TABLE orders DISABLE TRIGGER USER; -- expect: hoist:disable-trigger

-- case: the safe rewrite: only this transaction's own writes skip triggers
SET LOCAL session_replication_role = replica;
UPDATE orders SET total = total WHERE id = 1;

-- case: enabling a trigger
ALTER TABLE orders ENABLE TRIGGER orders_touch;
