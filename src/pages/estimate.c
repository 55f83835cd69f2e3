/* estimate.c — the planner's estimate of a query (query_estimate_json's,
 * or a history run's) as template data: rows and cost in words, and its
 * sequential scans, the ones over DATAMIND_COST_WARN_ROWS marked large.
 * A leaf: Explore and the history pages use it. */
#include "pages/pages.h"

#include <math.h>
#include <stdio.h>

/* "1,234,567" for a planner's (fractional, possibly huge) number. */
static const char *count_text(req_t *r, double v)
{
    char out[48];
    if (!(v >= 0) || v > 1e18)
        return arena_printf(r->arena, "%.3g", v);
    buf_count_text(out, sizeof out, (size_t)llround(v));
    return arena_strdup(r->arena, out);
}

json_t *page_estimate_view(req_t *r, const json_t *est, long warn_rows)
{
    if (!json_is_object(est))
        return json_null();
    json_t *scans = json_array();
    size_t i;
    const json_t *s;
    json_array_foreach(json_object_get(est, "seq_scans"), i, s) {
        double rows = json_number_value(json_object_get(s, "rows"));
        const char *rel = json_string_value(json_object_get(s, "relation"));
        json_array_append_new(scans, json_pack("{s:s, s:s, s:b, s:b}", "relation", rel ? rel : "?",
                                               "rows_text", count_text(r, rows), "large",
                                               warn_rows > 0 && rows > (double)warn_rows, "index",
                                               json_is_true(json_object_get(s, "index"))));
    }
    json_t *v = json_pack("{s:s, s:s, s:o, s:b}", "rows_text",
                          count_text(r, json_number_value(json_object_get(est, "rows"))),
                          "cost_text",
                          arena_printf(r->arena, "%.2f", json_number_value(json_object_get(est, "cost"))),
                          "scans", scans, "no_scans", json_array_size(scans) == 0);
    if (warn_rows > 0)
        json_object_set_new(v, "warn_rows_text", json_string(count_text(r, (double)warn_rows)));
    return v;
}
