/* connections.c — connect a database, browse its schema, test, refresh,
 * edit, delete. */
#include "pages/pages.h"
#include "ask/llm.h"
#include "auth/auth.h"
#include "core/config.h"
#include "engine/engine.h"
#include "query/query.h"
#include "store/connections.h"
#include "store/schema.h"
#include "store/audit.h"
#include "tasks/tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sslmodes[] = {"disable", "prefer", "require", "verify-full"};

/* The engines a connection can name, in the form's order (PostgreSQL first,
 * the default). A kind this build lacks is still offered and saved: using
 * it says "this DataMind was built without the … engine". */
static const char *const kinds[] = {"postgresql", "mysql", "sqlite", "clickhouse"};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static int kind_known(const char *k)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (strcmp(k, kinds[i]) == 0)
            return 1;
    return 0;
}

static json_t *kind_options(const char *current)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < NKINDS; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:b}", "value", kinds[i], "label",
                                             engine_kind_label(kinds[i]), "selected",
                                             current && strcmp(current, kinds[i]) == 0, "built",
                                             engine_for_kind(kinds[i]) != NULL));
    return arr;
}

static json_t *sslmode_options(const char *current)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < 4; i++)
        json_array_append_new(arr, json_pack("{s:s, s:b}", "value", sslmodes[i], "selected",
                                             current && strcmp(current, sslmodes[i]) == 0));
    return arr;
}

/* The engine's label ("MySQL / MariaDB"; DataMind's uploads are
 * PostgreSQL) and whether it is a file (SQLite: no host, port or user). */
static void engine_into(json_t *o, const char *kind)
{
    const char *label = engine_kind_label(kind);
    json_object_set_new(o, "engine", json_string(label ? label : kind));
    json_object_set_new(o, "is_file", json_boolean(strcmp(kind, "sqlite") == 0));
}

void page_connections(req_t *r)
{
    json_t *ctx = page_ctx(r, "Connections", "connections");
    store_conn_t *rows;
    size_t n;
    store_conn_list(r->arena, r->user->org_id, &rows, &n);
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_t *list = store_conn_list_json(rows, n, NULL);
    for (size_t i = 0; i < n; i++)
        engine_into(json_array_get(list, i), rows[i].kind);
    json_object_set_new(ctx, "connections", list);
    page_render(r, "connections", ctx);
}

static void form_render(req_t *r, form_t *f, const store_conn_t *c, int status)
{
    json_t *ctx = page_ctx(r, c ? "Edit connection" : "New connection", "connections");
    const char *ssl = f ? json_string_value(json_object_get(f->values, "sslmode")) : NULL;
    const char *kind = f ? json_string_value(json_object_get(f->values, "kind")) : NULL;
    kind = kind && *kind ? kind : c ? c->kind : "postgresql";
    json_object_set_new(ctx, "kinds", kind_options(kind));
    if (c) {
        json_object_set_new(ctx, "conn", json_pack("{s:s, s:s, s:s, s:i, s:s, s:s}", "id", c->id,
                            "name", c->name, "host", c->host, "port", c->port, "database",
                            c->database_name, "user", c->username));
        ssl = ssl ? ssl : c->sslmode;
    }
    json_object_set_new(ctx, "sslmodes", sslmode_options(ssl ? ssl : "prefer"));
    const char *share = f ? json_string_value(json_object_get(f->values, "llm_sharing")) : NULL;
    share = share && llm_share_parse(share) >= 0 ? share : (c ? c->llm_sharing : "schema");
    json_object_set_new(ctx, "llm_sharing", json_pack("{s:b}", share, 1));
    if (f)
        form_into(f, ctx);
    r->status = status;
    page_render(r, "connection_form", ctx);
}

void page_connection_new(req_t *r)
{
    form_render(r, NULL, NULL, 200);
}

/* What may be sent to the LLM: an admin's choice, absent for anyone else
 * (NULL keeps the saved level, or the default "schema" for a new one). */
static void read_sharing(req_t *r, form_t *f, store_conn_fields_t *cf)
{
    const char *v = form_text(f, "llm_sharing", "Sent to the LLM", 0, 20);
    cf->llm_sharing = NULL;
    if (!*v)
        return;
    if (r->user->role < ROLE_ADMIN)
        form_error(f, "llm_sharing", "Only an admin can choose what is sent to the LLM.");
    else if (llm_share_parse(v) < 0)
        form_error(f, "llm_sharing", "Choose schema, samples or rows.");
    else
        cf->llm_sharing = v;
}

