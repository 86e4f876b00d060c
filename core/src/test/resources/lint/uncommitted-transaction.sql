-- case: BEGIN without COMMIT
-- migrate:up transaction:false
BEGIN; -- expect: hoist:uncommitted-transaction
UPDATE orders SET note = '' WHERE id = 1;

-- case: the second transaction is never committed
-- migrate:up transaction:false
BEGIN;
UPDATE orders SET note = '' WHERE id = 1;
COMMIT;
START TRANSACTION; -- expect: hoist:uncommitted-transaction
UPDATE orders SET note = 'x' WHERE id = 2;

-- case: committed
-- migrate:up transaction:false
BEGIN;
UPDATE orders SET note = '' WHERE id = 1;
COMMIT;

-- case: rolled back explicitly, and END
-- migrate:up transaction:false
BEGIN;
UPDATE orders SET note = '' WHERE id = 1;
ROLLBACK;
BEGIN;
UPDATE orders SET note = '' WHERE id = 1;
END;
