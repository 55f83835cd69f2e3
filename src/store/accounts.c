/* accounts.c — organizations and their users. Every function that reads or
 * changes a user takes the caller's org id and filters on it. */
#include "store/accounts.h"
#include "store/sessions.h"
#include "store/db.h"
#include "store/store_row.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One account's columns (users u joined with organizations o), in the
 * order account_from_row reads them. */
#define ACCOUNT_COLS                                                                    \
    "u.id, u.org_id, o.slug, o.name, u.email, u.full_name, u.role, u.password_hash, " \
    "u.is_active, to_char(u.last_login_at, 'YYYY-MM-DD HH24:MI'), "                    \
    "to_char(u.created_at, 'YYYY-MM-DD')"

static void account_from_row(arena_t *a, const PGresult *res, int row, store_account_t *out)
{
    out->user_id = store_row_text(a, res, row, 0);
    out->org_id = store_row_text(a, res, row, 1);
    out->org_slug = store_row_text(a, res, row, 2);
    out->org_name = store_row_text(a, res, row, 3);
    out->email = store_row_text(a, res, row, 4);
    out->full_name = store_row_text(a, res, row, 5);
    out->role = store_row_text(a, res, row, 6);
    out->password_hash = store_row_text(a, res, row, 7);
    out->is_active = store_row_bool(res, row, 8);
    out->last_login = store_row_opt(a, res, row, 9);
    out->created = store_row_text(a, res, row, 10);
}

json_t *store_account_json(const store_account_t *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", store_json_text(u->user_id));
    json_object_set_new(o, "org_id", store_json_text(u->org_id));
    json_object_set_new(o, "org_slug", store_json_text(u->org_slug));
    json_object_set_new(o, "org_name", store_json_text(u->org_name));
    json_object_set_new(o, "email", store_json_text(u->email));
    json_object_set_new(o, "full_name", store_json_text(u->full_name));
    json_object_set_new(o, "role", store_json_text(u->role));
    json_object_set_new(o, "is_active", json_boolean(u->is_active));
    json_object_set_new(o, "last_login", store_json_text(u->last_login));
    json_object_set_new(o, "created", store_json_text(u->created));
    return o;
}

/* Which form field a unique violation is about, from the constraint name. */
static const char *dup_field(const char *err)
{
    if (strstr(err, "organizations_slug_key"))
        return "org_slug";
    if (strstr(err, "users_org_id_email_key"))
        return "email";
    return NULL;
}

int store_account_register(arena_t *a, const char *org_name, const char *slug,
                           const char *full_name, const char *email, const char *pw_hash,
                           store_account_t *out, const char **field, char *err, size_t errlen)
{
    char state[6];
    *field = NULL;
    /* One statement, so it is one transaction: both rows or neither. */
    const char *p[5] = {org_name, slug, email, pw_hash, full_name};
    PGresult *res = db_exec_state(
        a,
        "WITH o AS (INSERT INTO organizations (name, slug) VALUES ($1, $2) RETURNING id, slug, name),"
        " u AS (INSERT INTO users (org_id, email, password_hash, full_name, role)"
        "       SELECT o.id, $3, $4, $5, 'admin' FROM o RETURNING *)"
        " SELECT " ACCOUNT_COLS " FROM u, o",
        5, p, state, err, errlen);
    if (!res) {
        if (strcmp(state, "23505") == 0)
            *field = dup_field(err);
        return -1;
    }
    account_from_row(a, res, 0, out);
    return 0;
}

store_account_t *store_account_find_by_email(arena_t *a, const char *email, const char *org,
                                             size_t *n, char *err, size_t errlen)
{
    const char *p[2] = {email, org && *org ? org : NULL};
    PGresult *res = db_exec(a,
                            "SELECT " ACCOUNT_COLS " FROM users u JOIN organizations o ON o.id = u.org_id"
                            " WHERE lower(u.email) = lower($1) AND ($2::text IS NULL OR o.slug = $2)"
                            " ORDER BY o.slug",
                            2, p, err, errlen);
    *n = 0;
    if (!res)
        return NULL;
    int rows = PQntuples(res);
    store_account_t *out = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *out);
    for (int i = 0; i < rows; i++)
        account_from_row(a, res, i, &out[i]);
    *n = (size_t)rows;
    return out;
}