/* Read the form (or the URL that fills it in). *pw = the password typed.
 * c: the connection edited (its engine when the form names none), or NULL. */
static void read_fields(req_t *r, form_t *f, const store_conn_t *c, store_conn_fields_t *cf,
                        const char **pw)
{
    const char *url = form_text(f, "url", "URL", 0, 2000);
    http_db_url_t u = {0};
    if (*url && http_parse_db_url(r->arena, url, &u) < 0)
        form_error(f, "url", "This is not a database URL like postgresql://user:password@host:5432/db, "
                             "mysql://…, clickhouse://… or sqlite:///path/to/file.db.");
    const char *kind = form_text(f, "kind", "Engine", 0, 20);
    const char *was = c && strcmp(c->kind, "uploads") != 0 ? c->kind : "postgresql";
    cf->kind = u.kind ? u.kind : *kind ? kind : was;
    if (!kind_known(cf->kind))
        form_error(f, "kind", "Choose PostgreSQL, MySQL / MariaDB, SQLite or ClickHouse.");
    int sqlite = strcmp(cf->kind, "sqlite") == 0; /* a file: no host, port or user */
    cf->name = form_text(f, "name", "Name", 1, 200);
    cf->host = u.kind ? (u.host ? u.host : "") : form_text(f, "host", "Host", !sqlite, 255);
    const char *port = form_text(f, "port", "Port", 0, 5);
    cf->port = u.kind ? u.port : sqlite ? 0 : *port ? atoi(port) : http_db_default_port(cf->kind);
    if (!sqlite && (cf->port < 1 || cf->port > 65535))
        form_error(f, "port", "The port is a number from 1 to 65535.");
    cf->port = sqlite ? 0 : cf->port;
    cf->host = sqlite ? "" : cf->host;
    cf->database_name = u.dbname ? u.dbname
                                 : form_text(f, "database", sqlite ? "Database file" : "Database",
                                             1, 255);
    if (sqlite && cf->database_name[0] && cf->database_name[0] != '/')
        form_error(f, "database", "A SQLite database is a file's absolute path (/srv/data/shop.db).");
    cf->username = u.user ? u.user : form_text(f, "user", "User", !sqlite, 255);
    const char *ssl = u.sslmode ? u.sslmode : form_text(f, "sslmode", "SSL mode", 0, 20);
    cf->sslmode = *ssl ? ssl : "prefer";
    int known = 0;
    for (size_t i = 0; i < 4; i++)
        known |= strcmp(cf->sslmode, sslmodes[i]) == 0;
    if (!known)
        form_error(f, "sslmode", "Choose disable, prefer, require or verify-full.");
    const char *typed = http_param(r, "password");
    *pw = u.password ? u.password : (typed ? typed : "");
    if (strlen(*pw) > 1000)
        form_error(f, "password", "The password is too long.");
    read_sharing(r, f, cf);
}

/* The password, sealed to the target it was typed with (host, port,
 * database, user, SSL mode): it is never sent anywhere else. */
static int encrypt_password(const char *pw, store_conn_fields_t *cf, req_t *r)
{
    unsigned char *enc;
    size_t n;
    const char *binding = store_conn_target_binding(r->arena, cf->kind, cf->host, cf->port,
                                                    cf->database_name,
                                              cf->username, cf->sslmode);
    if (secret_seal(binding, pw, &enc, &n) < 0)
        return -1;
    unsigned char *copy = arena_alloc(r->arena, n);
    memcpy(copy, enc, n);
    free(enc);
    cf->password_enc = copy;
    cf->password_enc_len = n;
    return 0;
}

/* A saved connection's schema is read by the worker; the page waits
 * DATAMIND_QUERY_WAIT_MS for it and says what it found, or that it is
 * still reading. */
