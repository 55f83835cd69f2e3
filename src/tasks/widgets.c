/* widgets.c — widget.refresh: run the queries of a dashboard whose
 * auto-refresh interval passed, so it opens with fresh results. */
#include "tasks/tasks_internal.h"
#include "query/query.h"
#include "store/store.h"

#include <string.h>

int task_widget_refresh(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *did = json_string_value(json_object_get(args, "dashboard_id"));
    json_t *widgets = org && did ? widget_list(a, org, did) : json_array();
    size_t i;
    json_t *w;
    json_array_foreach(widgets, i, w) {
        const char *sql = json_string_value(json_object_get(w, "sql_text"));
        const char *conn = json_string_value(json_object_get(w, "connection_id"));
        const char *id = json_string_value(json_object_get(w, "id"));
        if (!sql || !*sql || !conn || strcmp(json_string_value(json_object_get(w, "kind")), "text") == 0)
            continue;
        query_opts_t o = {.refresh = 1, .max_rows = 1000, .source = "widget"};
        query_outcome_t out;
        char why[512];
        if (query_run(a, org, NULL, NULL, conn, sql, &o, &out, why, sizeof why) < 0) {
            widget_set_result(a, org, id, NULL, why);
            continue; /* one failing widget does not stop the others */
        }
        widget_set_result(a, org, id, out.result, NULL);
        json_decref(out.result);
    }
    json_decref(widgets);
    (void)err, (void)errlen;
    return 0;
}

int periodic_widget_refresh(arena_t *a, long slot, char *err, size_t errlen)
{
    json_t *due = dash_due_refresh(a);
    tasks_enqueue_each(a, due, "widget.refresh", "dashboard_id", 2, slot, err, errlen);
    json_decref(due);
    return 0;
}