int store_account_get(arena_t *a, const char *org_id, const char *user_id, store_account_t *out)
{
    char err[256];
    if (!db_is_uuid(user_id))
        return -1;
    const char *p[2] = {org_id, user_id};
    PGresult *res = db_exec(a,
                            "SELECT " ACCOUNT_COLS " FROM users u JOIN organizations o ON o.id = u.org_id"
                            " WHERE u.org_id = $1 AND u.id = $2",
                            2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    account_from_row(a, res, 0, out);
    return 0;
}

static int exec_update(arena_t *a, const char *sql, int n, const char *const *p)
{
    char err[256];
    PGresult *res = db_exec(a, sql, n, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) > 0 ? 0 : -1;
}

int store_account_set_password(arena_t *a, const char *org_id, const char *user_id,
                               const char *hash)
{
    const char *p[3] = {org_id, user_id, hash};
    return exec_update(a, "UPDATE users SET password_hash = $3, updated_at = now()"
                          " WHERE org_id = $1 AND id = $2", 3, p);
}

int store_account_set_name(arena_t *a, const char *org_id, const char *user_id, const char *name)
{
    const char *p[3] = {org_id, user_id, name};
    return exec_update(a, "UPDATE users SET full_name = $3, updated_at = now()"
                          " WHERE org_id = $1 AND id = $2", 3, p);
}

int store_account_set_theme(arena_t *a, const char *org_id, const char *user_id,
                            const char *theme)
{
    const char *p[3] = {org_id, user_id, theme};
    return exec_update(a, "UPDATE users SET theme = $3, updated_at = now()"
                          " WHERE org_id = $1 AND id = $2", 3, p);
}

int store_account_record_login(arena_t *a, const char *org_id, const char *user_id)
{
    const char *p[2] = {org_id, user_id};
    return exec_update(a, "UPDATE users SET last_login_at = now() WHERE org_id = $1 AND id = $2",
                       2, p);
}

int store_account_list(arena_t *a, const char *org_id, store_account_t **rows, size_t *n)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(a,
                            "SELECT " ACCOUNT_COLS " FROM users u JOIN organizations o ON o.id = u.org_id"
                            " WHERE u.org_id = $1 ORDER BY u.is_active DESC, lower(u.full_name)",
                            1, p, err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    *rows = arena_alloc(a, (*n ? *n : 1) * sizeof **rows);
    for (size_t i = 0; i < *n; i++)
        account_from_row(a, res, (int)i, &(*rows)[i]);
    return res ? 0 : -1;
}

int store_account_add(arena_t *a, const char *org_id, const char *email, const char *name,
                      const char *role, const char *pw_hash, char **user_id, const char **field,
                      char *err, size_t errlen)
{
    char state[6] = ""; /* stays empty when the lock query fails */
    *field = NULL;
    /* The count and the insert in one statement, behind a lock on the
     * organization row, so two admins adding at once cannot pass the limit. */
    if (db_begin(err, errlen) < 0)
        return -1;
    const char *p[5] = {org_id, email, name, role, pw_hash};
    PGresult *lock = db_exec(a, "SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE", 1, p, err,
                             errlen);
    PGresult *res = lock ? db_exec_state(a,
        "INSERT INTO users (org_id, email, full_name, role, password_hash)"
        " SELECT $1, $2, $3, $4, $5 FROM organizations o"
        " WHERE o.id = $1 AND (SELECT count(*) FROM users WHERE org_id = $1) < o.max_users"
        " RETURNING id", 5, p, state, err, errlen) : NULL;
    if (!res) {
        db_rollback();
        if (strcmp(state, "23505") == 0)
            *field = dup_field(err);
        return -1;
    }
    if (PQntuples(res) != 1) {
        db_rollback();
        snprintf(err, errlen, "limit");
        return -1;
    }
    *user_id = arena_strdup(a, db_get(res, 0, 0));
    return db_commit(err, errlen);
}

/* Run an UPDATE guarded by "an active admin other than this user remains"
 * unless keeps_admin is true, under a lock on the organization row. */
static int guarded_update(arena_t *a, const char *sql, const char *org_id, const char *user_id,
                          const char *arg, char *err, size_t errlen)
{
    if (!db_is_uuid(user_id))
        return 404;
    if (db_begin(err, errlen) < 0)
        return -1;
    const char *p[3] = {org_id, user_id, arg};
    PGresult *lock = db_exec(a, "SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE", 1, p, err,
                             errlen);
    PGresult *exists = lock ? db_exec(a, "SELECT 1 FROM users WHERE org_id = $1 AND id = $2", 2, p,
                                      err, errlen) : NULL;
    if (!exists || PQntuples(exists) == 0) {
        db_rollback();
        return exists ? 404 : -1;
    }
    PGresult *res = db_exec(a, sql, 3, p, err, errlen);
    if (!res) {
        db_rollback();
        return -1;
    }
    if (atoi(PQcmdTuples(res)) == 0) {
        db_rollback();
        snprintf(err, errlen, "An organization needs at least one active admin: make someone "
                              "else an admin first.");
        return -1;
    }
    return db_commit(err, errlen);
}

#define OTHER_ADMIN                                                                        \
    " EXISTS (SELECT 1 FROM users o WHERE o.org_id = $1 AND o.id <> $2 AND o.role = 'admin'" \
    " AND o.is_active)"

int store_account_set_role(arena_t *a, const char *org_id, const char *user_id, const char *role,
                           char *err, size_t errlen)
{
    return guarded_update(a,
                          "UPDATE users SET role = $3, updated_at = now()"
                          " WHERE org_id = $1 AND id = $2 AND ($3 = 'admin' OR" OTHER_ADMIN ")",
                          org_id, user_id, role, err, errlen);
}

int store_account_set_active(arena_t *a, const char *org_id, const char *user_id, int active,
                             char *err, size_t errlen)
{
    int rc = guarded_update(a,
                            "UPDATE users SET is_active = $3::boolean, updated_at = now()"
                            " WHERE org_id = $1 AND id = $2 AND ($3::boolean OR role <> 'admin' OR"
                            OTHER_ADMIN ")",
                            org_id, user_id, active ? "true" : "false", err, errlen);
    if (rc == 0 && !active)
        store_session_delete_user(a, org_id, user_id, NULL);
    return rc;
}
