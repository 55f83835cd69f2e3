/* alert_checks.c — recording one alert check exactly once.
 *
 * The value goes in under the unique (alert, slot) key first; a job that
 * is delivered twice finds the slot taken and records nothing more. The
 * state moves only on a transition, so a triggered alert notifies once and
 * resolves once. All of it in one transaction, under a lock on the alert. */
#include "store/alerts.h"
#include "store/db.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DISABLE_AFTER_ERRORS 5

/* The events of one check to deliver: at most one of each kind per slot. */
#define MAX_SLOT_EVENTS 8
typedef struct slot_events {
    store_alert_event_t *rows;
    size_t n;
} slot_events_t;

static void push_event(arena_t *a, slot_events_t *ev, const char *id, const char *kind)
{
    if (ev->n == MAX_SLOT_EVENTS)
        return;
    ev->rows[ev->n].id = arena_strdup(a, id);
    ev->rows[ev->n].kind = arena_strdup(a, kind);
    ev->n++;
}

typedef struct alert_state {
    const char *name, *condition, *state, *rows_expect, *owner, *value_id;
    double threshold, k;
    int has_threshold, n, errors, muted;
} alert_state_t;

/* 0 loaded, 1 no such alert, -1 the database failed. */
static int load_locked(arena_t *a, const char *org_id, const char *id, alert_state_t *s)
{
    char err[256];
    const char *p[2] = {org_id, id};
    PGresult *r = db_exec(a,
                          "SELECT name, condition, state, rows_expect, created_by_id, threshold,"
                          " anomaly_k, anomaly_n, consecutive_errors, coalesce(muted_until > now(), false)"
                          " FROM alerts WHERE org_id = $1 AND id = $2 FOR UPDATE",
                          2, p, err, sizeof err);
    if (!r || PQntuples(r) != 1)
        return r ? 1 : -1;
    s->name = arena_strdup(a, db_get(r, 0, 0));
    s->condition = arena_strdup(a, db_get(r, 0, 1));
    s->state = arena_strdup(a, db_get(r, 0, 2));
    s->rows_expect = arena_strdup(a, db_get(r, 0, 3));
    s->owner = db_is_null(r, 0, 4) ? NULL : arena_strdup(a, db_get(r, 0, 4));
    s->has_threshold = !db_is_null(r, 0, 5);
    s->threshold = atof(db_get(r, 0, 5));
    s->k = atof(db_get(r, 0, 6));
    s->n = atoi(db_get(r, 0, 7));
    s->errors = atoi(db_get(r, 0, 8));
    s->muted = db_get(r, 0, 9)[0] == 't';
    return 0;
}

/* Earlier values (not this check's), newest first, at most n. */
static int history(arena_t *a, const char *alert_id, const char *value_id, int n, double *out)
{
    char err[256], lim[16];
    snprintf(lim, sizeof lim, "%d", n);
    const char *p[3] = {alert_id, value_id, lim};
    PGresult *r = db_exec(a,
                          "SELECT value FROM alert_values WHERE alert_id = $1 AND id <> $2"
                          " AND value IS NOT NULL ORDER BY checked_at DESC LIMIT $3::int",
                          3, p, err, sizeof err);
    int k = r ? PQntuples(r) : 0;
    for (int i = 0; i < k; i++)
        out[i] = atof(PQgetvalue(r, i, 0));
    return k;
}

