/* audit.c — the audit log: one writer used everywhere, and the admin's
 * filtered, paginated reader. */
#include "store/store.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void audit_record(arena_t *a, const char *org_id, const char *user_id, const char *action,
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

json_t *audit_list(arena_t *a, const char *org_id, const audit_filter_t *f, int *more,
                   char *err, size_t errlen)
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
        "SELECT to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS time,"
        " l.action, coalesce(u.email, '') AS user_email, coalesce(u.full_name, '') AS user_name,"
        " coalesce(l.resource_type, '') AS resource_type, coalesce(l.resource_id, '') AS resource_id,"
        " l.details::text AS details, coalesce(l.ip_address, '') AS ip"
        " FROM audit_log l LEFT JOIN users u ON u.id = l.user_id"
        " WHERE l.org_id = $1"
        " AND ($2::text IS NULL OR l.action = $2)"
        " AND ($3::uuid IS NULL OR l.user_id = $3::uuid)"
        " AND ($4::text IS NULL OR l.resource_type = $4)"
        " AND ($5::date IS NULL OR l.created_at >= $5::date)"
        " AND ($6::date IS NULL OR l.created_at < $6::date + 1)"
        " ORDER BY l.created_at DESC, l.id DESC LIMIT $7::int OFFSET $8::bigint",
        8, p, err, errlen);
    if (!res)
        return NULL;
    json_t *rows = db_rows_json(res);
    *more = (int)json_array_size(rows) > per;
    if (*more)
        json_array_remove(rows, json_array_size(rows) - 1);
    return rows;
}

json_t *audit_actions(arena_t *a, const char *org_id)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(a, "SELECT DISTINCT action FROM audit_log WHERE org_id = $1 ORDER BY 1",
                            1, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}
