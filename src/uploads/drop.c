/* drop.c — an organization's corner of the uploads database removed, when
 * the organization is deleted: its schema (every uploaded table) and its
 * read-only role (with the CONNECT it was granted by name). */
#include "uploads/uploads_internal.h"

#include <stdio.h>

static int role_exists(PGconn *c, const char *role)
{
    const char *p[1] = {role};
    PGresult *r = PQexecParams(c, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, NULL, p, NULL,
                               NULL, 0);
    int yes = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    return yes;
}

int uploads_org_drop(arena_t *a, const char *org_id, char *err, size_t errlen)
{
    PGconn *c = uploads_db_connect(err, errlen);
    if (!c)
        return -1;
    const char *schema, *role;
    uploads_names(a, org_id, &schema, &role);
    const char *qs = sqlsafe_ident(a, schema), *qr = sqlsafe_ident(a, role);
    int has_role = role_exists(c, role);
    /* in one transaction: a failure leaves schema and role as they were */
    int rc = uploads_exec(c, "BEGIN", err, errlen);
    if (rc == 0)
        rc = uploads_exec(c, arena_printf(a, "DROP SCHEMA IF EXISTS %s CASCADE", qs), err, errlen);
    if (rc == 0 && has_role) /* its privileges here and on the database itself */
        rc = uploads_exec(c, arena_printf(a, "DROP OWNED BY %s", qr), err, errlen);
    if (rc == 0 && has_role)
        rc = uploads_exec(c, arena_printf(a, "DROP ROLE %s", qr), err, errlen);
    if (rc == 0)
        rc = uploads_exec(c, "COMMIT", err, errlen);
    else
        uploads_exec(c, "ROLLBACK", (char[8]){0}, 8);
    PQfinish(c);
    return rc;
}
