-- 0013_connection_engines.sql — a connection names its engine (issue 16):
-- kind is the engine of a user's database (postgresql, mysql, sqlite,
-- clickhouse) or DataMind's own uploads database. engine_for_kind
-- (src/engine/engine.c) maps it; a kind whose engine a build lacks is
-- refused in words when used, never at this level. A SQLite connection has
-- no host and no port: its file's path is database_name, port 0.
ALTER TABLE connections DROP CONSTRAINT connections_kind_check;
ALTER TABLE connections ADD CONSTRAINT connections_kind_check
    CHECK (kind IN ('postgresql', 'mysql', 'sqlite', 'clickhouse', 'uploads'));
ALTER TABLE connections DROP CONSTRAINT connections_port_check;
ALTER TABLE connections ADD CONSTRAINT connections_port_check
    CHECK (port BETWEEN 1 AND 65535 OR (kind = 'sqlite' AND port = 0));
