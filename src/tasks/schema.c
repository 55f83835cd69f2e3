/* schema.c — schema.refresh: read a connection's schema again; every
 * connection every 6 hours, and on demand (a connection saved, "Refresh
 * schema"): each try's end is its outcome, for the page that waits. */
#include "tasks/tasks_internal.h"
#include "query/query.h"
#include "store/connections.h"

#include <stdio.h>

int task_schema_refresh(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *id = json_string_value(json_object_get(args, "conn_id"));
    const char *jid = json_string_value(json_object_get(job, "id"));
    store_conn_t c;
    int n;
    if (!org || !id || store_conn_get(a, org, id, &c) < 0)
        return 0; /* deleted meanwhile */
    int rc = query_discover(a, org, &c, &n, err, errlen);
    /* for a page that waits on it (a connection just saved): each try's end */
    json_t *o = rc == 0 ? json_pack("{s:b, s:i}", "ok", 1, "tables", n)
                        : json_pack("{s:b, s:s}", "ok", 0, "error", err);
    if (o && jid)
        jobs_outcome_put(a, jid, o);
    json_decref(o);
    if (rc < 0)
        return -1; /* retried: the database may be back later */
    jobs_progress(a, jid, "done", 100, arena_printf(a, "%d tables", n));
    return 0;
}

int tasks_enqueue_schema_refresh(arena_t *a, const char *org_id, const char *conn_id,
                                 char *job_id, char *err, size_t errlen)
{
    return jobs_enqueue(a, "default", "schema.refresh",
                        json_pack("{s:s, s:s}", "org_id", org_id, "conn_id", conn_id), 3, NULL,
                        job_id, err, errlen) < 0 ? -1 : 0;
}

int periodic_schema_refresh(arena_t *a, long slot, char *err, size_t errlen)
{
    size_t n;
    store_conn_ref_t *all = store_conn_all(a, &n);
    for (size_t i = 0; i < n; i++)
        tasks_enqueue_one(a, all[i].org_id, all[i].id, "schema.refresh", "conn_id", 3, slot, err,
                          errlen);
    return 0;
}
