/* test_store_dashboards.c — the template JSON of typed dashboard, widget
 * and upload rows (store_dash_json, store_widget_json, store_upload_json):
 * no database, rows built by hand. */
#include "check.h"
#include "store/dashboards.h"
#include "store/grid.h"
#include "store/uploads.h"
#include "store/widgets.h"

#include <string.h>

static void test_dash_json(void)
{
    store_dash_t d = {.id = "d1", .title = "Sales", .description = "", .owner = "Ann",
                      .is_shared = true, .mine = false, .refresh_minutes = 5, .widgets = 3};
    json_t *j = store_dash_json(&d);
    CHECK_STR(json_string_value(json_object_get(j, "title")), "Sales");
    CHECK_STR(json_string_value(json_object_get(j, "owner")), "Ann");
    CHECK(json_is_true(json_object_get(j, "is_shared")));
    CHECK(json_is_false(json_object_get(j, "mine")));
    /* a number, not the text the untyped row had (read back as 0) */
    CHECK(json_is_integer(json_object_get(j, "refresh_minutes")));
    CHECK_INT(json_integer_value(json_object_get(j, "refresh_minutes")), 5);
    CHECK_INT(json_integer_value(json_object_get(j, "widgets")), 3);
    CHECK(json_is_null(json_object_get(j, "refreshed"))); /* never refreshed: the template skips it */
    CHECK(!json_object_get(j, "org_id"));
    json_decref(j);

    store_dash_t rows[2] = {{.id = "a", .title = "A"}, {.id = "b", .title = "B"}};
    json_t *list = store_dash_list_json(rows, 2);
    CHECK_INT(json_array_size(list), 2);
    CHECK_STR(json_string_value(json_object_get(json_array_get(list, 1), "id")), "b");
    CHECK_STR(json_string_value(json_object_get(json_array_get(list, 1), "description")), "");
    json_decref(list);
}

static void test_widget_json(void)
{
    json_t *conf = json_pack("{s:s}", "type", "bar");
    store_widget_t w = {.id = "w1", .dashboard_id = "d1", .title = "Orders", .kind = "chart",
                        .sql_text = "SELECT 1", .body_markdown = "", .size = "medium",
                        .connection = "", .position = 2, .age_s = -1, .chart_config = conf,
                        .result_text = "{\"rows\": []}", .fragment_html = "<figure></figure>"};
    json_t *j = store_widget_json(&w);
    CHECK_STR(json_string_value(json_object_get(j, "kind")), "chart");
    CHECK_INT(json_integer_value(json_object_get(j, "position")), 2);
    CHECK(json_is_null(json_object_get(j, "date_column")));
    CHECK(json_is_null(json_object_get(j, "connection_id")));
    CHECK(json_is_null(json_object_get(j, "refreshed")));
    CHECK(json_is_null(json_object_get(j, "age_s")));
    CHECK(!json_object_get(j, "last_result")); /* the template never shows it raw */
    CHECK(!json_object_get(j, "result_text"));
    CHECK(!json_object_get(j, "fragment_html")); /* the page copies it itself */
    /* a copy: the card may be changed without touching the row */
    CHECK(json_object_get(j, "chart_config") != conf);
    CHECK(json_equal(json_object_get(j, "chart_config"), conf));
    json_object_set_new(json_object_get(j, "chart_config"), "type", json_string("pie"));
    CHECK_STR(json_string_value(json_object_get(conf, "type")), "bar");
    json_decref(j);

    w.chart_config = NULL;
    w.age_s = 30;
    w.date_column = "day";
    j = store_widget_json(&w);
    CHECK(json_is_null(json_object_get(j, "chart_config")));
    CHECK_INT(json_integer_value(json_object_get(j, "age_s")), 30);
    CHECK_STR(json_string_value(json_object_get(j, "date_column")), "day");
    json_decref(j);
    json_decref(conf);
}

static void test_upload_json(void)
{
    json_t *details = json_pack("{s:[{s:s}]}", "tables", "table", "sales");
    store_upload_t u = {.id = "u1", .org_id = "o1", .original_filename = "sales.csv",
                        .table_name = "sales", .status = "running", .author = "Ann",
                        .created = "2026-01-02 03:04", .seen = "x", .size_bytes = 10,
                        .row_count = -1, .column_count = -1, .details = details};
    json_t *j = store_upload_json(&u);
    CHECK_STR(json_string_value(json_object_get(j, "status")), "running");
    CHECK(json_is_null(json_object_get(j, "row_count"))); /* not loaded yet: an empty cell */
    CHECK(json_is_null(json_object_get(j, "column_count")));
    CHECK(json_is_null(json_object_get(j, "error_message")));
    CHECK(json_is_null(json_object_get(j, "job_id")));
    CHECK(!json_object_get(j, "org_id"));
    CHECK(!json_object_get(j, "seen"));
    json_t *tables = json_object_get(json_object_get(j, "details"), "tables");
    json_object_set_new(json_array_get(tables, 0), "rows_words", json_string("3 rows"));
    CHECK(!json_object_get(json_array_get(json_object_get(details, "tables"), 0), "rows_words"));
    json_decref(j);

    u.row_count = 1200;
    u.column_count = 4;
    u.job_id = "j1";
    j = store_upload_json(&u);
    CHECK_INT(json_integer_value(json_object_get(j, "row_count")), 1200);
    CHECK_INT(json_integer_value(json_object_get(j, "column_count")), 4);
    CHECK_STR(json_string_value(json_object_get(j, "job_id")), "j1");
    json_decref(j);
    json_decref(details);
}

