/* probe.c — "Test connection": who are we on this database, and could we
 * write to it?
 *
 * The read-only transaction is the boundary, but a role that cannot write
 * is the second wall, so the probe checks the privileges the way PostgreSQL
 * will (has_*_privilege, which follows role membership and PUBLIC) and hands
 * back a ready script for a read-only role. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "core/buf.h"
#include "engine/pg_internal.h"
#include "sqlsafe/sqlsafe.h"

#define READER_ROLE "datamind_reader"

static const char probe_sql[] =
    "SELECT current_setting('server_version'), current_user, r.rolsuper,"
    " r.rolsuper"
    "  OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    "             WHERE c.relkind IN ('r', 'p', 'v', 'f') AND " ENGINE_PG_USER_SCHEMA("n")
    "               AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'))"
    "  OR EXISTS (SELECT 1 FROM pg_namespace n WHERE " ENGINE_PG_USER_SCHEMA("n")
    "               AND has_schema_privilege(n.oid, 'CREATE'))"
    "  OR has_database_privilege(current_database(), 'CREATE'),"
    " (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    "   WHERE c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition"
    "     AND " ENGINE_PG_USER_SCHEMA("n") "),"
    " current_database()"
    " FROM pg_roles r WHERE r.rolname = current_user";

static const char schemas_sql[] =
    "SELECT n.nspname FROM pg_namespace n WHERE " ENGINE_PG_USER_SCHEMA("n") " ORDER BY 1";


/* Append pre, the quoted identifier of name, then post. */
static void put_ident(buf_t *b, const char *pre, const char *name, const char *post)
{
    buf_puts(b, pre);
    sqlsafe_quote_ident(b, name);
    buf_puts(b, post);
}

/* The script for a read-only role over the user schemas in r. */
static void script_build(const char *db, const PGresult *r, buf_t *b)
{
    const char *to = " TO " READER_ROLE ";\n";
    char pw[25];

    engine_password_make(pw);
    buf_puts(b, "-- A read-only role for DataMind; run as the database owner or a superuser.\n");
    buf_printf(b, "CREATE ROLE " READER_ROLE " LOGIN PASSWORD '%s';\n", pw);
    put_ident(b, "GRANT CONNECT ON DATABASE ", db, to);
    for (int i = 0; i < PQntuples(r); i++) {
        const char *s = PQgetvalue(r, i, 0);
        put_ident(b, "GRANT USAGE ON SCHEMA ", s, to);
        put_ident(b, "GRANT SELECT ON ALL TABLES IN SCHEMA ", s, to);
        put_ident(b, "ALTER DEFAULT PRIVILEGES IN SCHEMA ", s,
                  " GRANT SELECT ON TABLES TO " READER_ROLE ";\n");
    }
    buf_puts(b, "ALTER ROLE " READER_ROLE " SET default_transaction_read_only = on;\n");
}

int engine_pg_probe(PGconn *c, json_t **info, char *err, size_t errlen)
{
    PGresult *r = NULL, *s = NULL;
    buf_t script = {0};
    int rc = -1;

    *info = NULL;
    r = PQexec(c, probe_sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
        engine_pg_result_error(r, err, errlen, NULL);
        goto out;
    }
    s = PQexec(c, schemas_sql);
    if (PQresultStatus(s) != PGRES_TUPLES_OK) {
        engine_pg_result_error(s, err, errlen, NULL);
        goto out;
    }
    script_build(PQgetvalue(r, 0, 5), s, &script);
    *info = json_pack("{s:s, s:s, s:b, s:b, s:I, s:s}",
                      "server_version", PQgetvalue(r, 0, 0),
                      "current_user", PQgetvalue(r, 0, 1),
                      "can_write", PQgetvalue(r, 0, 3)[0] == 't',
                      "superuser", PQgetvalue(r, 0, 2)[0] == 't',
                      "table_count", (json_int_t)strtoll(PQgetvalue(r, 0, 4), NULL, 10),
                      "read_only_sql", buf_str(&script));
    if (!*info) {
        snprintf(err, errlen, "could not build the probe result");
        goto out;
    }
    rc = 0;
out:
    PQclear(r);
    PQclear(s);
    buf_free(&script);
    return rc;
}
