/* report_cards.c — the scheduled reports card that a dashboard's page and
 * a saved query's page show (reports.c has the routes that change them). */
#include "pages/pages.h"
#include "store/reports.h"

json_t *reports_view(req_t *r, const char *dashboard_id, const char *query_id, const char **key)
{
    store_report_t *rows;
    size_t n;
    store_report_list(r->arena, r->user->org_id, dashboard_id, query_id, &rows, &n);
    buf_t k = {0};
    for (size_t i = 0; i < n; i++)
        buf_printf(&k, "|%s/%s/%s/%s", rows[i].id, rows[i].next_run,
                   rows[i].last_sent ? rows[i].last_sent : "", rows[i].last_error_at ? rows[i].last_error_at : "");
    *key = arena_strdup(r->arena, buf_str(&k));
    buf_free(&k);
    json_t *v = store_report_choices_json();
    json_object_set_new(v, "list", store_report_list_json(rows, n));
    json_object_set_new(v, "none", json_boolean(n == 0));
    json_object_set_new(v, "is_pdf", json_boolean(dashboard_id != NULL));
    json_object_set_new(v, "action", json_string(dashboard_id
        ? arena_printf(r->arena, "/dashboards/%s/reports", dashboard_id)
        : arena_printf(r->arena, "/queries/%s/reports", query_id)));
    return v;
}
