/* connections.c — the organization's database connections. The password
 * is stored only encrypted (the caller encrypts; see auth/secret.c) and is
 * never returned by the list. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *conn_target_binding(arena_t *a, const char *host, int port, const char *database,
                                const char *user, const char *sslmode)
{
    return arena_printf(a, "pg1|%zu:%s|%d|%zu:%s|%zu:%s|%zu:%s", strlen(host), host, port,
                        strlen(database), database, strlen(user), user, strlen(sslmode), sslmode);
}

int conn_target_changed(const conn_row_t *c, const conn_fields_t *f)
{
    return strcmp(c->host, f->host) != 0 || c->port != f->port ||
           strcmp(c->database_name, f->database_name) != 0 ||
           strcmp(c->username, f->username) != 0 || strcmp(c->sslmode, f->sslmode) != 0;
}

json_t *conn_list(arena_t *a, const char *org_id)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(
        a,
        "SELECT c.id, c.name, c.kind, c.host, c.port, c.database_name, c.username, c.sslmode,"
        " c.llm_sharing, to_char(c.last_synced_at, 'YYYY-MM-DD HH24:MI') AS last_synced, c.last_error,"
        " (SELECT count(*) FROM schema_tables t WHERE t.connection_id = c.id) AS tables"
        " FROM connections c WHERE c.org_id = $1 ORDER BY lower(c.name)",
        1, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

json_t *conn_all(arena_t *a)
{
    char err[256];
    PGresult *res = db_exec(a, "SELECT org_id, id FROM connections ORDER BY org_id, id", 0, NULL,
                            err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

static unsigned char *bytea_of(arena_t *a, const PGresult *res, int row, int col, size_t *len)
{
    *len = 0;
    if (PQgetisnull(res, row, col))
        return NULL;
    size_t n;
    unsigned char *raw = PQunescapeBytea((const unsigned char *)PQgetvalue(res, row, col), &n);
    if (!raw)
        return NULL;
    unsigned char *out = arena_alloc(a, n ? n : 1);
    memcpy(out, raw, n);
    PQfreemem(raw);
    *len = n;
    return out;
}

static void json_free(void *p)
{
    json_decref(p);
}

int conn_get(arena_t *a, const char *org_id, const char *id, conn_row_t *out)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(
        a,
        "SELECT id, name, kind, host, port, database_name, username, sslmode, version,"
        " password_enc, to_json(allowed_functions)::text,"
        " to_char(last_synced_at, 'YYYY-MM-DD HH24:MI'), last_error, llm_sharing"
        " FROM connections WHERE org_id = $1 AND id = $2",
        2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    memset(out, 0, sizeof *out);
    out->id = arena_strdup(a, db_get(res, 0, 0));
    out->name = arena_strdup(a, db_get(res, 0, 1));
    out->kind = arena_strdup(a, db_get(res, 0, 2));
    out->host = arena_strdup(a, db_get(res, 0, 3));
    out->port = atoi(db_get(res, 0, 4));
    out->database_name = arena_strdup(a, db_get(res, 0, 5));
    out->username = arena_strdup(a, db_get(res, 0, 6));
    out->sslmode = arena_strdup(a, db_get(res, 0, 7));
    out->version = arena_strdup(a, db_get(res, 0, 8));
    out->password_enc = bytea_of(a, res, 0, 9, &out->password_enc_len);
    out->allowed_functions = json_loads(db_get(res, 0, 10), 0, NULL);
    if (!out->allowed_functions)
        out->allowed_functions = json_array();
    arena_defer(a, json_free, out->allowed_functions);
    out->last_synced_at = arena_strdup(a, db_get(res, 0, 11));
    out->last_error = db_is_null(res, 0, 12) ? NULL : arena_strdup(a, db_get(res, 0, 12));
    out->llm_sharing = arena_strdup(a, db_get(res, 0, 13));
    return 0;
}

static const char *enc_param(arena_t *a, const conn_fields_t *f)
{
    return f->password_enc ? db_bytea_param(a, f->password_enc, f->password_enc_len) : NULL;
}

int conn_create(arena_t *a, const char *org_id, const char *user_id, const conn_fields_t *f,
                char **id, const char **field, char *err, size_t errlen)
{
    char state[6] = "", port[16]; /* state stays empty when the lock query fails */
    *field = NULL;
    snprintf(port, sizeof port, "%d", f->port);
    if (db_begin(err, errlen) < 0)
        return -1;
    const char *p[10] = {org_id, user_id, f->name, f->host, port, f->database_name, f->username,
                         f->sslmode, enc_param(a, f), f->llm_sharing};
    PGresult *lock = db_exec(a, "SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE", 1, p, err,
                             errlen);
    PGresult *res = lock ? db_exec_state(a,
        "INSERT INTO connections (org_id, created_by_id, name, host, port, database_name,"
        " username, sslmode, password_enc, llm_sharing)"
        " SELECT $1, $2, $3, $4, $5::int, $6, $7, $8, $9::bytea, coalesce($10, 'schema')"
        " FROM organizations o"
        " WHERE o.id = $1 AND (SELECT count(*) FROM connections WHERE org_id = $1) < o.max_connections"
        " RETURNING id", 10, p, state, err, errlen) : NULL;
    if (!res || PQntuples(res) != 1) {
        db_rollback();
        if (res)
            snprintf(err, errlen, "limit");
        else if (strcmp(state, "23505") == 0)
            *field = "name";
        return -1;
    }
    *id = arena_strdup(a, db_get(res, 0, 0));
    return db_commit(err, errlen);
}

