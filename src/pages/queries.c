/* queries.c — saved queries: save from Explore, list and search by name or
 * tag, open in Explore, edit, delete; shared with the organization or
 * private. */
#include "pages/pages.h"
#include "query/query.h"
#include "store/connections.h"
#include "store/queries.h"
#include "store/audit.h"

#include <string.h>

void page_queries(req_t *r)
{
    const char *q = http_query(r, "q");
    json_t *ctx = page_ctx(r, "Saved queries", "explore");
    store_query_t *list;
    size_t n;
    store_query_list(r->arena, r->user->org_id, r->user->id, q, &list, &n);
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_object_set_new(ctx, "queries", store_query_list_json(list, n));
    json_object_set_new(ctx, "q", json_string(q ? q : ""));
    page_render(r, "queries", ctx);
}

static void read_fields(form_t *f, store_query_fields_t *s)
{
    s->name = form_text(f, "name", "Name", 1, 200);
    s->description = form_text(f, "description", "Description", 0, 2000);
    s->sql = form_text(f, "sql", "SQL", 1, 100000);
    s->tags_csv = form_text(f, "tags", "Tags", 0, 500);
    s->connection_id = form_text(f, "connection_id", "Connection", 0, 36);
    const char *shared = http_param(f->r, "shared");
    s->shared = shared && strcmp(shared, "1") == 0;
    /* the {{name}} parameters' types and defaults (the Parameters section) */
    s->params = params_text(f->r, s->sql ? s->sql : "", NULL);
}

void page_queries_create(req_t *r)
{
    form_t f;
    store_query_fields_t s;
    char err[256], *id = NULL;
    form_open(&f, r);
    read_fields(&f, &s);
    if (!form_ok(&f)) {
        json_t *errors = f.errors;
        const char *first = json_object_iter_key(json_object_iter(errors));
        page_flash(r, "error", json_string_value(json_object_get(errors, first)));
        form_close(&f);
        http_redirect(r, 303, "/explore");
        return;
    }
    form_close(&f);
    if (store_query_create(r->arena, r->user->org_id, r->user->id, &s, &id, err, sizeof err) < 0) {
        page_error(r, 500, "The query could not be saved. Try again.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "query.save", "saved_query", id,
                 json_pack("{s:s, s:b}", "name", s.name, "shared", s.shared), r->remote_addr);
    page_flash(r, "ok", "Query saved.");
    http_redirect(r, 303, arena_printf(r->arena, "/queries/%s", id));
}

void page_query(req_t *r)
{
    store_query_t q;
    if (store_query_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &q) < 0) {
        page_error(r, 404, "There is no such saved query (or it is someone's private one).");
        return;
    }
    json_t *ctx = page_ctx(r, q.name, "explore");
    json_object_set_new(ctx, "can_edit", json_boolean(q.mine || r->user->role >= ROLE_ADMIN));
    json_object_set_new(ctx, "query", store_query_json(&q));
    /* its parameters: the edit form's types and defaults, and a form whose
     * GET to Explore is a shareable link to the result with these values */
    json_t *decl = json_loads(q.params ? q.params : "[]", 0, NULL);
    json_t *given = params_given(r, q.sql_text);
    json_t *view = params_view(r, q.sql_text, decl, given, q.connection_id);
    json_object_set_new(ctx, "has_params", json_boolean(json_array_size(view) > 0));
    json_object_set_new(ctx, "params_edit", json_true());
    json_object_set_new(ctx, "params", view);
    json_decref(decl);
    json_decref(given);
    store_conn_t *conns;
    size_t nconns;
    store_conn_list(r->arena, r->user->org_id, &conns, &nconns);
    json_object_set_new(ctx, "connections", store_conn_list_json(conns, nconns, NULL));
    page_render(r, "query", ctx);
}

static void change_done(req_t *r, int rc, const char *action, const char *id, const char *ok,
                        const char *next)
{
    if (rc == 404 || rc == 403) {
        page_error(r, rc, rc == 404 ? "There is no such saved query."
                                    : "Only its author or an admin can change this query.");
        return;
    }
    if (rc != 0) {
        page_error(r, 500, "The change could not be saved. Try again.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, action, "saved_query", id, NULL,
                 r->remote_addr);
    page_flash(r, "ok", ok);
    http_redirect(r, 303, next);
}

void page_query_update(req_t *r)
{
    const char *id = http_route_param(r, "id");
    form_t f;
    store_query_fields_t s;
    form_open(&f, r);
    read_fields(&f, &s);
    int valid = form_ok(&f);
    form_close(&f);
    if (!valid) {
        page_error(r, 400, "A saved query needs a name and its SQL.");
        return;
    }
    int rc = store_query_update(r->arena, r->user->org_id, r->user->id, r->user->role >= ROLE_ADMIN, id, &s);
    change_done(r, rc, "query.update", id, "Query updated.", arena_printf(r->arena, "/queries/%s", id));
}

void page_query_delete(req_t *r)
{
    const char *id = http_route_param(r, "id");
    int rc = store_query_delete(r->arena, r->user->org_id, r->user->id, r->user->role >= ROLE_ADMIN, id);
    change_done(r, rc, "query.delete", id, "Query deleted.", "/queries");
}
