-- sqlsafe_hostile.sql — every query here must be REJECTED by sqlsafe_validate().
-- Entries are separated by lines holding only "-- ---". tests/unit/test_sqlsafe.c
-- loads this file (argv[1]) and fails on any entry that is accepted.
-- ---
DELETE FROM t
-- ---
SELECT 1; DROP TABLE t
-- ---
WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d
-- ---
WITH u AS (UPDATE t SET x = 1 RETURNING *) SELECT count(*) FROM u
-- ---
WITH i AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM i
-- ---
SELECT * FROM (WITH d AS (DELETE FROM t RETURNING id) SELECT id FROM d) s
-- ---
SELECT * INTO t2 FROM t
-- ---
SELECT * INTO TEMP t2 FROM t
-- ---
SELECT * FROM t FOR UPDATE
-- ---
SELECT * FROM t FOR SHARE
-- ---
SELECT * FROM t FOR NO KEY UPDATE
-- ---
SELECT * FROM t FOR KEY SHARE SKIP LOCKED
-- ---
SELECT * FROM (SELECT * FROM t FOR UPDATE) s
-- ---
WITH l AS (SELECT * FROM t FOR UPDATE NOWAIT) SELECT * FROM l
-- ---
SELECT x FROM t WHERE id IN (SELECT id FROM u FOR SHARE)
-- ---
SELECT pg_sleep(10)
-- ---
SELECT "PG_CATALOG"."pg_sleep"(1)
-- ---
SELECT pg_catalog.pg_sleep(1)
-- ---
SELECT "pg_catalog".pg_sleep(1)
-- ---
SELECT PG_CATALOG.PG_SLEEP(1)
-- ---
SELECT U&"\0070g_sleep"(1)
-- ---
SELECT U&"\0070g_catalog".U&"pg_\0073leep"(1)
-- ---
SELECT public.pg_sleep(1)
-- ---
SELECT pg_read_file('/etc/passwd')
-- ---
SELECT "pg_catalog".pg_read_file('/etc/passwd')
-- ---
SELECT pg_read_binary_file('/etc/passwd')
-- ---
SELECT * FROM pg_ls_dir('.')
-- ---
SELECT lo_import('/etc/passwd')
-- ---
SELECT lo_export(1234, '/tmp/x')
-- ---
SELECT lo_get(1234)
-- ---
SELECT set_config('x', 'y', false)
-- ---
SELECT current_setting('data_directory')
-- ---
SELECT query_to_xml('delete from t', true, true, '')
-- ---
SELECT query_to_xml_and_xmlschema('select 1', true, true, '')
-- ---
SELECT table_to_xml('t', true, true, '')
-- ---
SELECT cursor_to_xml('c', 1, true, true, '')
-- ---
SELECT database_to_xml(true, true, '')
-- ---
SELECT schema_to_xml('public', true, true, '')
-- ---
SELECT pg_advisory_lock(1)
-- ---
SELECT pg_try_advisory_xact_lock(1)
-- ---
SELECT pg_notify('ch', 'payload')
-- ---
SELECT nextval('orders_id_seq')
-- ---
SELECT setval('orders_id_seq', 1)
-- ---
SELECT txid_current()
-- ---
SELECT pg_current_xact_id()
-- ---
SELECT * FROM dblink('host=evil', 'select 1') AS x(a int)
-- ---
SELECT dblink_exec('host=evil', 'drop table t')
-- ---
SELECT pg_terminate_backend(123)
-- ---
SELECT pg_cancel_backend(123)
-- ---
SELECT pg_reload_conf()
-- ---
SELECT pg_stat_reset()
-- ---
SELECT query FROM pg_stat_activity
-- ---
SELECT * FROM pg_catalog.pg_authid
-- ---
TABLE pg_authid
-- ---
SELECT * FROM ONLY pg_class
-- ---
SELECT * FROM pg_shadow
-- ---
SELECT * FROM pg_user
-- ---
SELECT * FROM information_schema.tables
-- ---
SELECT * FROM "information_schema"."columns"
-- ---
SELECT * FROM pg_toast.pg_toast_1234
-- ---
SELECT * FROM public.pg_foo
-- ---
SELECT * FROM t JOIN pg_roles r ON true
-- ---
SELECT (SELECT rolpassword FROM pg_authid LIMIT 1)
-- ---
SELECT * FROM t WHERE EXISTS (SELECT 1 FROM pg_database)
-- ---
SELECT * FROM LATERAL (SELECT * FROM pg_settings) s
-- ---
SELECT 'pg_authid'::regclass::oid
-- ---
SELECT 1259::regclass
-- ---
SELECT CAST('pg_sleep' AS regproc)
-- ---
SELECT 'postgres'::regrole
-- ---
SELECT 'x'::pg_catalog.regnamespace
-- ---
SELECT to_regclass('pg_authid')
-- ---
SELECT has_table_privilege('t', 'select')
-- ---
SELECT a OPERATOR(public.+) b FROM t
-- ---
SELECT * FROM t ORDER BY a USING OPERATOR(public.<)
-- ---
SELECT 1 WHERE 1 OPERATOR(evil.=) ANY (SELECT 1)
-- ---
SELECT * FROM t TABLESAMPLE system_rows(10)
-- ---
SELECT x FROM t ORDER BY pg_sleep(1)
-- ---
SELECT x, count(*) FROM t GROUP BY x HAVING pg_sleep(1) IS NULL
-- ---
SELECT sum(x) FILTER (WHERE pg_sleep(1) IS NULL) FROM t
-- ---
SELECT row_number() OVER (ORDER BY pg_sleep(1)) FROM t
-- ---
SELECT * FROM t, LATERAL pg_sleep(1)
-- ---
SELECT * FROM (VALUES (pg_sleep(1))) v(x)
-- ---
SELECT * FROM ROWS FROM (pg_sleep(1)) AS s
-- ---
SELECT CASE WHEN true THEN pg_sleep(1) END
-- ---
SELECT coalesce(null, pg_sleep(1))
-- ---
SELECT greatest(1, (SELECT pg_sleep(1))::int)
-- ---
SELECT ARRAY[pg_sleep(1)]
-- ---
SELECT x FROM t WHERE x IN (pg_sleep(1))
-- ---
SELECT 1 LIMIT (SELECT pg_sleep(1))::int
-- ---
SELECT my_udf(1)
-- ---
SELECT public.lower('x')
-- ---
SELECT version2()
-- ---
SELECT 1; COMMIT; DELETE FROM t
-- ---
SET TRANSACTION READ WRITE; UPDATE t SET x = 1
-- ---
COPY (SELECT 1) TO PROGRAM 'id'
-- ---
COPY t FROM '/etc/passwd'
-- ---
EXPLAIN ANALYZE DELETE FROM t
-- ---
EXPLAIN SELECT 1
-- ---
SET ROLE postgres
-- ---
SET SESSION AUTHORIZATION postgres
-- ---
RESET ROLE
-- ---
BEGIN
-- ---
COMMIT
-- ---
ROLLBACK
-- ---
START TRANSACTION READ WRITE
-- ---
CALL do_things()
-- ---
DO $$ BEGIN PERFORM pg_sleep(1); END $$
-- ---
LISTEN ch
-- ---
NOTIFY ch, 'x'
-- ---
LOCK TABLE t IN ACCESS EXCLUSIVE MODE
-- ---
PREPARE p AS DELETE FROM t
-- ---
EXECUTE p
-- ---
DECLARE c CURSOR FOR SELECT 1
-- ---
VACUUM t
-- ---
CREATE TABLE t2 (a int)
-- ---
CREATE TABLE t2 AS SELECT 1
-- ---
ALTER SYSTEM SET fsync = off
-- ---
GRANT ALL ON t TO public
-- ---
TRUNCATE t
-- ---
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'
-- ---
LOAD 'evil.so'
-- ---
DISCARD ALL
-- ---
MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE
-- ---
INSERT INTO t SELECT * FROM u
-- ---
UPDATE t SET x = 1
-- ---
SELECT 1;
-- hidden after a comment
DROP TABLE t
-- ---
SELECT 1 /* ; */ ; DELETE FROM t
-- ---
SELECT $1
-- ---
SELECT * FROM t WHERE x = $1
-- ---
SELECT 1 /* never closed
-- ---
SELECT 'never closed
-- ---
SELEC 1
