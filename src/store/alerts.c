/* alerts.c — alert definitions, their value history and events. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALERT_COLS                                                                         \
    "a.id, a.name, a.connection_id, coalesce(c.name, '') AS connection, a.sql_text,"       \
    " a.condition, a.threshold, a.anomaly_k, a.anomaly_n, a.rows_expect,"                   \
    " a.interval_minutes, a.channels::text AS channels, a.webhook_url, a.email_to, a.state," \
    " a.is_active, to_char(a.muted_until, 'YYYY-MM-DD HH24:MI') AS muted_until,"            \
    " a.muted_until > now() AS muted, a.consecutive_errors,"                                \
    " to_char(a.last_checked_at, 'YYYY-MM-DD HH24:MI') AS last_checked, a.last_value,"     \
    " a.created_by_id, coalesce(u.full_name, '') AS owner"

static void fix_row(json_t *row)
{
    const char *ch = json_string_value(json_object_get(row, "channels"));
    json_object_set_new(row, "channels", ch ? json_loads(ch, 0, NULL) : json_array());
}

json_t *alert_list(arena_t *a, const char *org_id)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(a,
                            "SELECT " ALERT_COLS " FROM alerts a LEFT JOIN connections c ON c.id = a.connection_id"
                            " LEFT JOIN users u ON u.id = a.created_by_id WHERE a.org_id = $1 ORDER BY lower(a.name)",
                            1, p, err, sizeof err);
    json_t *rows = res ? db_rows_json(res) : json_array();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) fix_row(r);
    return rows;
}

json_t *alert_get(arena_t *a, const char *org_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return NULL;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a,
                            "SELECT " ALERT_COLS " FROM alerts a LEFT JOIN connections c ON c.id = a.connection_id"
                            " LEFT JOIN users u ON u.id = a.created_by_id WHERE a.org_id = $1 AND a.id = $2",
                            2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return NULL;
    json_t *row = db_row_json(res, 0);
    fix_row(row);
    return row;
}

/* The parameters shared by create and update: $3…$14. */
static void fields_params(arena_t *a, const alert_fields_t *f, const char **p)
{
    char *ch = json_dumps(f->channels ? f->channels : json_pack("[s]", "in_app"), JSON_COMPACT);
    p[0] = f->name;
    p[1] = f->connection_id;
    p[2] = f->sql;
    p[3] = f->condition;
    p[4] = f->has_threshold ? arena_printf(a, "%.17g", f->threshold) : NULL;
    p[5] = arena_printf(a, "%.17g", f->anomaly_k > 0 ? f->anomaly_k : 3.0);
    p[6] = arena_printf(a, "%d", f->anomaly_n >= 5 ? f->anomaly_n : 20);
    p[7] = f->rows_expect && *f->rows_expect ? f->rows_expect : NULL;
    p[8] = arena_printf(a, "%d", f->interval_minutes);
    p[9] = arena_strdup(a, ch);
    p[10] = f->webhook_url && *f->webhook_url ? f->webhook_url : NULL;
    p[11] = f->email_to && *f->email_to ? f->email_to : NULL;
    free(ch);
}

