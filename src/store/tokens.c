/* tokens.c — personal API tokens: made, listed and revoked by their owner,
 * and resolved from a token's hash at every /api/v1 request. */
#include "store/tokens.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdio.h>
#include <string.h>

int store_token_create(arena_t *a, const char *org_id, const char *user_id, const char *name,
                       const char *prefix, const unsigned char hash[STORE_TOKEN_HASH_BYTES],
                       int days, char **id)
{
    char err[256], d[16];
    snprintf(d, sizeof d, "%d", days);
    const char *p[6] = {org_id, user_id, name, prefix,
                        db_bytea_param(a, hash, STORE_TOKEN_HASH_BYTES), d};
    /* the user must be the organization's: the INSERT selects them */
    PGresult *res = db_exec(a,
        "INSERT INTO api_tokens (org_id, user_id, name, prefix, token_hash, expires_at)"
        " SELECT u.org_id, u.id, $3, $4, $5::bytea,"
        "  CASE WHEN $6::int > 0 THEN now() + make_interval(days => $6::int) END"
        " FROM users u WHERE u.org_id = $1 AND u.id = $2 RETURNING id",
        6, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

static void row_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_token_t *t = out;
    t->id = store_row_text(a, res, i, 0);
    t->name = store_row_text(a, res, i, 1);
    t->prefix = store_row_text(a, res, i, 2);
    t->created = store_row_text(a, res, i, 3);
    t->expires = store_row_opt(a, res, i, 4);
    t->last_used = store_row_opt(a, res, i, 5);
    t->expired = store_row_bool(res, i, 6);
}

int store_token_list(arena_t *a, const char *org_id, const char *user_id, store_token_t **rows,
                     size_t *n)
{
    const char *p[2] = {org_id, user_id};
    *rows = store_rows_fetch(a,
        "SELECT id, name, prefix, to_char(created_at, 'YYYY-MM-DD HH24:MI'),"
        " to_char(expires_at, 'YYYY-MM-DD HH24:MI'), to_char(last_used_at, 'YYYY-MM-DD HH24:MI'),"
        " coalesce(expires_at <= now(), false)"
        " FROM api_tokens WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL"
        " ORDER BY created_at DESC LIMIT 100",
        2, p, sizeof **rows, row_from_result, n);
    return *rows ? 0 : -1;
}

int store_token_revoke(arena_t *a, const char *org_id, const char *user_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    PGresult *res = db_exec(a,
                            "UPDATE api_tokens SET revoked_at = now()"
                            " WHERE org_id = $1 AND user_id = $2 AND id = $3 AND revoked_at IS NULL",
                            3, p, err, sizeof err);
    return res && strcmp(PQcmdTuples(res), "1") == 0 ? 0 : -1;
}

static db_stmt_t q_load = {
    "token_load",
    "SELECT t.id, u.id, u.org_id, o.slug, o.name, u.email, u.full_name, u.role,"
    " t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'"
    " FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.org_id = t.org_id"
    " JOIN organizations o ON o.id = t.org_id"
    " WHERE t.token_hash = $1::bytea AND t.revoked_at IS NULL"
    " AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.is_active",
    0};

int store_token_load(arena_t *a, const unsigned char hash[STORE_TOKEN_HASH_BYTES],
                     store_token_auth_t *out)
{
    char err[256];
    const char *p[1] = {db_bytea_param(a, hash, STORE_TOKEN_HASH_BYTES)};
    PGresult *res = db_exec_prepared(a, &q_load, 1, p, err, sizeof err);
    if (!res)
        return -2;
    if (PQntuples(res) != 1)
        return -1;
    memset(out, 0, sizeof *out);
    out->token_id = store_row_text(a, res, 0, 0);
    store_account_t *u = &out->acct;
    u->user_id = store_row_text(a, res, 0, 1);
    u->org_id = store_row_text(a, res, 0, 2);
    u->org_slug = store_row_text(a, res, 0, 3);
    u->org_name = store_row_text(a, res, 0, 4);
    u->email = store_row_text(a, res, 0, 5);
    u->full_name = store_row_text(a, res, 0, 6);
    u->role = store_row_text(a, res, 0, 7);
    u->is_active = 1;
    out->needs_touch = store_row_bool(res, 0, 8);
    return 0;
}

void store_token_touch(arena_t *a, const char *token_id)
{
    char err[256];
    const char *p[1] = {token_id};
    db_exec(a, "UPDATE api_tokens SET last_used_at = now() WHERE id = $1", 1, p, err, sizeof err);
}

json_t *store_token_json(const store_token_t *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", store_json_text(t->id));
    json_object_set_new(o, "name", store_json_text(t->name));
    json_object_set_new(o, "prefix", store_json_text(t->prefix));
    json_object_set_new(o, "created", store_json_text(t->created));
    json_object_set_new(o, "expires", store_json_text(t->expires));
    json_object_set_new(o, "last_used", store_json_text(t->last_used));
    json_object_set_new(o, "expired", json_boolean(t->expired));
    return o;
}
