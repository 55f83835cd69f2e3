/* alerts.c — alert definitions, their value history and events. */
#include "store/alerts.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One alert's columns, in the order alert_from_result reads them. */
static const char *const alert_cols =
    "SELECT a.id, a.name, a.connection_id, coalesce(c.name, ''), a.sql_text, a.condition,"
    " a.threshold, a.anomaly_k, a.anomaly_n, a.rows_expect, a.interval_minutes,"
    " a.channels::text, a.webhook_url, a.email_to, a.state, a.is_active,"
    " to_char(a.muted_until, 'YYYY-MM-DD HH24:MI'), coalesce(a.muted_until > now(), false),"
    " a.consecutive_errors, to_char(a.last_checked_at, 'YYYY-MM-DD HH24:MI'), a.last_value,"
    " a.created_by_id, coalesce(u.full_name, ''), a.params::text"
    " FROM alerts a LEFT JOIN connections c ON c.id = a.connection_id"
    " LEFT JOIN users u ON u.id = a.created_by_id WHERE a.org_id = $1";

static void alert_from_result(arena_t *a, const PGresult *r, int i, store_alert_t *out)
{
    memset(out, 0, sizeof *out);
    out->id = store_row_text(a, r, i, 0);
    out->name = store_row_text(a, r, i, 1);
    out->connection_id = store_row_opt(a, r, i, 2);
    out->connection = store_row_text(a, r, i, 3);
    out->sql_text = store_row_text(a, r, i, 4);
    out->condition = store_row_text(a, r, i, 5);
    out->threshold = store_row_double(r, i, 6, &out->has_threshold);
    out->anomaly_k = atof(db_get(r, i, 7));
    out->anomaly_n = atoi(db_get(r, i, 8));
    out->rows_expect = store_row_opt(a, r, i, 9);
    out->interval_minutes = atoi(db_get(r, i, 10));
    out->channels = store_row_names(a, db_get(r, i, 11), &out->n_channels);
    out->webhook_url = store_row_opt(a, r, i, 12);
    out->email_to = store_row_opt(a, r, i, 13);
    out->state = store_row_text(a, r, i, 14);
    out->is_active = store_row_bool(r, i, 15);
    out->muted_until = store_row_opt(a, r, i, 16);
    out->muted = store_row_bool(r, i, 17);
    out->consecutive_errors = atoi(db_get(r, i, 18));
    out->last_checked = store_row_opt(a, r, i, 19);
    out->last_value = store_row_double(r, i, 20, &out->has_last_value);
    out->created_by_id = store_row_opt(a, r, i, 21);
    out->owner = store_row_text(a, r, i, 22);
    out->params = store_row_text(a, r, i, 23);
}

json_t *store_alert_json(const store_alert_t *al)
{
    json_t *ch = json_array();
    for (size_t i = 0; i < al->n_channels; i++)
        json_array_append_new(ch, json_string(al->channels[i]));
    json_t *o = json_object();
    json_object_set_new(o, "id", store_json_text(al->id));
    json_object_set_new(o, "name", store_json_text(al->name));
    json_object_set_new(o, "connection_id", store_json_text(al->connection_id));
    json_object_set_new(o, "connection", store_json_text(al->connection));
    json_object_set_new(o, "sql_text", store_json_text(al->sql_text));
    json_t *params = al->params ? json_loads(al->params, 0, NULL) : NULL;
    json_object_set_new(o, "params", json_is_array(params) ? params
                                     : (json_decref(params), json_array()));
    json_object_set_new(o, "condition", store_json_text(al->condition));
    json_object_set_new(o, "threshold", store_json_real(al->threshold, al->has_threshold));
    json_object_set_new(o, "anomaly_k", json_real(al->anomaly_k));
    json_object_set_new(o, "anomaly_n", json_integer(al->anomaly_n));
    json_object_set_new(o, "rows_expect", store_json_text(al->rows_expect));
    json_object_set_new(o, "interval_minutes", json_integer(al->interval_minutes));
    json_object_set_new(o, "channels", ch);
    json_object_set_new(o, "webhook_url", store_json_text(al->webhook_url));
    json_object_set_new(o, "email_to", store_json_text(al->email_to));
    json_object_set_new(o, "state", store_json_text(al->state));
    json_object_set_new(o, "is_active", json_boolean(al->is_active));
    json_object_set_new(o, "muted_until", store_json_text(al->muted_until));
    json_object_set_new(o, "muted", json_boolean(al->muted));
    json_object_set_new(o, "consecutive_errors", json_integer(al->consecutive_errors));
    json_object_set_new(o, "last_checked", store_json_text(al->last_checked));
    json_object_set_new(o, "last_value", store_json_real(al->last_value, al->has_last_value));
    json_object_set_new(o, "created_by_id", store_json_text(al->created_by_id));
    json_object_set_new(o, "owner", store_json_text(al->owner));
    return o;
}

