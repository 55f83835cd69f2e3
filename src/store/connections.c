/* connections.c — the organization's database connections. The password
 * is stored only encrypted (the caller encrypts; see auth/secret.c) and is
 * never returned by the list. */
#include "store/connections.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *store_conn_target_binding(arena_t *a, const char *kind, const char *host, int port,
                                      const char *database, const char *user,
                                      const char *sslmode)
{
    /* PostgreSQL's (and the uploads database's) stays "pg1", as sealed
     * before other engines existed; another engine's names its kind */
    int pg = !kind || strcmp(kind, "postgresql") == 0 || strcmp(kind, "uploads") == 0;
    return arena_printf(a, "%s1|%zu:%s|%d|%zu:%s|%zu:%s|%zu:%s", pg ? "pg" : kind, strlen(host),
                        host, port, strlen(database), database, strlen(user), user,
                        strlen(sslmode), sslmode);
}

int store_conn_target_changed(const store_conn_t *c, const store_conn_fields_t *f)
{
    return (f->kind && strcmp(c->kind, "uploads") != 0 && strcmp(c->kind, f->kind) != 0) ||
           strcmp(c->host, f->host) != 0 || c->port != f->port ||
           strcmp(c->database_name, f->database_name) != 0 ||
           strcmp(c->username, f->username) != 0 || strcmp(c->sslmode, f->sslmode) != 0;
}

/* One connection's columns, in the order conn_from_result reads them; the
 * sealed password is not among them (only store_conn_get adds it). */
static const char *const conn_cols =
    "SELECT c.id, c.name, c.kind, c.host, c.port, c.database_name, c.username, c.sslmode,"
    " c.version, c.llm_sharing, to_json(c.allowed_functions)::text,"
    " to_char(c.last_synced_at, 'YYYY-MM-DD HH24:MI'), c.last_error,"
    " (SELECT count(*) FROM schema_tables t WHERE t.connection_id = c.id)";
#define CONN_NCOLS 14

static void conn_from_result(arena_t *a, const PGresult *r, int i, store_conn_t *out)
{
    memset(out, 0, sizeof *out);
    out->id = store_row_text(a, r, i, 0);
    out->name = store_row_text(a, r, i, 1);
    out->kind = store_row_text(a, r, i, 2);
    out->host = store_row_text(a, r, i, 3);
    out->port = atoi(db_get(r, i, 4));
    out->database_name = store_row_text(a, r, i, 5);
    out->username = store_row_text(a, r, i, 6);
    out->sslmode = store_row_text(a, r, i, 7);
    out->version = store_row_text(a, r, i, 8);
    out->llm_sharing = store_row_text(a, r, i, 9);
    out->allowed_functions = store_row_names(a, db_get(r, i, 10), &out->n_allowed_functions);
    out->last_synced_at = store_row_opt(a, r, i, 11);
    out->last_error = store_row_opt(a, r, i, 12);
    out->tables = atoll(db_get(r, i, 13));
}

json_t *store_conn_json(const store_conn_t *c, const char *selected)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", store_json_text(c->id));
    json_object_set_new(o, "name", store_json_text(c->name));
    json_object_set_new(o, "kind", store_json_text(c->kind));
    json_object_set_new(o, "host", store_json_text(c->host));
    json_object_set_new(o, "port", json_integer(c->port));
    json_object_set_new(o, "database_name", store_json_text(c->database_name));
    json_object_set_new(o, "username", store_json_text(c->username));
    json_object_set_new(o, "sslmode", store_json_text(c->sslmode));
    json_object_set_new(o, "llm_sharing", store_json_text(c->llm_sharing));
    json_object_set_new(o, "last_synced", store_json_text(c->last_synced_at));
    json_object_set_new(o, "last_error", store_json_text(c->last_error));
    json_object_set_new(o, "tables", json_integer(c->tables));
    if (c->kind && !strcmp(c->kind, "sqlite")) { /* a file on the server: its name, not its path */
        const char *slash = c->database_name ? strrchr(c->database_name, '/') : NULL;
        json_object_set_new(o, "sqlite_file", store_json_text(slash ? slash + 1 : c->database_name));
    }
    json_object_set_new(o, "selected", json_boolean(selected && strcmp(selected, c->id) == 0));
    return o;
}

json_t *store_conn_list_json(const store_conn_t *rows, size_t n, const char *selected)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, store_conn_json(&rows[i], selected));
    return list;
}

int store_conn_list(arena_t *a, const char *org_id, store_conn_t **rows, size_t *n)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(a,
                            arena_printf(a, "%s FROM connections c WHERE c.org_id = $1"
                                            " ORDER BY lower(c.name)", conn_cols),
                            1, p, err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    *rows = arena_alloc(a, (*n ? *n : 1) * sizeof **rows);
    for (size_t i = 0; i < *n; i++)
        conn_from_result(a, res, (int)i, &(*rows)[i]);
    return res ? 0 : -1;
}

