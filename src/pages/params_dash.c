/* params_dash.c — a dashboard's filters feeding its widgets' {{name}}
 * parameters (pages.h): a filter ?p_region=EU sets {{region}} in every
 * widget that has it; the date range sets {{start}} and {{end}}. The values
 * are bound by query_run like any other parameter value. */
#include "pages/pages.h"
#include "query/query.h"
#include "store/widgets.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* today - days, as YYYY-MM-DD (UTC, the server's dates). */
static void day_before(char out[11], int days)
{
    time_t t = time(NULL) - (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The first and last day of the active date range; NULL for an open side. */
static void range_days(req_t *r, const dash_filter_t *f, const char **start, const char **end)
{
    char d[11];
    *start = *end = NULL;
    /* as dashboard_filter_active (widgets.c, which calls this file) */
    if (!f->range || !*f->range || strcmp(f->range, "all") == 0)
        return;
    if (strcmp(f->range, "custom") == 0) {
        *start = f->from;
        *end = f->to;
        return;
    }
    day_before(d, 0);
    *end = arena_strdup(r->arena, d);
    if (strcmp(f->range, "year") == 0) {
        memcpy(d + 4, "-01-01", 7);
    } else {
        int days = 0;
        sscanf(f->range, "%d", &days);
        day_before(d, days);
    }
    *start = arena_strdup(r->arena, d);
}

json_t *dashboard_filter_values(req_t *r, const dash_filter_t *f)
{
    if (!f)
        return NULL;
    const char *start, *end;
    range_days(r, f, &start, &end);
    json_t *out = f->params ? json_deep_copy(f->params) : json_object();
    /* a ?p_start= / ?p_end= filter wins over the range's */
    if (start && *start && !json_object_get(out, "start"))
        json_object_set_new(out, "start", json_string(start));
    if (end && *end && !json_object_get(out, "end"))
        json_object_set_new(out, "end", json_string(end));
    if (json_object_size(out) == 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

json_t *dashboard_widget_values(req_t *r, const dash_filter_t *f, const store_widget_t *w)
{
    if (!f || !w->sql_text || !strstr(w->sql_text, "{{"))
        return NULL;
    json_t *all = dashboard_filter_values(r, f);
    if (!all)
        return NULL;
    json_t *fields = query_params_fields(w->sql_text, NULL, NULL), *out = json_object();
    size_t i;
    json_t *fl;
    json_array_foreach(fields, i, fl) {
        const char *name = json_string_value(json_object_get(fl, "name"));
        json_t *v = json_object_get(all, name);
        if (json_is_string(v) && *json_string_value(v))
            json_object_set(out, name, v);
    }
    json_decref(fields);
    json_decref(all);
    if (json_object_size(out) == 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

json_t *dashboard_param_inputs(req_t *r, const dash_filter_t *f, const store_widget_t *rows,
                               size_t n)
{
    json_t *out = json_array(), *seen = json_object();
    for (size_t k = 0; k < n; k++) {
        if (!rows[k].sql_text || !strstr(rows[k].sql_text, "{{"))
            continue;
        json_t *fields = query_params_fields(rows[k].sql_text, NULL, NULL);
        size_t i;
        json_t *fl;
        json_array_foreach(fields, i, fl) {
            const char *name = json_string_value(json_object_get(fl, "name"));
            if (strcmp(name, "start") == 0 || strcmp(name, "end") == 0 ||
                json_object_get(seen, name))
                continue;
            json_object_set_new(seen, name, json_true());
            const char *v = json_string_value(json_object_get(f->params, name));
            json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "name", name, "field",
                                                 arena_printf(r->arena, "p_%s", name), "value",
                                                 v ? v : ""));
        }
        json_decref(fields);
    }
    json_decref(seen);
    return out;
}
