/* links.c — public read-only links to a dashboard: made, listed, revoked,
 * and resolved from a token's hash. */
#include "store/links.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdio.h>
#include <string.h>

#define LINK_COLS                                                                             \
    "l.id, l.org_id, l.dashboard_id, coalesce(l.created_by_id::text, ''),"                   \
    " coalesce(u.full_name, ''), to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'),"  \
    " to_char(l.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'),"                        \
    " to_char(l.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'),"                        \
    " l.expires_at IS NOT NULL AND l.expires_at <= now()"
#define LINK_FROM " FROM dashboard_links l LEFT JOIN users u ON u.id = l.created_by_id"

static void row_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_link_t *l = out;
    l->id = store_row_text(a, res, i, 0);
    l->org_id = store_row_text(a, res, i, 1);
    l->dashboard_id = store_row_text(a, res, i, 2);
    l->created_by_id = store_row_text(a, res, i, 3);
    l->creator = store_row_text(a, res, i, 4);
    l->created = store_row_text(a, res, i, 5);
    l->expires = store_row_opt(a, res, i, 6);
    l->revoked = store_row_opt(a, res, i, 7);
    l->expired = store_row_bool(res, i, 8);
}

int store_link_create(arena_t *a, const char *org_id, const char *dashboard_id,
                      const char *user_id, const unsigned char hash[STORE_LINK_HASH_BYTES],
                      int days, char **id)
{
    char err[256], d[16];
    snprintf(d, sizeof d, "%d", days);
    const char *p[5] = {org_id, dashboard_id, user_id, db_bytea_param(a, hash, STORE_LINK_HASH_BYTES), d};
    /* the dashboard must be the organization's: the INSERT selects it */
    PGresult *res = db_exec(a,
        "INSERT INTO dashboard_links (org_id, dashboard_id, created_by_id, token_hash, expires_at)"
        " SELECT d.org_id, d.id, $3, $4::bytea,"
        "  CASE WHEN $5::int > 0 THEN now() + make_interval(days => $5::int) END"
        " FROM dashboards d WHERE d.org_id = $1 AND d.id = $2 RETURNING id",
        5, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

int store_link_list(arena_t *a, const char *org_id, const char *dashboard_id, store_link_t **rows,
                    size_t *n)
{
    const char *p[2] = {org_id, dashboard_id};
    *rows = store_rows_fetch(a,
                             "SELECT " LINK_COLS LINK_FROM " WHERE l.org_id = $1 AND l.dashboard_id = $2"
                             " ORDER BY l.revoked_at IS NOT NULL, l.created_at DESC LIMIT 100",
                             2, p, sizeof **rows, row_from_result, n);
    return *rows ? 0 : -1;
}

int store_link_revoke(arena_t *a, const char *org_id, const char *dashboard_id, const char *id,
                      const char *user_id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[4] = {org_id, dashboard_id, id, user_id};
    PGresult *res = db_exec(a,
                            "UPDATE dashboard_links SET revoked_at = now(), revoked_by_id = $4"
                            " WHERE org_id = $1 AND dashboard_id = $2 AND id = $3"
                            " AND revoked_at IS NULL",
                            4, p, err, sizeof err);
    return res && strcmp(PQcmdTuples(res), "1") == 0 ? 0 : -1;
}

enum store_link_state store_link_resolve(arena_t *a, const unsigned char hash[STORE_LINK_HASH_BYTES],
                                         store_link_t *out)
{
    char err[256];
    const char *p[1] = {db_bytea_param(a, hash, STORE_LINK_HASH_BYTES)};
    PGresult *res = db_exec(a,
                            "SELECT " LINK_COLS ", l.revoked_at IS NULL AND coalesce(u.is_active, false)"
                            "  AND u.org_id = l.org_id" LINK_FROM
                            " WHERE l.token_hash = $1::bytea",
                            1, p, err, sizeof err);
    if (!res)
        return STORE_LINK_DBERR;
    if (PQntuples(res) != 1)
        return STORE_LINK_NONE;
    row_from_result(a, res, 0, out);
    return store_row_bool(res, 0, 9) && !out->expired ? STORE_LINK_LIVE : STORE_LINK_GONE;
}

static const struct {
    const char *value, *label;
    int days;
} expiries[] = {{"1", "1 day", 1}, {"7", "7 days", 7}, {"30", "30 days", 30},
                {"never", "Never (until revoked)", 0}};
#define NEXPIRIES (sizeof expiries / sizeof expiries[0])

int store_link_expiry(const char *value, int *days, const char **label)
{
    for (size_t i = 0; value && i < NEXPIRIES; i++)
        if (strcmp(value, expiries[i].value) == 0) {
            *days = expiries[i].days;
            *label = expiries[i].label;
            return 0;
        }
    return -1;
}

json_t *store_link_expiries_json(void)
{
    json_t *choices = json_array();
    for (size_t i = 0; i < NEXPIRIES; i++)
        json_array_append_new(choices, json_pack("{s:s, s:s, s:b}", "value", expiries[i].value,
                                                 "label", expiries[i].label, "selected", i == 1));
    return choices;
}

static json_t *one_json(const void *row)
{
    const store_link_t *l = row;
    int live = !l->revoked && !l->expired;
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:b, s:b}", "id", l->id, "creator", l->creator,
                     "created", l->created, "expires", store_json_text(l->expires), "revoked",
                     store_json_text(l->revoked), "expired", l->expired, "live", live);
}

json_t *store_link_list_json(const store_link_t *rows, size_t n)
{
    return store_rows_json(rows, n, sizeof *rows, one_json);
}
