/* history.c — query history: see history.h. */
#include "store/history.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_history_record(arena_t *a, const store_run_new_t *r, char *err, size_t errlen)
{
    const char *rows = r->rows >= 0 ? arena_printf(a, "%lld", r->rows) : NULL;
    const char *er = r->est.known ? arena_printf(a, "%.17g", r->est.rows) : NULL;
    const char *ec = r->est.known ? arena_printf(a, "%.17g", r->est.cost) : NULL;
    const char *p[15] = {r->org_id, r->user_id,
                         r->connection_id && db_is_uuid(r->connection_id) ? r->connection_id : NULL,
                         r->job_id, r->sql, r->params, r->status, r->error,
                         arena_printf(a, "%lld", r->started_ms),
                         arena_printf(a, "%ld", r->duration_ms), rows, r->cached ? "true" : "false",
                         er, ec, r->est.known ? r->est.seq_scans : NULL};
    return db_exec(a,
                   "INSERT INTO query_runs (org_id, user_id, connection_id, connection_name, job_id,"
                   " sql_text, params, status, error, started_at, duration_ms, row_count, cached,"
                   " est_rows, est_cost, est_seq_scans)"
                   " SELECT $1, $2, c.id, coalesce(c.name, ''), $4, $5, coalesce($6::jsonb, '[]'),"
                   " $7, $8, to_timestamp($9::bigint / 1000.0), $10::integer, $11::bigint,"
                   " $12::boolean, $13::float8, $14::float8, $15::jsonb"
                   " FROM (SELECT 1) one"
                   " LEFT JOIN connections c ON c.org_id = $1 AND c.id = $3::uuid"
                   " ON CONFLICT (job_id) DO NOTHING",
                   15, p, err, errlen)
               ? 0 : -1;
}

/* One run's columns, in the order run_from_result reads them ($1 the org,
 * $2 the user). */
#define RUN_COLS                                                                            \
    "SELECT r.id, r.connection_id, r.connection_name, r.sql_text, r.params::text, r.status," \
    " r.error, to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),"          \
    " r.duration_ms, r.row_count, r.cached, r.est_rows, r.est_cost, r.est_seq_scans::text"  \
    " FROM query_runs r WHERE r.org_id = $1 AND r.user_id = $2"

static void run_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_run_t *r = out;
    int has;
    r->id = store_row_text(a, res, i, 0);
    r->connection_id = store_row_opt(a, res, i, 1);
    r->connection = store_row_text(a, res, i, 2);
    r->sql = store_row_text(a, res, i, 3);
    r->params = store_row_text(a, res, i, 4);
    r->status = store_row_text(a, res, i, 5);
    r->error = store_row_opt(a, res, i, 6);
    r->started = store_row_text(a, res, i, 7);
    r->duration_ms = (long)store_row_ll(res, i, 8, &has);
    r->rows = store_row_ll(res, i, 9, &has);
    if (!has)
        r->rows = -1;
    r->cached = store_row_bool(res, i, 10);
    r->est.rows = store_row_double(res, i, 11, &has);
    r->est.known = has;
    r->est.cost = store_row_double(res, i, 12, &has);
    r->est.seq_scans = store_row_opt(a, res, i, 13);
}

int store_history_list(arena_t *a, const char *org_id, const char *user_id, const char *search,
                       int page, int per_page, store_run_t **rows, size_t *n, int *more)
{
    page = page < 1 ? 1 : page;
    const char *p[5] = {org_id, user_id, search && *search ? search : NULL,
                        arena_printf(a, "%d", per_page + 1),
                        arena_printf(a, "%ld", (long)(page - 1) * per_page)};
    *more = 0;
    *rows = store_rows_fetch(a,
                             RUN_COLS " AND ($3::text IS NULL OR strpos(lower(r.sql_text), lower($3)) > 0)"
                                      " ORDER BY r.started_at DESC, r.id LIMIT $4::integer"
                                      " OFFSET $5::bigint",
                             5, p, sizeof **rows, run_from_result, n);
    if (!*rows)
        return -1;
    if (*n > (size_t)per_page) {
        *n = (size_t)per_page;
        *more = 1;
    }
    return 0;
}

int store_history_get(arena_t *a, const char *org_id, const char *user_id, const char *id,
                      store_run_t *out)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    return store_row_fetch(a, RUN_COLS " AND r.id = $3", 3, p, run_from_result, out);
}

static json_t *estimate_json(const store_run_estimate_t *e)
{
    if (!e->known)
        return json_null();
    json_t *scans = e->seq_scans ? json_loads(e->seq_scans, 0, NULL) : NULL;
    return json_pack("{s:f, s:f, s:o}", "rows", e->rows, "cost", e->cost, "seq_scans",
                     json_is_array(scans) ? scans : (json_decref(scans), json_array()));
}

json_t *store_history_json(const store_run_t *r)
{
    json_t *params = json_loads(r->params, 0, NULL);
    json_t *o = json_pack("{s:s, s:o, s:s, s:s, s:s, s:o, s:s, s:I, s:b}", "id", r->id,
                          "connection_id", store_json_text(r->connection_id), "connection",
                          r->connection, "sql", r->sql, "status", r->status, "error",
                          store_json_text(r->error), "started", r->started, "duration_ms",
                          (json_int_t)r->duration_ms, "cached", r->cached);
    json_object_set_new(o, "rows", r->rows >= 0 ? json_integer(r->rows) : json_null());
    json_object_set_new(o, "params", json_is_array(params) ? params
                                                            : (json_decref(params), json_array()));
    json_object_set_new(o, "estimate", estimate_json(&r->est));
    return o;
}

long store_history_purge(arena_t *a, int days, int batch)
{
    char err[256];
    const char *p[2] = {arena_printf(a, "%d", days), arena_printf(a, "%d", batch)};
    PGresult *res = db_exec(a,
                            "DELETE FROM query_runs WHERE id IN (SELECT id FROM query_runs"
                            " WHERE started_at < now() - make_interval(days => $1::integer)"
                            " ORDER BY started_at LIMIT $2::integer)",
                            2, p, err, sizeof err);
    return res ? strtol(PQcmdTuples(res), NULL, 10) : -1;
}