store_conn_ref_t *store_conn_all(arena_t *a, size_t *n)
{
    char err[256];
    PGresult *res = db_exec(a, "SELECT org_id, id FROM connections ORDER BY org_id, id", 0, NULL,
                            err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    store_conn_ref_t *rows = arena_alloc(a, (*n ? *n : 1) * sizeof *rows);
    for (size_t i = 0; i < *n; i++) {
        rows[i].org_id = store_row_text(a, res, (int)i, 0);
        rows[i].id = store_row_text(a, res, (int)i, 1);
    }
    return rows;
}

static const unsigned char *bytea_of(arena_t *a, const PGresult *res, int row, int col,
                                     size_t *len)
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

int store_conn_get(arena_t *a, const char *org_id, const char *id, store_conn_t *out)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a,
                            arena_printf(a, "%s, c.password_enc FROM connections c"
                                            " WHERE c.org_id = $1 AND c.id = $2", conn_cols),
                            2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    conn_from_result(a, res, 0, out);
    out->password_enc = bytea_of(a, res, 0, CONN_NCOLS, &out->password_enc_len);
    return 0;
}

static const char *enc_param(arena_t *a, const store_conn_fields_t *f)
{
    return f->password_enc ? db_bytea_param(a, f->password_enc, f->password_enc_len) : NULL;
}

int store_conn_create(arena_t *a, const char *org_id, const char *user_id,
                      const store_conn_fields_t *f, char **id, const char **field, char *err,
                      size_t errlen)
{
    char state[6] = "", port[16]; /* state stays empty when the lock query fails */
    *field = NULL;
    snprintf(port, sizeof port, "%d", f->port);
    if (db_begin(err, errlen) < 0)
        return -1;
    const char *p[11] = {org_id, user_id, f->name, f->host, port, f->database_name, f->username,
                         f->sslmode, enc_param(a, f), f->llm_sharing,
                         f->kind ? f->kind : "postgresql"};
    PGresult *lock = db_exec(a, "SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE", 1, p, err,
                             errlen);
    PGresult *res = lock ? db_exec_state(a,
        "INSERT INTO connections (org_id, created_by_id, name, host, port, database_name,"
        " username, sslmode, password_enc, llm_sharing, kind)"
        " SELECT $1, $2, $3, $4, $5::int, $6, $7, $8, $9::bytea, coalesce($10, 'schema'), $11"
        " FROM organizations o"
        " WHERE o.id = $1 AND (SELECT count(*) FROM connections WHERE org_id = $1) < o.max_connections"
        " RETURNING id", 11, p, state, err, errlen) : NULL;
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

int store_conn_update(arena_t *a, const char *org_id, const char *id, const store_conn_fields_t *f,
                      const char **field, char *err, size_t errlen)
{
    char state[6], port[16];
    *field = NULL;
    snprintf(port, sizeof port, "%d", f->port);
    const char *p[11] = {org_id, id, f->name, f->host, port, f->database_name, f->username,
                         f->sslmode, enc_param(a, f), f->llm_sharing,
                         f->kind ? f->kind : "postgresql"};
    /* The saved password stays only with the target it was typed for: a
     * new engine, host, port, database, user or SSL mode without a new
     * password changes nothing (checked here, in the same statement, as well
     * as by the page). DataMind's own Uploads connection keeps its target
     * and its kind. */
    PGresult *res = db_exec_state(
        a,
        "UPDATE connections SET name = $3, host = $4, port = $5::int, database_name = $6,"
        " username = $7, sslmode = $8, password_enc = coalesce($9::bytea, password_enc),"
        " llm_sharing = coalesce($10, llm_sharing),"
        " kind = CASE WHEN kind = 'uploads' THEN kind ELSE $11 END,"
        " version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2"
        " AND CASE WHEN (host, port, database_name, username, sslmode) = ($4, $5::int, $6, $7, $8)"
        "          AND kind IN ($11, 'uploads')"
        "     THEN $9::bytea IS NULL OR kind <> 'uploads'"
        "     ELSE kind <> 'uploads' AND ($9::bytea IS NOT NULL OR password_enc IS NULL) END",
        11, p, state, err, errlen);
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

int store_conn_delete(arena_t *a, const char *org_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a, "DELETE FROM connections WHERE org_id = $1 AND id = $2", 2, p, err,
                            sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

void store_conn_set_sync(arena_t *a, const char *org_id, const char *id, const char *error)
{
    char err[256];
    const char *p[3] = {org_id, id, error};
    db_exec(a,
            "UPDATE connections SET last_error = $3,"
            " last_synced_at = CASE WHEN $3::text IS NULL THEN now() ELSE last_synced_at END"
            " WHERE org_id = $1 AND id = $2",
            3, p, err, sizeof err);
}

int store_conn_set_functions(arena_t *a, const char *org_id, const char *id, const char *csv)
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

int store_conn_create_uploads(arena_t *a, const char *org_id, const store_conn_fields_t *f,
                              char **id)
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

int store_conn_update_uploads(arena_t *a, const char *org_id, const char *id,
                              const store_conn_fields_t *f)
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
