-- 0002_app_database_connect.sql — only DataMind's own role may log in to
-- the app database.
--
-- PostgreSQL grants CONNECT on every database to PUBLIC, so each
-- organization's uploads role (dm_u_…, made by DataMind for the uploads
-- database) could log in here and read the catalog: every table and column
-- name of the app. Revoking PUBLIC's CONNECT is the owner's to do: done here
-- when DataMind's role owns this database (the usual `createdb -O`); else a
-- notice says what to run. Another role that needs this database (a
-- monitoring or backup role that is not a superuser) then needs its own
-- GRANT CONNECT ON DATABASE. See README, "Database roles".
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_database
               WHERE datname = current_database()
                 AND datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)) THEN
        EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    ELSE
        RAISE NOTICE 'DataMind does not own database %: as its owner, run REVOKE CONNECT, TEMPORARY ON DATABASE % FROM PUBLIC',
            current_database(), quote_ident(current_database());
    END IF;
END
$$;
