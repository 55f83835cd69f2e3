/* vocabulary.c — a connection's business terms, for the planner: a word
 * mapped to a column, or a metric with its SQL expression. */
#include "pages/pages.h"
#include "store/vocabulary.h"
#include "store/schema.h"
#include "store/audit.h"
#include "store/connections.h"

#include <string.h>

static int load_conn(req_t *r, store_conn_t *c)
{
    if (store_conn_get(r->arena, r->user->org_id, http_route_param(r, "id"), c) == 0)
        return 0;
    page_error(r, 404, "There is no such connection in your organization.");
    return -1;
}

static void render(req_t *r, const store_conn_t *c, form_t *f, int status)
{
    json_t *ctx = page_ctx(r, "Vocabulary", "connections");
    json_object_set_new(ctx, "conn", json_pack("{s:s, s:s}", "id", c->id, "name", c->name));
    store_vocab_t *terms;
    size_t n;
    store_vocab_list(r->arena, r->user->org_id, c->id, &terms, &n);
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_object_set_new(ctx, "terms", store_vocab_list_json(terms, n));
    store_schema_table_t *tables;
    store_schema_tables(r->arena, r->user->org_id, c->id, NULL, &tables, &n);
    json_object_set_new(ctx, "tables", store_schema_tables_json(tables, n));
    if (f)
        form_into(f, ctx);
    r->status = status;
    page_render(r, "vocabulary", ctx);
}

void page_vocabulary(req_t *r)
{
    store_conn_t c;
    if (load_conn(r, &c) == 0)
        render(r, &c, NULL, 200);
}

void page_vocabulary_add(req_t *r)
{
    store_conn_t c;
    if (load_conn(r, &c) < 0)
        return;
    form_t f;
    form_open(&f, r);
    const char *term = form_text(&f, "term", "Term", 1, 100);
    const char *desc = form_text(&f, "description", "Description", 0, 500);
    const char *kind = form_text(&f, "kind", "Kind", 1, 10);
    const char *table = form_text(&f, "table", "Table", 1, 200);
    const char *column = form_text(&f, "column", "Column", 0, 200);
    const char *expr = form_text(&f, "expression", "Expression", 0, 2000);
    int metric = strcmp(kind, "metric") == 0;
    if (!metric && strcmp(kind, "column") != 0)
        form_error(&f, "kind", "Choose column or metric.");
    if (metric && !*expr)
        form_error(&f, "expression", "A metric needs its SQL expression, e.g. sum(order_items.quantity * order_items.unit_price).");
    if (!metric && !*column)
        form_error(&f, "column", "Name the column this term means.");
    if (*expr && (strchr(expr, ';') || strstr(expr, "--") || strstr(expr, "/*")))
        form_error(&f, "expression", "An expression is one SQL expression: no ';' or comments.");
    char err[256];
    const char *field = NULL;
    if (form_ok(&f) && store_vocab_add(r->arena, r->user->org_id, c.id, term, desc, kind, table,
                                       metric ? NULL : column, metric ? expr : NULL, &field, err,
                                       sizeof err) < 0)
        form_error(&f, "term", field ? "This term is already defined." : "The term could not be saved.");
    if (!form_ok(&f)) {
        render(r, &c, &f, 400);
        return;
    }
    form_close(&f);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "vocabulary.create", "connection", c.id,
                 json_pack("{s:s, s:s}", "term", term, "kind", kind), r->remote_addr);
    page_flash(r, "ok", "Term saved. Questions that use it now follow its definition.");
    http_redirect(r, 303, arena_printf(r->arena, "/connections/%s/vocabulary", c.id));
}

void page_vocabulary_delete(req_t *r)
{
    store_conn_t c;
    if (load_conn(r, &c) < 0)
        return;
    const char *vid = http_route_param(r, "vid");
    if (store_vocab_delete(r->arena, r->user->org_id, c.id, vid) < 0) {
        page_error(r, 404, "There is no such term.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "vocabulary.delete", "connection", c.id,
                 json_pack("{s:s}", "term_id", vid), r->remote_addr);
    page_flash(r, "ok", "Term deleted.");
    http_redirect(r, 303, arena_printf(r->arena, "/connections/%s/vocabulary", c.id));
}