int conn_update(arena_t *a, const char *org_id, const char *id, const conn_fields_t *f,
                const char **field, char *err, size_t errlen)
{
    char state[6], port[16];
    *field = NULL;
    snprintf(port, sizeof port, "%d", f->port);
    const char *p[10] = {org_id, id, f->name, f->host, port, f->database_name, f->username,
                         f->sslmode, enc_param(a, f), f->llm_sharing};
    /* The saved password stays only with the target it was typed for: a
     * new host, port, database, user or SSL mode without a new password
     * changes nothing (checked here, in the same statement, as well as by
     * the page). DataMind's own Uploads connection keeps its target. */
    PGresult *res = db_exec_state(
        a,
        "UPDATE connections SET name = $3, host = $4, port = $5::int, database_name = $6,"
        " username = $7, sslmode = $8, password_enc = coalesce($9::bytea, password_enc),"
        " llm_sharing = coalesce($10, llm_sharing),"
        " version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2"
        " AND CASE WHEN (host, port, database_name, username, sslmode) = ($4, $5::int, $6, $7, $8)"
        "     THEN $9::bytea IS NULL OR kind <> 'uploads'"
        "     ELSE kind <> 'uploads' AND ($9::bytea IS NOT NULL OR password_enc IS NULL) END",
        10, p, state, err, errlen);
    if (!res) {
        if (strcmp(state, "23505") == 0)
            *field = "name";
        return -1;
    }
    if (atoi(PQcmdTuples(res)) == 1)
        return 0;
    *field = "password"; /* the row is there (the caller read it): the target moved */
    snprintf(err, errlen, "password");
    return -1;
}

int conn_delete(arena_t *a, const char *org_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a, "DELETE FROM connections WHERE org_id = $1 AND id = $2", 2, p, err,
                            sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

void conn_set_sync(arena_t *a, const char *org_id, const char *id, const char *error)
{
    char err[256];
    const char *p[3] = {org_id, id, error};
    db_exec(a,
            "UPDATE connections SET last_error = $3,"
            " last_synced_at = CASE WHEN $3::text IS NULL THEN now() ELSE last_synced_at END"
            " WHERE org_id = $1 AND id = $2",
            3, p, err, sizeof err);
}

int conn_set_functions(arena_t *a, const char *org_id, const char *id, const char *csv)
{
    char err[256];
    const char *p[3] = {org_id, id, csv};
    PGresult *res = db_exec(
        a,
        "UPDATE connections SET allowed_functions = coalesce(array(SELECT DISTINCT lower(btrim(x))"
        " FROM unnest(string_to_array($3, ',')) x WHERE btrim(x) <> '' ORDER BY 1), '{}'),"
        " version = version + 1 WHERE org_id = $1 AND id = $2",
        3, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int conn_create_uploads(arena_t *a, const char *org_id, const conn_fields_t *f, char **id)
{
    char err[256], port[16];
    snprintf(port, sizeof port, "%d", f->port);
    /* "Uploads", or "Uploaded files" when someone named a connection so */
    static const char *const names[] = {"Uploads", "Uploaded files", "DataMind uploads"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *p[8] = {org_id, f->host, port, f->database_name, f->username, f->sslmode,
                            enc_param(a, f), names[i]};
        PGresult *res = db_exec(a,
                                "INSERT INTO connections (org_id, name, kind, host, port, database_name,"
                                " username, sslmode, password_enc)"
                                " VALUES ($1, $8, 'uploads', $2, $3::int, $4, $5, $6, $7::bytea)"
                                " ON CONFLICT (org_id, name) DO NOTHING RETURNING id",
                                8, p, err, sizeof err);
        if (res && PQntuples(res) == 1) {
            *id = arena_strdup(a, db_get(res, 0, 0));
            return 0;
        }
        if (!res)
            return -1;
    }
    return -1;
}

int conn_update_uploads(arena_t *a, const char *org_id, const char *id, const conn_fields_t *f)
{
    char err[256], port[16];
    snprintf(port, sizeof port, "%d", f->port);
    const char *p[6] = {org_id, id, f->host, port, f->username, enc_param(a, f)};
    PGresult *res = db_exec(a,
                            "UPDATE connections SET host = $3, port = $4::int, username = $5,"
                            " password_enc = $6::bytea, version = version + 1"
                            " WHERE org_id = $1 AND id = $2 AND kind = 'uploads'",
                            6, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}