static void discover_after_save(req_t *r, const char *id, const char *verb)
{
    char err[256], jid[33];
    const char *why = NULL, *msg;
    const json_t *o = NULL;
    if (tasks_enqueue_schema_refresh(r->arena, r->user->org_id, id, jid, err, sizeof err) == 0)
        o = page_job_outcome(r, jid, cfg->query_wait_ms, "Reading its schema", &why);
    else
        why = "the job queue is not reachable: press “Refresh schema” in a moment";
    int ok = o && json_is_true(json_object_get(o, "ok"));
    if (ok) {
        long n = (long)json_integer_value(json_object_get(o, "tables"));
        msg = arena_printf(r->arena, "Connection %s. Found %ld table%s.", verb, n, n == 1 ? "" : "s");
    } else if (o || why) {
        const char *e = why ? why : json_string_value(json_object_get(o, "error"));
        msg = arena_printf(r->arena, "Connection %s, but its schema could not be read: %s", verb,
                           e ? e : "no reason given");
    } else {
        msg = arena_printf(r->arena, "Connection %s. Reading its schema in the background: reload "
                           "this page in a few seconds.", verb);
    }
    page_flash(r, ok || (!o && !why) ? "ok" : "error", msg);
    http_redirect(r, 303, arena_printf(r->arena, "/connections/%s", id));
}

int page_connection_save_new(req_t *r, form_t *f, char **out_id)
{
    store_conn_fields_t cf = {0};
    const char *pw;
    read_fields(r, f, NULL, &cf, &pw);
    char err[512];
    char *id = NULL;
    const char *field = NULL;
    if (form_ok(f) && *pw && encrypt_password(pw, &cf, r) < 0)
        form_error(f, "password", "The password could not be stored; try again.");
    if (form_ok(f) &&
        store_conn_create(r->arena, r->user->org_id, r->user->id, &cf, &id, &field, err, sizeof err) < 0) {
        if (field)
            form_error(f, "name", "Another connection already has this name.");
        else if (strcmp(err, "limit") == 0)
            form_error(f, "name", "Your organization has reached its connection limit.");
        else
            form_error(f, "name", "The connection could not be saved; try again.");
    }
    if (!form_ok(f))
        return -1;
    store_audit_record(r->arena, r->user->org_id, r->user->id, "connection.create", "connection", id,
                 json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", cf.name, "kind", cf.kind, "host",
                           cf.host, "database", cf.database_name, "llm_sharing",
                           cf.llm_sharing ? cf.llm_sharing : "schema"), r->remote_addr);
    *out_id = id;
    return 0;
}

void page_connection_create(req_t *r)
{
    form_t f;
    char *id = NULL;
    form_open(&f, r);
    if (page_connection_save_new(r, &f, &id) < 0) {
        form_render(r, &f, NULL, 400);
        return;
    }
    form_close(&f);
    discover_after_save(r, id, "saved");
}

static int load(req_t *r, store_conn_t *c)
{
    if (store_conn_get(r->arena, r->user->org_id, http_route_param(r, "id"), c) == 0)
        return 0;
    page_error(r, 404, "There is no such connection in your organization.");
    return -1;
}

