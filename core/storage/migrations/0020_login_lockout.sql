-- Version 20: repeated wrong passwords lock a login for a while (core/access AccessService).
-- failed_logins counts the wrong passwords since the last right one; when it reaches the limit
-- the login is locked until locked_until_ms (UTC epoch ms) and the count starts again.
ALTER TABLE operators ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE operators ADD COLUMN locked_until_ms BIGINT;