int alert_create(arena_t *a, const char *org_id, const char *user_id, const alert_fields_t *f,
                 char **id, char *err, size_t errlen)
{
    const char *p[14] = {org_id, user_id};
    fields_params(a, f, p + 2);
    PGresult *res = db_exec(
        a,
        "INSERT INTO alerts (org_id, created_by_id, name, connection_id, sql_text, condition,"
        " threshold, anomaly_k, anomaly_n, rows_expect, interval_minutes, channels, webhook_url, email_to)"
        " SELECT $1, $2, $3, c.id, $5, $6, $7::float8, $8::float8, $9::int, $10, $11::int, $12::jsonb, $13, $14"
        " FROM connections c WHERE c.org_id = $1 AND c.id = $4::uuid RETURNING id",
        14, p, err, errlen);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

int alert_update(arena_t *a, const char *org_id, const char *id, const alert_fields_t *f)
{
    char err[256];
    const char *p[14] = {org_id, id};
    fields_params(a, f, p + 2);
    PGresult *res = db_exec(
        a,
        "UPDATE alerts SET name = $3, connection_id = (SELECT id FROM connections WHERE org_id = $1"
        " AND id = $4::uuid), sql_text = $5, condition = $6, threshold = $7::float8,"
        " anomaly_k = $8::float8, anomaly_n = $9::int, rows_expect = $10, interval_minutes = $11::int,"
        " channels = $12::jsonb, webhook_url = $13, email_to = $14, updated_at = now()"
        " WHERE org_id = $1 AND id = $2 AND EXISTS (SELECT 1 FROM connections WHERE org_id = $1 AND id = $4::uuid)",
        14, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

static int one_row(arena_t *a, const char *sql, int n, const char *const *p)
{
    char err[256];
    PGresult *res = db_exec(a, sql, n, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int alert_set_active(arena_t *a, const char *org_id, const char *id, int active)
{
    const char *p[3] = {org_id, id, active ? "true" : "false"};
    return db_is_uuid(id) ? one_row(a, "UPDATE alerts SET is_active = $3::boolean,"
                                       " consecutive_errors = 0 WHERE org_id = $1 AND id = $2", 3, p) : -1;
}

int alert_mute(arena_t *a, const char *org_id, const char *id, int minutes)
{
    char m[16];
    snprintf(m, sizeof m, "%d", minutes);
    const char *p[3] = {org_id, id, m};
    return db_is_uuid(id) ? one_row(a, "UPDATE alerts SET muted_until = CASE WHEN $3::int > 0"
                                       " THEN now() + make_interval(mins => $3::int) END"
                                       " WHERE org_id = $1 AND id = $2", 3, p) : -1;
}

int alert_delete(arena_t *a, const char *org_id, const char *id)
{
    const char *p[2] = {org_id, id};
    return db_is_uuid(id) ? one_row(a, "DELETE FROM alerts WHERE org_id = $1 AND id = $2", 2, p) : -1;
}

json_t *alert_values(arena_t *a, const char *org_id, const char *id, int limit)
{
    char err[256], l[16];
    snprintf(l, sizeof l, "%d", limit);
    const char *p[3] = {org_id, id, l};
    PGresult *res = db_exec(a,
                            "SELECT * FROM (SELECT to_char(checked_at, 'YYYY-MM-DD HH24:MI:SS') AS checked,"
                            " value, error FROM alert_values WHERE org_id = $1 AND alert_id = $2"
                            " ORDER BY checked_at DESC LIMIT $3::int) v ORDER BY checked",
                            3, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

json_t *alert_events(arena_t *a, const char *org_id, const char *id, int limit)
{
    char err[256], l[16];
    snprintf(l, sizeof l, "%d", limit);
    const char *p[3] = {org_id, id, l};
    PGresult *res = db_exec(a,
                            "SELECT kind, value, message, to_char(created_at, 'YYYY-MM-DD HH24:MI') AS at"
                            " FROM alert_events WHERE org_id = $1 AND alert_id = $2"
                            " ORDER BY created_at DESC LIMIT $3::int",
                            3, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

json_t *alert_due(arena_t *a)
{
    char err[256];
    PGresult *res = db_exec(a,
                            "SELECT org_id, id, interval_minutes FROM alerts WHERE is_active AND"
                            " (last_checked_at IS NULL OR last_checked_at <="
                            "  now() - make_interval(mins => interval_minutes) + interval '5 seconds')",
                            0, NULL, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

json_t *alert_event_get(arena_t *a, const char *org_id, const char *event_id)
{
    char err[256];
    if (!db_is_uuid(event_id))
        return NULL;
    const char *p[2] = {org_id, event_id};
    PGresult *res = db_exec(a, "SELECT id, kind, value, message FROM alert_events"
                               " WHERE org_id = $1 AND id = $2", 2, p, err, sizeof err);
    return res && PQntuples(res) == 1 ? db_row_json(res, 0) : NULL;
}