static void show(req_t *r, const store_conn_t *c, json_t *probe, const char *probe_error,
                 const char *testing)
{
    const char *q = http_query(r, "q");
    const char *table = http_query(r, "table");
    json_t *ctx = page_ctx(r, c->name, "connections");
    json_object_set_new(ctx, "conn", json_pack(
                        "{s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s?, s:s?, s:{s:b}}",
                        "id", c->id, "name", c->name, "host", c->host, "port", c->port,
                        "database", c->database_name, "user", c->username, "sslmode", c->sslmode,
                        "last_synced", c->last_synced_at,
                        "last_error", c->last_error, "llm_sharing", c->llm_sharing, 1));
    engine_into(json_object_get(ctx, "conn"), c->kind);
    store_schema_table_t *tables, t;
    size_t n;
    store_schema_tables(r->arena, r->user->org_id, c->id, q, &tables, &n);
    json_object_set_new(ctx, "table_count", json_integer((json_int_t)n));
    json_object_set_new(ctx, "tables", store_schema_tables_json(tables, n));
    json_object_set_new(ctx, "q", json_string(q ? q : ""));
    if (table && store_schema_table(r->arena, r->user->org_id, c->id, table, &t) == 0) {
        json_t *tj = store_schema_table_json(&t);
        const engine_t *e = engine_for_kind(c->kind);
        json_object_set_new(tj, "preview_sql", json_string(query_preview_sql(
            r->arena, e ? e->dialect : NULL, t.schema_name, t.table_name, 20)));
        json_object_set_new(ctx, "table", tj);
    }
    if (probe)
        json_object_set_new(ctx, "probe", probe);
    if (probe_error)
        json_object_set_new(ctx, "probe_error", json_string(probe_error));
    if (testing) { /* a Test still running in the worker */
        json_object_set_new(ctx, "testing", json_pack("{s:s}", "url", testing));
        json_object_set_new(ctx, "refresh_nojs", json_string(arena_printf(r->arena, "1;url=%s", testing)));
    }
    buf_t b = {0};
    for (size_t i = 0; i < c->n_allowed_functions; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", c->allowed_functions[i]);
    json_object_set_new(ctx, "functions", json_string(buf_str(&b)));
    buf_free(&b);
    page_render(r, "connection", ctx);
}

/* The page with a Test's outcome (NULL: still testing, the page follows
 * the job: htmx asks again, without JavaScript it reloads itself). */
static void show_test(req_t *r, const store_conn_t *c, const char *jid, const json_t *o,
                      const char *why)
{
    if (o || why) {
        int ok = o && json_is_true(json_object_get(o, "ok"));
        const char *e = why ? why : json_string_value(json_object_get(o, "error"));
        show(r, c, ok ? json_incref(json_object_get(o, "info")) : NULL,
             ok ? NULL : e ? e : "The test failed.", NULL);
        return;
    }
    show(r, c, NULL, NULL, arena_printf(r->arena, "/connections/%s?test=%s", c->id, jid));
}

void page_connection(req_t *r)
{
    store_conn_t c;
    if (load(r, &c) < 0)
        return;
    const char *jid = http_query(r, "test");
    if (!jid || !tasks_connection_test_job(r->arena, r->user->org_id, r->user->id, c.id, jid)) {
        show(r, &c, NULL, NULL, NULL);
        return;
    }
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, 0, "The test", &why);
    show_test(r, &c, jid, o, why);
}

/* "Test": the worker connects (never this web worker); the page waits
 * DATAMIND_QUERY_WAIT_MS for it, then follows it. */
void page_connection_test(req_t *r)
{
    store_conn_t c;
    if (load(r, &c) < 0)
        return;
    char jid[33], err[256];
    if (tasks_connection_test_submit(r->arena, r->user->org_id, r->user->id, r->remote_addr, c.id,
                                     jid, err, sizeof err) < 0) {
        page_error(r, 503, "The connection cannot be tested right now (the job queue is not "
                           "reachable). Try again in a moment.");
        return;
    }
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, cfg->query_wait_ms, "The test", &why);
    if (!o && !why) {
        http_redirect(r, 303, arena_printf(r->arena, "/connections/%s?test=%s", c.id, jid));
        return;
    }
    show_test(r, &c, jid, o, why);
}

/* "Refresh schema": the worker reads it (a large schema takes a while),
 * the page does not wait. */
void page_connection_refresh(req_t *r)
{
    store_conn_t c;
    char err[256], jid[33];
    if (load(r, &c) < 0)
        return;
    if (tasks_enqueue_schema_refresh(r->arena, r->user->org_id, c.id, jid, err, sizeof err) < 0) {
        page_flash(r, "error", "The schema cannot be read right now (the job queue is not "
                               "reachable). Try again in a moment.");
        http_redirect(r, 303, arena_printf(r->arena, "/connections/%s", c.id));
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "connection.refresh", "connection", c.id,
                 json_pack("{s:s}", "job", jid), r->remote_addr);
    page_flash(r, "ok", "Reading the schema again in the background: reload this page in a few seconds.");
    http_redirect(r, 303, arena_printf(r->arena, "/connections/%s", c.id));
}

void page_connection_edit(req_t *r)
{
    store_conn_t c;
    if (load(r, &c) == 0)
        form_render(r, NULL, &c, 200);
}

/* "the host and the port": what an edit changed of the password's target. */
static const char *target_changes(req_t *r, const store_conn_t *c, const store_conn_fields_t *f)
{
    const char *names[6];
    size_t n = 0;
    if (f->kind && strcmp(c->kind, f->kind) != 0)
        names[n++] = "engine";
    if (strcmp(c->host, f->host) != 0)
        names[n++] = "host";
    if (c->port != f->port)
        names[n++] = "port";
    if (strcmp(c->database_name, f->database_name) != 0)
        names[n++] = "database";
    if (strcmp(c->username, f->username) != 0)
        names[n++] = "user";
    if (strcmp(c->sslmode, f->sslmode) != 0)
        names[n++] = "SSL mode";
    buf_t b = {0};
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i == 0 ? "the " : i + 1 == n ? " and the " : ", the ", names[i]);
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* A saved password is only ever sent to the target it was typed for: a
 * changed target needs it again; DataMind's own Uploads connection keeps
 * its target (and password) altogether. */
