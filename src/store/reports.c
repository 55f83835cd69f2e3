/* reports.c — scheduled reports and their deliveries. */
#include "store/reports.h"
#include "core/buf.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UTC(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')"
#define REPORT_COLS                                                                          \
    "s.id, s.org_id, s.created_by_id, coalesce(u.full_name, ''), s.dashboard_id, s.query_id," \
    " coalesce(d.title, q.name, ''), array_to_json(s.recipients)::text, s.frequency,"        \
    " coalesce(s.weekday, -1), s.hour, " UTC("s.next_run_at") ", " UTC("s.last_sent_at") ","  \
    " s.last_error, " UTC("s.last_error_at")                                                  \
    " FROM report_schedules s LEFT JOIN users u ON u.id = s.created_by_id"                    \
    " LEFT JOIN dashboards d ON d.id = s.dashboard_id"                                        \
    " LEFT JOIN saved_queries q ON q.id = s.query_id"

static void row_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_report_t *s = out;
    s->id = store_row_text(a, res, i, 0);
    s->org_id = store_row_text(a, res, i, 1);
    s->created_by_id = store_row_opt(a, res, i, 2);
    s->creator = store_row_text(a, res, i, 3);
    s->dashboard_id = store_row_opt(a, res, i, 4);
    s->query_id = store_row_opt(a, res, i, 5);
    s->target = store_row_text(a, res, i, 6);
    s->rcpt = store_row_names(a, PQgetvalue(res, i, 7), &s->n_rcpt);
    s->frequency = store_row_text(a, res, i, 8);
    s->weekday = atoi(PQgetvalue(res, i, 9));
    s->hour = atoi(PQgetvalue(res, i, 10));
    s->next_run = store_row_text(a, res, i, 11);
    s->last_sent = store_row_opt(a, res, i, 12);
    s->last_error = store_row_opt(a, res, i, 13);
    s->last_error_at = store_row_opt(a, res, i, 14);
}

/* A text[] literal of the addresses (they were validated: no quotes,
 * commas, braces or backslashes can be in them, but quote anyway). */
static const char *text_array(arena_t *a, const char *const *v, size_t n)
{
    buf_t b = {0};
    buf_putc(&b, '{');
    for (size_t i = 0; i < n; i++) {
        buf_puts(&b, i ? ",\"" : "\"");
        for (const char *p = v[i]; *p; p++) {
            if (*p == '"' || *p == '\\')
                buf_putc(&b, '\\');
            buf_putc(&b, *p);
        }
        buf_putc(&b, '"');
    }
    buf_putc(&b, '}');
    const char *s = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return s;
}

int store_report_create(arena_t *a, const char *org_id, const char *user_id,
                        const store_report_new_t *n, char **id)
{
    char err[256], wd[16], hr[16];
    snprintf(wd, sizeof wd, "%d", n->weekday);
    snprintf(hr, sizeof hr, "%d", n->hour);
    int weekly = strcmp(n->frequency, "weekly") == 0;
    const char *p[8] = {org_id, user_id, n->dashboard_id, n->query_id,
                        text_array(a, n->rcpt, n->n_rcpt), n->frequency, weekly ? wd : NULL, hr};
    PGresult *res = db_exec(a,
        "INSERT INTO report_schedules (org_id, created_by_id, dashboard_id, query_id, recipients,"
        " frequency, weekday, hour, next_run_at)"
        " SELECT $1, $2, $3::uuid, $4::uuid, $5::text[], $6, $7::int, $8::int,"
        "  report_next_run($6, $7::int, $8::int, now())"
        " WHERE EXISTS (SELECT 1 FROM dashboards WHERE org_id = $1 AND id = $3::uuid)"
        "  OR EXISTS (SELECT 1 FROM saved_queries WHERE org_id = $1 AND id = $4::uuid)"
        " RETURNING id",
        8, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

int store_report_list(arena_t *a, const char *org_id, const char *dashboard_id,
                      const char *query_id, store_report_t **rows, size_t *n)
{
    const char *p[3] = {org_id, dashboard_id, query_id};
    *rows = store_rows_fetch(a,
                             "SELECT " REPORT_COLS " WHERE s.org_id = $1"
                             " AND (s.dashboard_id = $2::uuid OR s.query_id = $3::uuid)"
                             " ORDER BY s.created_at LIMIT 100",
                             3, p, sizeof **rows, row_from_result, n);
    return *rows ? 0 : -1;
}

int store_report_get(arena_t *a, const char *org_id, const char *id, store_report_t *out)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    return store_row_fetch(a, "SELECT " REPORT_COLS " WHERE s.org_id = $1 AND s.id = $2", 2, p,
                           row_from_result, out);
}

int store_report_delete(arena_t *a, const char *org_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a, "DELETE FROM report_schedules WHERE org_id = $1 AND id = $2", 2, p,
                            err, sizeof err);
    return res && strcmp(PQcmdTuples(res), "1") == 0 ? 0 : -1;
}

static void due_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_report_due_t *d = out;
    d->id = store_row_text(a, res, i, 0);
    d->org_id = store_row_text(a, res, i, 1);
    d->slot = strtoll(PQgetvalue(res, i, 2), NULL, 10);
}