/* STORE_WIDGET_COLS (shared by store_dash_view's prepared statement and the
 * widget queries) has exactly the STORE_WIDGET_NCOLS items store_widget_fill
 * reads: the select list's commas outside parentheses and quotes, plus one. */
static int select_items(const char *s)
{
    int items = 1, depth = 0, quoted = 0;
    for (; *s; s++) {
        if (*s == '\'')
            quoted = !quoted;
        else if (!quoted && *s == '(')
            depth++;
        else if (!quoted && *s == ')')
            depth--;
        else if (!quoted && !depth && *s == ',')
            items++;
    }
    return items;
}

static void test_widget_cols_count(void)
{
    CHECK_INT(select_items(STORE_WIDGET_COLS), STORE_WIDGET_NCOLS);
    CHECK_INT(select_items(STORE_WIDGET_COLS_NO_SVG), STORE_WIDGET_NCOLS);
    CHECK(strstr(STORE_WIDGET_COLS, "w.fragment_svg") != NULL);
    CHECK(strstr(STORE_WIDGET_COLS_NO_SVG, "w.fragment_svg") == NULL);
    CHECK(strstr(STORE_WIDGET_COLS, "w.xmin::text") != NULL);
    /* the parameters' column is the last, in both (store_widget_fill's C(21)) */
    CHECK(strstr(STORE_WIDGET_COLS, ", w.params::text") != NULL);
    CHECK(strstr(STORE_WIDGET_COLS_NO_SVG, ", w.params::text") != NULL);
}

static int grid_overlap(const store_grid_item_t *a, const store_grid_item_t *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static void check_no_overlap(const store_grid_item_t *it, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            CHECK(!grid_overlap(&it[i], &it[j]));
}

/* store_grid_settle: unplaced widgets flow in order; the one moved keeps
 * its place and pushes what it covers down (again and again); the rest
 * stay; clamping keeps every widget on the 12 columns. */
static void test_grid_settle(void)
{
    store_grid_item_t flow[4] = {{0, 0, 6, 3, 0}, {0, 0, 6, 3, 0}, {0, 0, 12, 2, 0}, {0, 0, 4, 3, 0}};
    store_grid_settle(flow, 4, -1);
    CHECK_INT(flow[0].x, 0);
    CHECK_INT(flow[1].x, 6);
    CHECK_INT(flow[1].y, 0);
    CHECK_INT(flow[2].y, 3);
    CHECK_INT(flow[3].y, 5);
    CHECK(flow[3].placed);
    check_no_overlap(flow, 4);

    /* a stack of three: the last put on top pushes both down, in turn */
    store_grid_item_t st[3] = {{0, 0, 12, 3, 1}, {0, 3, 12, 3, 1}, {0, 0, 12, 2, 1}};
    store_grid_settle(st, 3, 2);
    CHECK_INT(st[2].y, 0);
    CHECK_INT(st[0].y, 2);
    CHECK_INT(st[1].y, 5);
    size_t order[3];
    store_grid_order(st, 3, order);
    CHECK_INT((int)order[0], 2);
    CHECK_INT((int)order[1], 0);
    CHECK_INT((int)order[2], 1);

    /* one beside the moved one stays; clamping */
    store_grid_item_t side[2] = {{8, 0, 9, 40, 1}, {0, 0, 3, 3, 1}};
    store_grid_settle(side, 2, 0);
    CHECK_INT(side[0].x, 3); /* 9 wide fits from column 3 */
    CHECK_INT(side[0].h, GRID_MAX_H);
    CHECK_INT(side[1].y, 0);
    check_no_overlap(side, 2);

    /* overlapping rows as stored (no move): settled by row, then column */
    store_grid_item_t olap[3] = {{0, 0, 6, 4, 1}, {3, 2, 6, 2, 1}, {6, 0, 6, 2, 1}};
    store_grid_settle(olap, 3, -1);
    CHECK_INT(olap[0].y, 0);
    CHECK_INT(olap[2].y, 0);
    CHECK_INT(olap[1].y, 4);
    check_no_overlap(olap, 3);
}

int main(void)
{
    test_grid_settle();
    test_dash_json();
    test_widget_json();
    test_upload_json();
    test_widget_cols_count();
    return check_done("test_store_dashboards");
}