/* Is the condition met? *why says so in words. */
static int evaluate(arena_t *a, const alert_state_t *s, const char *alert_id,
                    const store_alert_outcome_t *o, const char **why)
{
    const char *c = s->condition;
    if (strcmp(c, "rows") == 0) {
        int any = strcmp(s->rows_expect, "none") != 0;
        *why = arena_printf(a, "the query returned %ld row%s", o->rows, o->rows == 1 ? "" : "s");
        return any ? o->rows > 0 : o->rows == 0;
    }
    if (strcmp(c, "above") == 0 || strcmp(c, "below") == 0) {
        int above = c[0] == 'a';
        *why = arena_printf(a, "%s is %g, %s the threshold %g", s->name, o->value,
                            above ? "above" : "below", s->threshold);
        return s->has_threshold && (above ? o->value > s->threshold : o->value < s->threshold);
    }
    double h[1000];
    int n = history(a, alert_id, s->value_id, strcmp(c, "anomaly") == 0 ? s->n : 1, h);
    if (strcmp(c, "change_pct") == 0) {
        if (n < 1 || h[0] == 0)
            return 0;
        double pct = fabs((o->value - h[0]) / h[0]) * 100.0;
        *why = arena_printf(a, "%s changed %.1f%% (from %g to %g)", s->name, pct, h[0], o->value);
        return s->has_threshold && pct > s->threshold;
    }
    if (n < 5)
        return 0; /* an anomaly needs at least 5 earlier values */
    double mean = 0, var = 0;
    for (int i = 0; i < n; i++)
        mean += h[i];
    mean /= n;
    for (int i = 0; i < n; i++)
        var += (h[i] - mean) * (h[i] - mean);
    double sd = sqrt(var / (n - 1));
    *why = arena_printf(a, "%s is %g, %.1f standard deviations from the mean %g of the last %d",
                        s->name, o->value, sd > 0 ? fabs(o->value - mean) / sd : 0, mean, n);
    return sd > 0 ? fabs(o->value - mean) > s->k * sd : o->value != mean;
}

/* An event (unique per alert, slot and kind) and its in-app notification. */
static const char *add_event(arena_t *a, const char *org_id, const char *alert_id,
                             const char *slot, const alert_state_t *s, const char *kind,
                             const store_alert_outcome_t *o, const char *msg, slot_events_t *events)
{
    char err[256];
    const char *p[6] = {org_id, alert_id, slot, kind,
                        o->has_value ? arena_printf(a, "%.17g", o->value) : NULL, msg};
    PGresult *r = db_exec(a,
                          "INSERT INTO alert_events (org_id, alert_id, slot, kind, value, message)"
                          " VALUES ($1, $2, $3::bigint, $4, $5::float8, $6)"
                          " ON CONFLICT (alert_id, slot, kind) DO NOTHING RETURNING id",
                          6, p, err, sizeof err);
    if (!r || PQntuples(r) != 1)
        return NULL;
    const char *eid = arena_strdup(a, db_get(r, 0, 0));
    if (s->owner && !s->muted) {
        static const char *const titles[][2] = {{"triggered", "Alert triggered"}, {"resolved", "Alert resolved"},
                                                {"error", "Alert failed"}, {"disabled", "Alert disabled"}};
        const char *title = "Alert";
        for (size_t i = 0; i < 4; i++)
            if (strcmp(kind, titles[i][0]) == 0)
                title = titles[i][1];
        const char *q[7] = {org_id, s->owner, alert_id, eid, arena_printf(a, "%s: %s", title, s->name),
                            msg, arena_printf(a, "/alerts/%s", alert_id)};
        db_exec(a,
                "INSERT INTO notifications (org_id, user_id, alert_id, event_id, title, body, link)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, event_id) DO NOTHING",
                7, q, err, sizeof err);
    }
    if (!s->muted)
        push_event(a, events, eid, kind);
    return eid;
}

