/* audit.c — the audit log: one writer used everywhere, and the admin's
 * filtered, paginated reader. */
#include "store/audit.h"
#include "store/db.h"
#include "store/store_row.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_audit_record(arena_t *a, const char *org_id, const char *user_id, const char *action,
                        const char *resource_type, const char *resource_id, json_t *details,
                        const char *ip)
{
    char err[512];
    if (!details)
        details = json_object();
    char *d = json_dumps(details, JSON_COMPACT);
    const char *p[7] = {org_id, user_id, action, resource_type, resource_id, d, ip};
    if (!db_exec(a,
                 "INSERT INTO audit_log (org_id, user_id, action, resource_type, resource_id,"
                 " details, ip_address) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)",
                 7, p, err, sizeof err))
        log_msg(LOG_ERROR, "audit record %s lost: %s", action, err);
    free(d);
    json_decref(details);
}

static const char *empty_null(const char *s)
{
    return s && *s ? s : NULL;
}

/* One entry's columns, in the order audit_from_result reads them. */
static const char *const audit_cols =
    "SELECT to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),"
    " l.action, CASE WHEN l.actor_erased THEN 'erased user' ELSE coalesce(u.email, '') END,"
    " CASE WHEN l.actor_erased THEN 'erased user' ELSE coalesce(u.full_name, '') END,"
    " coalesce(l.resource_type, ''), coalesce(l.resource_id, ''),"
    " l.details::text, coalesce(l.ip_address, '')"
    " FROM audit_log l LEFT JOIN users u ON u.id = l.user_id";

static void audit_from_result(arena_t *a, const PGresult *r, int i, store_audit_t *out)
{
    out->time = store_row_text(a, r, i, 0);
    out->action = store_row_text(a, r, i, 1);
    out->user_email = store_row_text(a, r, i, 2);
    out->user_name = store_row_text(a, r, i, 3);
    out->resource_type = store_row_text(a, r, i, 4);
    out->resource_id = store_row_text(a, r, i, 5);
    out->details = store_row_text(a, r, i, 6);
    out->ip = store_row_text(a, r, i, 7);
}

json_t *store_audit_json(const store_audit_t *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "time", store_json_text(e->time));
    json_object_set_new(o, "action", store_json_text(e->action));
    json_object_set_new(o, "user_email", store_json_text(e->user_email));
    json_object_set_new(o, "user_name", store_json_text(e->user_name));
    json_object_set_new(o, "resource_type", store_json_text(e->resource_type));
    json_object_set_new(o, "resource_id", store_json_text(e->resource_id));
    json_object_set_new(o, "details", store_json_text(e->details));
    json_object_set_new(o, "ip", store_json_text(e->ip));
    return o;
}

int store_audit_list(arena_t *a, const char *org_id, const store_audit_filter_t *f,
                     store_audit_t **rows, size_t *n, int *more, char *err, size_t errlen)
{
    int per = f->per_page > 0 ? f->per_page : 50;
    int page = f->page > 0 ? f->page : 1;
    char lim[16], off[24];
    snprintf(lim, sizeof lim, "%d", per + 1);
    snprintf(off, sizeof off, "%ld", (long)(page - 1) * per);
    const char *p[8] = {org_id,        empty_null(f->action), empty_null(f->user_id),
                        empty_null(f->resource_type), empty_null(f->from), empty_null(f->to),
                        lim,           off};
    PGresult *res = db_exec(
        a,
        arena_printf(a,
                     "%s WHERE l.org_id = $1"
                     " AND ($2::text IS NULL OR l.action = $2)"
                     " AND ($3::uuid IS NULL OR l.user_id = $3::uuid)"
                     " AND ($4::text IS NULL OR l.resource_type = $4)"
                     " AND ($5::date IS NULL OR l.created_at >= $5::date)"
                     " AND ($6::date IS NULL OR l.created_at < $6::date + 1)"
                     " ORDER BY l.created_at DESC, l.id DESC LIMIT $7::int OFFSET $8::bigint",
                     audit_cols),
        8, p, err, errlen);
    *n = 0;
    *more = 0;
    *rows = NULL;
    if (!res)
        return -1;
    *n = (size_t)PQntuples(res);
    *more = *n > (size_t)per;
    if (*more)
        *n = (size_t)per;
    *rows = arena_alloc(a, (*n ? *n : 1) * sizeof **rows);
    for (size_t i = 0; i < *n; i++)
        audit_from_result(a, res, (int)i, &(*rows)[i]);
    return 0;
}

const char **store_audit_actions(arena_t *a, const char *org_id, size_t *n)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(a, "SELECT DISTINCT action FROM audit_log WHERE org_id = $1 ORDER BY 1",
                            1, p, err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    const char **out = arena_alloc(a, (*n ? *n : 1) * sizeof *out);
    for (size_t i = 0; i < *n; i++)
        out[i] = store_row_text(a, res, (int)i, 0);
    return out;
}