json_t *store_alert_event_json(const store_alert_event_t *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", store_json_text(e->id));
    json_object_set_new(o, "kind", store_json_text(e->kind));
    json_object_set_new(o, "value", store_json_real(e->value, e->has_value));
    json_object_set_new(o, "message", store_json_text(e->message));
    json_object_set_new(o, "at", store_json_text(e->at));
    return o;
}

int store_alert_list(arena_t *a, const char *org_id, store_alert_t **rows, size_t *n)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(a, arena_printf(a, "%s ORDER BY lower(a.name)", alert_cols), 1, p, err,
                            sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    *rows = res ? arena_alloc(a, (*n ? *n : 1) * sizeof **rows) : NULL;
    for (size_t i = 0; i < *n; i++)
        alert_from_result(a, res, (int)i, &(*rows)[i]);
    return res ? 0 : -1;
}

int store_alert_get(arena_t *a, const char *org_id, const char *id, store_alert_t *out)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a, arena_printf(a, "%s AND a.id = $2", alert_cols), 2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    alert_from_result(a, res, 0, out);
    return 0;
}

/* The parameters shared by create and update: $3…$15. */
static void fields_params(arena_t *a, const store_alert_fields_t *f, const char **p)
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
    p[12] = f->params;
    free(ch);
}

