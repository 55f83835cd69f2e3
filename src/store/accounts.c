/* accounts.c — organizations and their users. Every function that reads or
 * changes a user takes the caller's org id and filters on it. */
#include "store/store.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACCOUNT_COLS                                                                    \
    "u.id, u.org_id, o.slug, o.name, u.email, u.full_name, u.role, u.password_hash, " \
    "u.is_active"

static void account_from_row(arena_t *a, const PGresult *res, int row, account_t *out)
{
    out->user_id = arena_strdup(a, db_get(res, row, 0));
    out->org_id = arena_strdup(a, db_get(res, row, 1));
    out->org_slug = arena_strdup(a, db_get(res, row, 2));
    out->org_name = arena_strdup(a, db_get(res, row, 3));
    out->email = arena_strdup(a, db_get(res, row, 4));
    out->full_name = arena_strdup(a, db_get(res, row, 5));
    out->role = arena_strdup(a, db_get(res, row, 6));
    out->password_hash = arena_strdup(a, db_get(res, row, 7));
    out->is_active = db_get(res, row, 8)[0] == 't';
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

int account_register(arena_t *a, const char *org_name, const char *slug, const char *full_name,
                     const char *email, const char *pw_hash, account_t *out, const char **field,
                     char *err, size_t errlen)
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
        " SELECT u.id, u.org_id, o.slug, o.name, u.email, u.full_name, u.role, u.password_hash,"
        "        u.is_active FROM u, o",
        5, p, state, err, errlen);
    if (!res) {
        if (strcmp(state, "23505") == 0)
            *field = dup_field(err);
        return -1;
    }
    account_from_row(a, res, 0, out);
    return 0;
}

account_t *account_find_by_email(arena_t *a, const char *email, const char *org, size_t *n,
                                 char *err, size_t errlen)
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
    account_t *out = arena_alloc(a, (size_t)(rows ? rows : 1) * sizeof *out);
    for (int i = 0; i < rows; i++)
        account_from_row(a, res, i, &out[i]);
    *n = (size_t)rows;
    return out;
}

int account_get(arena_t *a, const char *org_id, const char *user_id, account_t *out)
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

int account_set_password(arena_t *a, const char *org_id, const char *user_id, const char *hash)
{
    const char *p[3] = {org_id, user_id, hash};
    return exec_update(a, "UPDATE users SET password_hash = $3, updated_at = now()"
                          " WHERE org_id = $1 AND id = $2", 3, p);
}

int account_set_name(arena_t *a, const char *org_id, const char *user_id, const char *name)
{
    const char *p[3] = {org_id, user_id, name};
    return exec_update(a, "UPDATE users SET full_name = $3, updated_at = now()"
                          " WHERE org_id = $1 AND id = $2", 3, p);
}

int account_record_login(arena_t *a, const char *org_id, const char *user_id)
{
    const char *p[2] = {org_id, user_id};
    return exec_update(a, "UPDATE users SET last_login_at = now() WHERE org_id = $1 AND id = $2",
                       2, p);
}

json_t *account_list(arena_t *a, const char *org_id)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(a,
                            "SELECT id, email, full_name, role, is_active,"
                            " to_char(last_login_at, 'YYYY-MM-DD HH24:MI') AS last_login,"
                            " to_char(created_at, 'YYYY-MM-DD') AS created"
                            " FROM users WHERE org_id = $1 ORDER BY is_active DESC, lower(full_name)",
                            1, p, err, sizeof err);
    return res ? db_rows_json(res) : NULL;
}

int account_add(arena_t *a, const char *org_id, const char *email, const char *name,
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

int account_set_role(arena_t *a, const char *org_id, const char *user_id, const char *role,
                     char *err, size_t errlen)
{
    return guarded_update(a,
                          "UPDATE users SET role = $3, updated_at = now()"
                          " WHERE org_id = $1 AND id = $2 AND ($3 = 'admin' OR" OTHER_ADMIN ")",
                          org_id, user_id, role, err, errlen);
}

int account_set_active(arena_t *a, const char *org_id, const char *user_id, int active,
                       char *err, size_t errlen)
{
    int rc = guarded_update(a,
                            "UPDATE users SET is_active = $3::boolean, updated_at = now()"
                            " WHERE org_id = $1 AND id = $2 AND ($3::boolean OR role <> 'admin' OR"
                            OTHER_ADMIN ")",
                            org_id, user_id, active ? "true" : "false", err, errlen);
    if (rc == 0 && !active)
        session_store_delete_user(a, org_id, user_id, NULL);
    return rc;
}