static void check_target(req_t *r, form_t *f, const store_conn_t *c, const store_conn_fields_t *cf,
                         const char *pw)
{
    if (!form_ok(f))
        return;
    int moved = store_conn_target_changed(c, cf);
    if (strcmp(c->kind, "uploads") == 0 && (moved || *pw)) {
        form_error(f, "host", "DataMind manages this connection to your uploaded files: only "
                              "its name can change.");
    } else if (moved && !*pw && c->password_enc) {
        form_error(f, "password", arena_printf(r->arena,
                   "You changed %s, so type the password again: a saved password is only ever "
                   "sent to the server it was entered for.", target_changes(r, c, cf)));
    }
}

void page_connection_update(req_t *r)
{
    store_conn_t c;
    if (load(r, &c) < 0)
        return;
    form_t f;
    store_conn_fields_t cf = {0};
    const char *pw, *field = NULL;
    char err[512];
    form_open(&f, r);
    read_fields(r, &f, &c, &cf, &pw);
    if (strcmp(c.kind, "uploads") == 0)
        cf.kind = c.kind; /* DataMind's own: it stays what it is */
    check_target(r, &f, &c, &cf, pw);
    if (form_ok(&f) && *pw && encrypt_password(pw, &cf, r) < 0)
        form_error(&f, "password", "The password could not be stored; try again.");
    if (form_ok(&f) && store_conn_update(r->arena, r->user->org_id, c.id, &cf, &field, err, sizeof err) < 0)
        form_error(&f, field && !strcmp(field, "password") ? "password" : "name",
                   !field ? "The connection could not be saved; try again."
                   : !strcmp(field, "name") ? "Another connection already has this name."
                   : "The connection changed meanwhile: type the password again to save it.");
    if (!form_ok(&f)) {
        form_render(r, &f, &c, 400);
        return;
    }
    form_close(&f);
    query_pool_drop(c.id);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "connection.update", "connection", c.id,
                 json_pack("{s:s, s:b, s:s}", "name", cf.name, "password_changed", *pw != 0,
                           "llm_sharing", cf.llm_sharing ? cf.llm_sharing : c.llm_sharing),
                 r->remote_addr);
    discover_after_save(r, c.id, "updated");
}

void page_connection_delete(req_t *r)
{
    store_conn_t c;
    if (load(r, &c) < 0)
        return;
    const char *confirm = http_param(r, "confirm");
    if (!confirm || strcmp(confirm, c.name) != 0) {
        page_flash(r, "error", "To delete, type the connection's name exactly.");
        http_redirect(r, 303, arena_printf(r->arena, "/connections/%s", c.id));
        return;
    }
    store_conn_delete(r->arena, r->user->org_id, c.id);
    query_pool_drop(c.id);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "connection.delete", "connection", c.id,
                 json_pack("{s:s}", "name", c.name), r->remote_addr);
    page_flash(r, "ok", "Connection deleted.");
    http_redirect(r, 303, "/connections");
}

void page_connection_functions(req_t *r)
{
    store_conn_t c;
    if (load(r, &c) < 0)
        return;
    const char *list = http_param(r, "functions");
    list = list ? list : "";
    if (strlen(list) > 2000 || strspn(list, "abcdefghijklmnopqrstuvwxyz0123456789_., ") != strlen(list)) {
        page_flash(r, "error", "List function names separated by commas (letters, digits, _ and a schema.)");
        http_redirect(r, 303, arena_printf(r->arena, "/connections/%s", c.id));
        return;
    }
    store_conn_set_functions(r->arena, r->user->org_id, c.id, list);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "connection.functions", "connection",
                 c.id, json_pack("{s:s}", "functions", list), r->remote_addr);
    page_flash(r, "ok", "Allowed functions saved.");
    http_redirect(r, 303, arena_printf(r->arena, "/connections/%s", c.id));
}
