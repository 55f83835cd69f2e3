/* history.c — query history: the user's Explore runs, newest first, with a
 * search over their SQL, pages of 50, and one run's page; "Run again"
 * posts the run's SQL, connection and parameter values to /explore/run
 * (a plain form: the result page is Explore's). Only the user's own runs:
 * another user's (or organization's) is a 404. */
#include "pages/pages.h"
#include "core/config.h"
#include "query/query.h"
#include "store/history.h"

#include <stdlib.h>
#include <string.h>

#define PER_PAGE 50

static const char *status_words(const char *status)
{
    static const struct { const char *status, *words; } w[] = {
        {STORE_RUN_OK, "ok"},
        {STORE_RUN_ERROR, "failed"},
        {STORE_RUN_CANCELLED, "cancelled"},
        {STORE_RUN_REJECTED, "rejected"},
        {STORE_RUN_NEEDS_CONFIRMATION, "needs confirmation"},
    };
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (strcmp(status, w[i].status) == 0)
            return w[i].words;
    return status;
}

/* A run as its row and page show it: the store's fields, words for the
 * status, rows and estimate, and the hidden parameter fields of "Run
 * again". */
static json_t *run_view(req_t *r, const store_run_t *run)
{
    json_t *o = store_history_json(run);
    json_object_set_new(o, "status_words", json_string(status_words(run->status)));
    json_object_set_new(o, "is_ok", json_boolean(strcmp(run->status, STORE_RUN_OK) == 0));
    json_object_set_new(o, "rows_words", run->rows >= 0
                                             ? json_string(page_count_words(r, json_object_get(o, "rows"),
                                                                            "row", "rows"))
                                             : json_null());
    json_object_set_new(o, "estimate", page_estimate_view(r, json_object_get(o, "estimate"),
                                                          cfg->cost_warn_rows));
    const json_t *decl = query_params_decl(r->arena, run->params);
    json_object_set_new(o, "params", params_view(r, run->sql, decl, NULL, NULL));
    json_object_set_new(o, "can_run", json_boolean(run->connection_id != NULL));
    return o;
}

void page_history(req_t *r)
{
    const char *q = http_query(r, "q");
    const char *p = http_query(r, "page");
    int page = p ? atoi(p) : 1;
    if (page < 1 || page > 100000)
        page = 1;
    json_t *ctx = page_ctx(r, "Query history", "history");
    store_run_t *runs;
    size_t n;
    int more = 0;
    if (store_history_list(r->arena, r->user->org_id, r->user->id, q, page, PER_PAGE, &runs, &n,
                           &more) < 0) {
        page_error(r, 503, "The query history cannot be read right now. Try again in a moment.");
        json_decref(ctx);
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, run_view(r, &runs[i]));
    json_object_set_new(ctx, "runs", list);
    json_object_set_new(ctx, "in_list", json_true()); /* its Run again buttons are small */
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_object_set_new(ctx, "q", json_string(q ? q : ""));
    buf_t qs = {0}; /* the search, for the pager's links */
    if (q && *q) {
        buf_puts(&qs, "q=");
        http_url_encode(&qs, q);
        buf_putc(&qs, '&');
    }
    json_object_set_new(ctx, "qs", json_string(buf_str(&qs)));
    buf_free(&qs);
    json_object_set_new(ctx, "page", json_integer(page));
    if (page > 1)
        json_object_set_new(ctx, "prev_page", json_integer(page - 1));
    if (more)
        json_object_set_new(ctx, "next_page", json_integer(page + 1));
    json_object_set_new(ctx, "days", json_integer(cfg->history_days));
    page_render(r, "history", ctx);
}

void page_history_run(req_t *r)
{
    store_run_t run;
    if (store_history_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"),
                          &run) < 0) {
        page_error(r, 404, "There is no such run in your query history (runs are kept for a "
                           "limited time).");
        return;
    }
    json_t *ctx = page_ctx(r, "Query run", "history");
    json_object_set_new(ctx, "run", run_view(r, &run));
    page_render(r, "history_run", ctx);
}
