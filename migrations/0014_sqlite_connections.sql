-- 0014_sqlite_connections.sql — a connection may be a SQLite file (issue
-- 16, part 3): kind 'sqlite', with the file's path in database_name and no
-- host or port (0). The other engines' kinds are admitted here too, so
-- that this and the engine registry's own migration (0013) agree whichever
-- runs last; both are idempotent.
ALTER TABLE connections DROP CONSTRAINT IF EXISTS connections_kind_check;
ALTER TABLE connections ADD CONSTRAINT connections_kind_check
    CHECK (kind IN ('postgresql', 'uploads', 'mysql', 'sqlite', 'clickhouse'));
ALTER TABLE connections DROP CONSTRAINT IF EXISTS connections_port_check;
ALTER TABLE connections ADD CONSTRAINT connections_port_check
    CHECK (port BETWEEN 0 AND 65535);