static void recorded_events(arena_t *a, const char *alert_id, const char *slot, slot_events_t *events)
{
    char err[256];
    const char *p[2] = {alert_id, slot};
    PGresult *r = db_exec(a, "SELECT id, kind FROM alert_events WHERE alert_id = $1 AND slot = $2::bigint",
                          2, p, err, sizeof err);
    for (int i = 0; r && i < PQntuples(r); i++)
        push_event(a, events, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
}

/* Decide the new state and write the events of this check. */
static const char *transition(arena_t *a, const char *org_id, const char *alert_id,
                              const char *slot, alert_state_t *s, const store_alert_outcome_t *o,
                              slot_events_t *events, int *disable)
{
    if (o->error) {
        s->errors++;
        if (strcmp(s->state, "error") != 0)
            add_event(a, org_id, alert_id, slot, s, "error", o, o->error, events);
        if (s->errors >= DISABLE_AFTER_ERRORS) {
            *disable = 1;
            add_event(a, org_id, alert_id, slot, s, "disabled", o,
                      arena_printf(a, "Disabled after %d failed checks in a row: %s", s->errors, o->error),
                      events);
        }
        return "error";
    }
    s->errors = 0;
    const char *why = "";
    int hit = evaluate(a, s, alert_id, o, &why);
    if (hit && strcmp(s->state, "triggered") != 0)
        add_event(a, org_id, alert_id, slot, s, "triggered", o, why, events);
    if (!hit && strcmp(s->state, "triggered") == 0)
        add_event(a, org_id, alert_id, slot, s, "resolved", o,
                  arena_printf(a, "%s is back to normal (%g)", s->name, o->value), events);
    return hit ? "triggered" : "ok";
}

int store_alert_record_check(arena_t *a, const char *org_id, const char *alert_id, long long slot,
                             const store_alert_outcome_t *o, store_alert_event_t **events,
                             size_t *n_events, char *err, size_t errlen)
{
    slot_events_t ev = {arena_alloc(a, MAX_SLOT_EVENTS * sizeof *ev.rows), 0};
    *events = ev.rows;
    *n_events = 0;
    alert_state_t s = {0};
    const char *sl = arena_printf(a, "%lld", slot);
    if (db_begin(err, errlen) < 0)
        return -1;
    int found = load_locked(a, org_id, alert_id, &s);
    if (found != 0) {
        db_rollback();
        if (found < 0)
            snprintf(err, errlen, "the alert could not be read: the app database failed");
        return found < 0 ? -1 : 0; /* 1: deleted meanwhile */
    }
    const char *p[5] = {org_id, alert_id, sl, o->has_value ? arena_printf(a, "%.17g", o->value) : NULL,
                        o->error};
    PGresult *r = db_exec(a,
                          "INSERT INTO alert_values (org_id, alert_id, slot, value, error)"
                          " VALUES ($1, $2, $3::bigint, $4::float8, $5)"
                          " ON CONFLICT (alert_id, slot) DO NOTHING RETURNING id",
                          5, p, err, errlen);
    if (!r || PQntuples(r) == 0) { /* this slot was recorded before */
        db_rollback();
        if (r)
            recorded_events(a, alert_id, sl, &ev);
        *n_events = ev.n;
        return r ? 1 : -1;
    }
    s.value_id = arena_strdup(a, db_get(r, 0, 0));
    int disable = 0;
    const char *state = transition(a, org_id, alert_id, sl, &s, o, &ev, &disable);
    const char *q[6] = {org_id, alert_id, state, p[3], arena_printf(a, "%d", s.errors),
                        disable ? "false" : "true"};
    if (!db_exec(a,
                 "UPDATE alerts SET state = $3, last_value = coalesce($4::float8, last_value),"
                 " last_checked_at = now(), consecutive_errors = $5::int,"
                 " is_active = is_active AND $6::boolean WHERE org_id = $1 AND id = $2",
                 6, q, err, errlen)) {
        db_rollback();
        return -1;
    }
    *n_events = ev.n;
    return db_commit(err, errlen);
}

void store_alert_record_delivery_failure(arena_t *a, const char *org_id, const char *alert_id,
                                         const char *event_id, const char *message)
{
    char err[256];
    const char *p[4] = {org_id, alert_id, event_id, message};
    db_exec(a,
            "INSERT INTO alert_events (org_id, alert_id, slot, kind, message)"
            " SELECT $1, $2, e.slot, 'delivery_failed', $4 FROM alert_events e WHERE e.id = $3"
            " ON CONFLICT (alert_id, slot, kind) DO UPDATE SET message = EXCLUDED.message,"
            " created_at = now()",
            4, p, err, sizeof err);
}