int store_alert_create(arena_t *a, const char *org_id, const char *user_id,
                       const store_alert_fields_t *f, char **id, char *err, size_t errlen)
{
    const char *p[15] = {org_id, user_id};
    fields_params(a, f, p + 2);
    PGresult *res = db_exec(
        a,
        "INSERT INTO alerts (org_id, created_by_id, name, connection_id, sql_text, condition,"
        " threshold, anomaly_k, anomaly_n, rows_expect, interval_minutes, channels, webhook_url, email_to,"
        " params)"
        " SELECT $1, $2, $3, c.id, $5, $6, $7::float8, $8::float8, $9::int, $10, $11::int, $12::jsonb, $13, $14,"
        " coalesce($15::jsonb, '[]')"
        " FROM connections c WHERE c.org_id = $1 AND c.id = $4::uuid RETURNING id",
        15, p, err, errlen);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

int store_alert_update(arena_t *a, const char *org_id, const char *id,
                       const store_alert_fields_t *f)
{
    char err[256];
    const char *p[15] = {org_id, id};
    fields_params(a, f, p + 2);
    PGresult *res = db_exec(
        a,
        "UPDATE alerts SET name = $3, connection_id = (SELECT id FROM connections WHERE org_id = $1"
        " AND id = $4::uuid), sql_text = $5, condition = $6, threshold = $7::float8,"
        " anomaly_k = $8::float8, anomaly_n = $9::int, rows_expect = $10, interval_minutes = $11::int,"
        " channels = $12::jsonb, webhook_url = $13, email_to = $14, params = coalesce($15::jsonb, '[]'),"
        " updated_at = now()"
        " WHERE org_id = $1 AND id = $2 AND EXISTS (SELECT 1 FROM connections WHERE org_id = $1 AND id = $4::uuid)",
        15, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

static int one_row(arena_t *a, const char *sql, int n, const char *const *p)
{
    char err[256];
    PGresult *res = db_exec(a, sql, n, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int store_alert_set_active(arena_t *a, const char *org_id, const char *id, int active)
{
    const char *p[3] = {org_id, id, active ? "true" : "false"};
    return db_is_uuid(id) ? one_row(a, "UPDATE alerts SET is_active = $3::boolean,"
                                       " consecutive_errors = 0 WHERE org_id = $1 AND id = $2", 3, p) : -1;
}

int store_alert_mute(arena_t *a, const char *org_id, const char *id, int minutes)
{
    char m[16];
    snprintf(m, sizeof m, "%d", minutes);
    const char *p[3] = {org_id, id, m};
    return db_is_uuid(id) ? one_row(a, "UPDATE alerts SET muted_until = CASE WHEN $3::int > 0"
                                       " THEN now() + make_interval(mins => $3::int) END"
                                       " WHERE org_id = $1 AND id = $2", 3, p) : -1;
}

int store_alert_delete(arena_t *a, const char *org_id, const char *id)
{
    const char *p[2] = {org_id, id};
    return db_is_uuid(id) ? one_row(a, "DELETE FROM alerts WHERE org_id = $1 AND id = $2", 2, p) : -1;
}

static const char *const event_cols =
    "SELECT id, kind, value, message, to_char(created_at, 'YYYY-MM-DD HH24:MI')"
    " FROM alert_events WHERE org_id = $1";

static void event_from_result(arena_t *a, const PGresult *r, int i, store_alert_event_t *out)
{
    out->id = store_row_text(a, r, i, 0);
    out->kind = store_row_text(a, r, i, 1);
    out->value = store_row_double(r, i, 2, &out->has_value);
    out->message = store_row_text(a, r, i, 3);
    out->at = store_row_text(a, r, i, 4);
}

store_alert_value_t *store_alert_values(arena_t *a, const char *org_id, const char *id, int limit,
                                        size_t *n)
{
    char err[256], l[16];
    snprintf(l, sizeof l, "%d", limit);
    const char *p[3] = {org_id, id, l};
    PGresult *res = db_exec(a,
                            "SELECT * FROM (SELECT to_char(checked_at, 'YYYY-MM-DD HH24:MI:SS') AS checked,"
                            " value, error FROM alert_values WHERE org_id = $1 AND alert_id = $2"
                            " ORDER BY checked_at DESC LIMIT $3::int) v ORDER BY checked",
                            3, p, err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    store_alert_value_t *rows = arena_alloc(a, (*n ? *n : 1) * sizeof *rows);
    for (size_t i = 0; i < *n; i++) {
        rows[i].checked = store_row_text(a, res, (int)i, 0);
        rows[i].value = store_row_double(res, (int)i, 1, &rows[i].has_value);
        rows[i].error = store_row_opt(a, res, (int)i, 2);
    }
    return rows;
}

store_alert_event_t *store_alert_events(arena_t *a, const char *org_id, const char *id, int limit,
                                        size_t *n)
{
    char err[256], l[16];
    snprintf(l, sizeof l, "%d", limit);
    const char *p[3] = {org_id, id, l};
    PGresult *res = db_exec(a,
                            arena_printf(a, "%s AND alert_id = $2 ORDER BY created_at DESC"
                                            " LIMIT $3::int", event_cols),
                            3, p, err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    store_alert_event_t *rows = arena_alloc(a, (*n ? *n : 1) * sizeof *rows);
    for (size_t i = 0; i < *n; i++)
        event_from_result(a, res, (int)i, &rows[i]);
    return rows;
}

store_alert_due_t *store_alert_due(arena_t *a, size_t *n)
{
    char err[256];
    PGresult *res = db_exec(a,
                            "SELECT org_id, id, interval_minutes FROM alerts WHERE is_active AND"
                            " (last_checked_at IS NULL OR last_checked_at <="
                            "  now() - make_interval(mins => interval_minutes) + interval '5 seconds')",
                            0, NULL, err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    store_alert_due_t *rows = arena_alloc(a, (*n ? *n : 1) * sizeof *rows);
    for (size_t i = 0; i < *n; i++) {
        rows[i].org_id = store_row_text(a, res, (int)i, 0);
        rows[i].id = store_row_text(a, res, (int)i, 1);
        rows[i].interval_minutes = atoi(db_get(res, (int)i, 2));
    }
    return rows;
}

int store_alert_event_get(arena_t *a, const char *org_id, const char *event_id,
                          store_alert_event_t *out)
{
    char err[256];
    if (!db_is_uuid(event_id))
        return -1;
    const char *p[2] = {org_id, event_id};
    PGresult *res = db_exec(a, arena_printf(a, "%s AND id = $2", event_cols), 2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    event_from_result(a, res, 0, out);
    return 0;
}
