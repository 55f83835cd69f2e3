/* db.c — the uploads database and each organization's corner of it. */
#include "uploads/uploads_internal.h"
#include "auth/auth.h"
#include "core/config.h"
#include "core/log.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UPLOADS_DB "datamind_uploads"
#define UPLOADS_GROUP "dm_uploads" /* NOLOGIN: holds every organization's role */

/* The uploads database's conninfo: DATAMIND_UPLOADS_URL, or the app
 * database's with the database name replaced (later keywords win). */
static PGconn *connect_db(const char *dbname)
{
    if (*cfg->uploads_url) {
        const char *k[] = {"dbname", "application_name", NULL};
        const char *v[] = {cfg->uploads_url, "datamind", NULL};
        return PQconnectdbParams(k, v, 1);
    }
    const char *k[] = {"dbname", "dbname", "application_name", NULL};
    const char *v[] = {cfg->database_url, dbname, "datamind", NULL};
    return PQconnectdbParams(k, v, 1);
}

PGconn *uploads_db_connect(char *err, size_t errlen)
{
    PGconn *c = connect_db(UPLOADS_DB);
    if (PQstatus(c) != CONNECTION_OK) {
        snprintf(err, errlen, "the uploads database is unreachable: %s", PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    PQsetNoticeProcessor(c, uploads_quiet, NULL);
    return c;
}

void uploads_quiet(void *arg, const char *msg)
{
    (void)arg, (void)msg;
}

/* Only the organizations' roles (each granted CONNECT by name) and the
 * owner log in to the uploads database: PUBLIC's default CONNECT goes, when
 * DataMind owns it (it does when it created it). */
static void uploads_db_restrict(PGconn *app)
{
    const char *p[1] = {UPLOADS_DB};
    PGresult *r = PQexecParams(app, "SELECT 1 FROM pg_database WHERE datname = $1"
                               " AND datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)",
                               1, NULL, p, NULL, NULL, 0);
    int owner = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    if (!owner)
        return;
    r = PQexec(app, "REVOKE CONNECT, TEMPORARY ON DATABASE " UPLOADS_DB " FROM PUBLIC");
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        log_msg(LOG_WARN, "uploads database: could not revoke CONNECT from PUBLIC: %s",
                PQresultErrorMessage(r));
    PQclear(r);
}

int uploads_db_ensure(char *err, size_t errlen)
{
    if (*cfg->uploads_url)
        return 0; /* an explicit database: its admin created it */
    PGconn *app = db_conn();
    if (!app) {
        snprintf(err, errlen, "cannot connect to the app database");
        return -1;
    }
    const char *p[1] = {UPLOADS_DB};
    PGresult *r = PQexecParams(app, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL, p,
                               NULL, NULL, 0);
    int exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    if (!exists) {
        r = PQexec(app, "CREATE DATABASE " UPLOADS_DB); /* a constant: nothing pasted */
        int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok)
            snprintf(err, errlen, "cannot create the uploads database (grant CREATEDB or set "
                                  "DATAMIND_UPLOADS_URL): %s", PQresultErrorMessage(r));
        PQclear(r);
        if (!ok)
            return -1;
    }
    uploads_db_restrict(app);
    return 0;
}

const char *uploads_spool_dir(arena_t *a)
{
    return arena_printf(a, "%s/datamind-uploads", cfg->tmpdir);
}

/* org_<hex> and dm_u_<hex>: derived from the org id, never from input. */
void uploads_names(arena_t *a, const char *org_id, const char **schema, const char **role)
{
    char hex[40] = "";
    size_t n = 0;
    for (const char *p = org_id; *p && n < 32; p++)
        if (*p != '-')
            hex[n++] = *p;
    hex[n] = '\0';
    *schema = arena_printf(a, "org_%s", hex);
    *role = arena_printf(a, "dm_u_%s", hex);
}

/* Run one statement built with quoted identifiers; 0 / -1 + err. */
int uploads_exec(PGconn *c, const char *sql, char *err, size_t errlen)
{
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        snprintf(err, errlen, "%s", PQresultErrorMessage(r));
    PQclear(r);
    return ok ? 0 : -1;
}

static char *literal(arena_t *a, PGconn *c, const char *s)
{
    char *q = PQescapeLiteral(c, s, strlen(s));
    char *out = arena_strdup(a, q ? q : "''");
    PQfreemem(q);
    return out;
}

/* The org's schema and read-only role, inside the caller's transaction.
 * With new_password, the role gets a fresh password, returned in
 * *password (for the org's "Uploads" connection); else *password = NULL. */
int uploads_org_schema(arena_t *a, PGconn *c, const char *org_id, int new_password,
                       const char **password, char *err, size_t errlen)
{
    const char *schema, *role;
    uploads_names(a, org_id, &schema, &role);
    const char *qs = sqlsafe_ident(a, schema), *qr = sqlsafe_ident(a, role);
    const char *p[1] = {role};
    PGresult *r = PQexecParams(c, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, NULL, p, NULL, NULL, 0);
    int has_role = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    *password = NULL;
    if (!has_role || new_password) {
        char pw[48];
        auth_random_token(pw, sizeof pw, 24);
        *password = arena_strdup(a, pw);
        const char *sql = has_role ? arena_printf(a, "ALTER ROLE %s PASSWORD %s", qr, literal(a, c, pw))
                                   : arena_printf(a, "CREATE ROLE %s LOGIN PASSWORD %s", qr, literal(a, c, pw));
        if (uploads_exec(c, sql, err, errlen) < 0 ||
            uploads_exec(c, arena_printf(a, "ALTER ROLE %s SET default_transaction_read_only = on",
                                         qr), err, errlen) < 0)
            return -1;
    }
    const char *db = PQdb(c);
    const char *steps[] = {
        arena_printf(a, "CREATE SCHEMA IF NOT EXISTS %s", qs),
        arena_printf(a, "REVOKE ALL ON SCHEMA %s FROM PUBLIC", qs),
        arena_printf(a, "GRANT CONNECT ON DATABASE %s TO %s", sqlsafe_ident(a, db), qr),
        /* every org role is in UPLOADS_GROUP: one pg_hba.conf line keeps
         * them all out of every other database (README, "Database roles") */
        "DO $$ BEGIN CREATE ROLE " UPLOADS_GROUP " NOLOGIN;"
        " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
        arena_printf(a, "GRANT " UPLOADS_GROUP " TO %s", qr),
        arena_printf(a, "GRANT USAGE ON SCHEMA %s TO %s", qs, qr),
        arena_printf(a, "GRANT SELECT ON ALL TABLES IN SCHEMA %s TO %s", qs, qr),
        arena_printf(a, "ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT SELECT ON TABLES TO %s", qs, qr),
        /* the org's tables by their bare names, as the Uploads page shows
         * them (SELECT * FROM sales, not org_….sales); set at every upload,
         * so an organization that uploaded before gets it with its next */
        arena_printf(a, "ALTER ROLE %s SET search_path = %s", qr, qs),
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (uploads_exec(c, steps[i], err, errlen) < 0)
            return -1;
    return 0;
}

/* Host and port the org role connects to: the uploads database's, over
 * TCP (a socket directory becomes 127.0.0.1 on the same port). */
void uploads_target(PGconn *c, const char **host, int *port)
{
    const char *h = PQhost(c);
    *host = h && *h && h[0] != '/' ? h : "127.0.0.1";
    *port = atoi(PQport(c) ? PQport(c) : "5432");
    if (*port <= 0)
        *port = 5432;
}
