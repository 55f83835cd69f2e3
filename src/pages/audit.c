/* audit.c — the audit log for admins: filters, pages, CSV export. */
#include "pages/pages.h"
#include "export/export.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *valid_date(const char *s)
{
    if (!s || strlen(s) != 10)
        return NULL;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return NULL;
    return s;
}

static void read_filter(req_t *r, store_audit_filter_t *f)
{
    memset(f, 0, sizeof *f);
    f->action = http_query(r, "action");
    const char *user = http_query(r, "user");
    f->user_id = db_is_uuid(user) ? user : NULL;
    f->resource_type = http_query(r, "resource_type");
    f->from = valid_date(http_query(r, "from"));
    f->to = valid_date(http_query(r, "to"));
    const char *page = http_query(r, "page");
    f->page = page ? atoi(page) : 1;
    if (f->page < 1 || f->page > 100000)
        f->page = 1;
    f->per_page = 50;
}

/* The filter as a query string, for pagination and the CSV link. */
static const char *filter_qs(req_t *r, const store_audit_filter_t *f)
{
    buf_t b = {0};
    const char *keys[] = {"action", "user", "resource_type", "from", "to"};
    const char *vals[] = {f->action, f->user_id, f->resource_type, f->from, f->to};
    for (size_t i = 0; i < 5; i++) {
        if (!vals[i] || !*vals[i])
            continue;
        buf_printf(&b, "%s=", keys[i]);
        http_url_encode(&b, vals[i]);
        buf_putc(&b, '&');
    }
    const char *s = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* The organization's users as <select> options, the current one selected. */
static json_t *user_options(req_t *r, const char *current)
{
    store_account_t *rows;
    size_t n;
    store_account_list(r->arena, r->user->org_id, &rows, &n);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = store_account_json(&rows[i]);
        if (current && strcmp(current, rows[i].user_id) == 0)
            json_object_set_new(o, "selected", json_true());
        json_array_append_new(list, o);
    }
    return list;
}

/* The recorded actions as <select> options, the current one selected. */
static json_t *action_options(req_t *r, const char *current)
{
    size_t n;
    const char **actions = store_audit_actions(r->arena, r->user->org_id, &n);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s}", "action", actions[i]);
        if (current && strcmp(current, actions[i]) == 0)
            json_object_set_new(o, "selected", json_true());
        json_array_append_new(list, o);
    }
    return list;
}

void page_audit(req_t *r)
{
    store_audit_filter_t f;
    read_filter(r, &f);
    char err[256];
    int more = 0;
    store_audit_t *rows;
    size_t n;
    if (store_audit_list(r->arena, r->user->org_id, &f, &rows, &n, &more, err, sizeof err) < 0) {
        page_error(r, 503, "The audit log could not be read right now. Try again.");
        return;
    }
    json_t *ctx = page_ctx(r, "Audit log", "audit");
    const char *qs = filter_qs(r, &f);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, store_audit_json(&rows[i]));
    json_object_set_new(ctx, "rows", list);
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_object_set_new(ctx, "actions", action_options(r, f.action));
    json_object_set_new(ctx, "users", user_options(r, f.user_id));
    json_object_set_new(ctx, "filter", json_pack("{s:s, s:s, s:s, s:s, s:s}",
                        "action", f.action ? f.action : "", "user", f.user_id ? f.user_id : "",
                        "resource_type", f.resource_type ? f.resource_type : "",
                        "from", f.from ? f.from : "", "to", f.to ? f.to : ""));
    json_object_set_new(ctx, "qs", json_string(qs));
    json_object_set_new(ctx, "page", json_integer(f.page));
    if (f.page > 1)
        json_object_set_new(ctx, "prev_page", json_integer(f.page - 1));
    if (more)
        json_object_set_new(ctx, "next_page", json_integer(f.page + 1));
    page_render(r, "audit", ctx);
}

void page_audit_csv(req_t *r)
{
    store_audit_filter_t f;
    read_filter(r, &f);
    f.page = 1;
    f.per_page = 100000;
    char err[256];
    int more = 0;
    store_audit_t *rows;
    size_t n;
    if (store_audit_list(r->arena, r->user->org_id, &f, &rows, &n, &more, err, sizeof err) < 0) {
        page_error(r, 503, "The audit log could not be read right now. Try again.");
        return;
    }
    static const char *const cols[] = {"time", "action", "user_email", "user_name",
                                       "resource_type", "resource_id", "ip", "details"};
    buf_puts(&r->body, "\xEF\xBB\xBF"); /* BOM: Excel reads UTF-8 */
    for (size_t c = 0; c < 8; c++) {
        if (c)
            buf_putc(&r->body, ',');
        export_csv_cell(&r->body, cols[c]);
    }
    buf_puts(&r->body, "\r\n");
    for (size_t i = 0; i < n; i++) {
        const store_audit_t *e = &rows[i];
        const char *cells[8] = {e->time,          e->action,      e->user_email, e->user_name,
                                e->resource_type, e->resource_id, e->ip,         e->details};
        for (size_t c = 0; c < 8; c++) {
            if (c)
                buf_putc(&r->body, ',');
            export_csv_cell(&r->body, cells[c]);
        }
        buf_puts(&r->body, "\r\n");
    }
    http_header(r, "Content-Type", "text/csv; charset=utf-8");
    http_header(r, "Content-Disposition", "attachment; filename=\"audit.csv\"");
    store_audit_record(r->arena, r->user->org_id, r->user->id, "audit.export", "audit_log", NULL,
                 json_pack("{s:i}", "rows", (int)n), r->remote_addr);
}
