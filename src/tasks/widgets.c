/* widgets.c — widget.refresh: run the queries of a dashboard whose
 * auto-refresh interval passed, so it opens with fresh results. */
#include "tasks/tasks_internal.h"
#include "core/config.h"
#include "query/query.h"
#include "store/dashboards.h"
#include "store/widgets.h"

#include <string.h>

int task_widget_refresh(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *did = json_string_value(json_object_get(args, "dashboard_id"));
    store_widget_t *widgets = NULL;
    size_t n = 0;
    if (org && did)
        store_widget_list(a, org, did, &widgets, &n);
    for (size_t i = 0; i < n; i++) {
        const char *sql = widgets[i].sql_text, *conn = widgets[i].connection_id, *id = widgets[i].id;
        if (!*sql || !conn || strcmp(widgets[i].kind, "text") == 0)
            continue;
        query_opts_t o = {.refresh = 1, .max_rows = 1000, .source = "widget",
                          .param_decl = query_params_decl(a, widgets[i].params)};
        query_outcome_t out;
        char why[512];
        jobs_busy_for(a, cfg->query_timeout_ms / 1000 + 30);
        if (query_run(a, org, NULL, NULL, conn, sql, &o, &out, why, sizeof why) < 0) {
            store_widget_set_result(a, org, id, NULL, why);
            continue; /* one failing widget does not stop the others */
        }
        const char *hash = store_widget_set_result(a, org, id, out.result, NULL);
        tasks_fragment_t fr;
        if (hash && tasks_widget_has_fragment(&widgets[i]))
            tasks_widget_draw(a, org, &widgets[i], out.result, hash, &fr);
        json_decref(out.result);
    }
    (void)err, (void)errlen;
    return 0;
}

int periodic_widget_refresh(arena_t *a, long slot, char *err, size_t errlen)
{
    store_dash_t *due;
    size_t n;
    store_dash_due_refresh(a, &due, &n);
    for (size_t i = 0; i < n; i++)
        tasks_enqueue_one(a, due[i].org_id, due[i].id, "widget.refresh", "dashboard_id", 2, slot, err,
                          errlen);
    return 0;
}
