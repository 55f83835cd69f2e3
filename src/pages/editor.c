/* editor.c — what the SQL editor needs from the server: a connection's
 * tables and columns as JSON (GET /connections/{id}/schema.json: the
 * editor's completion, and its sidebar when the connection changes), and
 * the schema sidebar's template data for the pages with a SQL box
 * (Explore, a saved query's edit form, the widget editor). The editor
 * itself is static/sql-editor.js over CodeMirror; without JavaScript the SQL
 * box is a plain textarea and the sidebar a list. */
#include "pages/pages.h"
#include "store/connections.h"
#include "store/schema.h"

#include <stdlib.h>
#include <string.h>

/* The sidebar lists this many tables (the completion has them all). */
#define SIDE_TABLES 200

void page_connection_schema_json(req_t *r)
{
    const char *id = http_route_param(r, "id");
    store_conn_t c;
    if (store_conn_get(r->arena, r->user->org_id, id, &c) < 0) {
        page_error(r, 404, "There is no such connection.");
        return;
    }
    json_t *outline = store_schema_outline(r->arena, r->user->org_id, c.id);
    if (!outline) {
        page_error(r, 503, PAGE_DB_DOWN);
        return;
    }
    json_object_set_new(outline, "connection_id", json_string(c.id));
    char *s = json_dumps(outline, JSON_COMPACT);
    json_decref(outline);
    http_header(r, "Content-Type", "application/json");
    http_header(r, "Cache-Control", "private, no-cache");
    buf_puts(&r->body, s ? s : "{}");
    free(s);
}

void page_editor_schema(req_t *r, json_t *ctx, const char *conn_id)
{
    json_t *outline = conn_id && *conn_id
                          ? store_schema_outline(r->arena, r->user->org_id, conn_id)
                          : NULL;
    json_t *tables = json_object_get(outline, "tables");
    size_t n = json_array_size(tables);
    json_t *side = json_pack("{s:s, s:b}", "connection_id", conn_id ? conn_id : "", "empty", n == 0);
    json_t *shown = json_array();
    for (size_t i = 0; i < n && i < SIDE_TABLES; i++)
        json_array_append(shown, json_array_get(tables, i));
    json_object_set_new(side, "tables", shown);
    if (n > SIDE_TABLES)
        json_object_set_new(side, "more", json_integer((json_int_t)(n - SIDE_TABLES)));
    json_decref(outline);
    json_object_set_new(ctx, "schema", side);
}