int store_report_due(arena_t *a, store_report_due_t **rows, size_t *n)
{
    *rows = store_rows_fetch(a,
                             "SELECT id, org_id, floor(extract(epoch FROM next_run_at) / 60)::bigint"
                             " FROM report_schedules WHERE next_run_at <= now()"
                             " ORDER BY next_run_at LIMIT 500",
                             0, NULL, sizeof **rows, due_from_result, n);
    return *rows ? 0 : -1;
}

int store_report_advance(arena_t *a, const char *org_id, const char *id, long long slot)
{
    char err[256], s[32];
    snprintf(s, sizeof s, "%lld", slot);
    const char *p[3] = {org_id, id, s};
    return db_exec(a,
                   "UPDATE report_schedules SET next_run_at ="
                   " report_next_run(frequency, weekday, hour, greatest(now(), next_run_at))"
                   " WHERE org_id = $1 AND id = $2"
                   " AND floor(extract(epoch FROM next_run_at) / 60)::bigint = $3::bigint",
                   3, p, err, sizeof err) ? 0 : -1;
}

int store_report_begin(arena_t *a, const char *org_id, const char *id, long long slot)
{
    char err[256], s[32];
    snprintf(s, sizeof s, "%lld", slot);
    const char *p[3] = {org_id, id, s};
    PGresult *res = db_exec(a,
                            "INSERT INTO report_deliveries (org_id, schedule_id, slot, attempts)"
                            " SELECT org_id, id, $3::bigint, 1 FROM report_schedules"
                            "  WHERE org_id = $1 AND id = $2"
                            " ON CONFLICT (schedule_id, slot) DO UPDATE"
                            "  SET attempts = report_deliveries.attempts + 1"
                            " RETURNING sent_at IS NOT NULL",
                            3, p, err, sizeof err);
    if (!res)
        return -1;
    /* no row: the schedule was deleted meanwhile; nothing to send */
    return PQntuples(res) != 1 || store_row_bool(res, 0, 0) ? 1 : 0;
}

int store_report_sent(arena_t *a, const char *org_id, const char *id, long long slot)
{
    char err[256], s[32];
    snprintf(s, sizeof s, "%lld", slot);
    const char *p[3] = {org_id, id, s};
    return db_exec(a,
                   "WITH d AS (UPDATE report_deliveries SET sent_at = now(), error = NULL"
                   "  WHERE org_id = $1 AND schedule_id = $2 AND slot = $3::bigint RETURNING 1)"
                   " UPDATE report_schedules SET last_sent_at = now(), last_error = NULL,"
                   "  last_error_at = NULL WHERE org_id = $1 AND id = $2",
                   3, p, err, sizeof err) ? 0 : -1;
}

int store_report_failed(arena_t *a, const char *org_id, const char *id, long long slot,
                        const char *error)
{
    char err[256], s[32];
    snprintf(s, sizeof s, "%lld", slot);
    const char *p[4] = {org_id, id, s, error};
    return db_exec(a,
                   "WITH d AS (UPDATE report_deliveries SET error = left($4, 1000)"
                   "  WHERE org_id = $1 AND schedule_id = $2 AND slot = $3::bigint RETURNING 1)"
                   " UPDATE report_schedules SET last_error = left($4, 1000), last_error_at = now()"
                   " WHERE org_id = $1 AND id = $2",
                   4, p, err, sizeof err) ? 0 : -1;
}

static const char *const weekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                       "Thursday", "Friday", "Saturday"};

static json_t *one_json(const void *row)
{
    const store_report_t *s = row;
    buf_t r = {0}, w = {0};
    for (size_t i = 0; i < s->n_rcpt; i++)
        buf_printf(&r, "%s%s", i ? ", " : "", s->rcpt[i]);
    if (strcmp(s->frequency, "weekly") == 0 && s->weekday >= 0 && s->weekday <= 6)
        buf_printf(&w, "every %s at %02d:00 UTC", weekdays[s->weekday], s->hour);
    else
        buf_printf(&w, "daily at %02d:00 UTC", s->hour);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:b}", "id", s->id,
                          "target", s->target, "recipients", buf_str(&r), "frequency", s->frequency,
                          "when", buf_str(&w), "next_run", s->next_run, "last_sent",
                          store_json_text(s->last_sent), "last_error", store_json_text(s->last_error),
                          "last_error_at", store_json_text(s->last_error_at), "creator", s->creator,
                          "is_pdf", s->dashboard_id != NULL);
    buf_free(&r);
    buf_free(&w);
    return o;
}

json_t *store_report_choices_json(void)
{
    json_t *days = json_array(), *hours = json_array();
    for (int i = 1; i <= 7; i++)
        json_array_append_new(days, json_pack("{s:i, s:s, s:b}", "value", i % 7, "label", weekdays[i % 7],
                                              "selected", i == 1));
    for (int h = 0; h < 24; h++) {
        char label[16];
        snprintf(label, sizeof label, "%02d:00 UTC", h);
        json_array_append_new(hours, json_pack("{s:i, s:s, s:b}", "value", h, "label", label,
                                               "selected", h == 7));
    }
    return json_pack("{s:o, s:o}", "weekdays", days, "hours", hours);
}

json_t *store_report_list_json(const store_report_t *rows, size_t n)
{
    return store_rows_json(rows, n, sizeof *rows, one_json);
}
