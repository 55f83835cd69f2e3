/* ranges.c — the span of the dates a discovery found.
 *
 * Every date, timestamp and integer year column gets "min" and "max"
 * (YYYY-MM-DD; a year column's first and last day of its years), so the
 * planner can say that a period a question names lies outside the data
 * ("orders in 2024" when they stop in 1998) instead of answering with
 * nothing, and the schema browser can say what the dates cover. One
 * statement per table reads all its date columns at once, through the
 * engine's own execute (read-only, with a timeout); a table whose
 * statement fails or runs too long simply has no ranges, and the whole
 * phase has a budget. Views are left alone: reading one may cost anything. */
#include "engine/internal.h"
#include "core/civil.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define RANGE_TIMEOUT_MS 2000   /* each table's statement */
#define RANGE_BUDGET_MS  20000  /* the whole phase, then the rest go without */
#define RANGE_MAX_COLS   16     /* date columns read per table */

/* 1 when the column holds dates: a date or timestamp type ("date",
 * "timestamp with time zone", "datetime", "Nullable(DateTime64(3))"), not
 * a range, an array or an interval; or an integer column named "...year"
 * or "...season" (the planner takes a season's span of years as a year). */
static int range_wanted(const json_t *col)
{
    const char *type = json_string_value(json_object_get(col, "type"));
    const char *name = json_string_value(json_object_get(col, "name"));
    if (!type || !name)
        return 0;
    if (strcasestr(type, "range") || strstr(type, "[]") || strcasestr(type, "array") ||
        strcasestr(type, "interval"))
        return 0;
    if (strcasestr(type, "date") || strcasestr(type, "timestamp"))
        return 1;
    size_t n = strlen(name);
    return strcasestr(type, "int") && n >= 4 &&
           (!strcasecmp(name + n - 4, "year") || (n >= 6 && !strcasecmp(name + n - 6, "season")));
}

/* v as YYYY-MM-DD in out, or 0: an ISO date or timestamp's date ("1998-05-06
 * 00:00:00", as core/civil.h reads them), or a whole year (a number from 1 to 9999: its first day when
 * first, else its last). Dates typed any other way (SQLite text) are no range. */
static int range_day(const json_t *v, int first, char out[11])
{
    if (json_is_integer(v)) {
        json_int_t y = json_integer_value(v);
        if (y < 1 || y > 9999)
            return 0;
        snprintf(out, 11, "%04d-%s", (int)y, first ? "01-01" : "12-31");
        return 1;
    }
    const char *s = json_string_value(v);
    double seconds;
    if (!s || civil_parse(s, &seconds) < 0)
        return 0;
    memcpy(out, s, 10);
    out[10] = 0;
    return 1;
}

static long ms_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* SELECT min(a), max(a), min(b), max(b) FROM s.t over the wanted columns;
 * their indexes in cols. 0 when the table has none. */
static int range_sql(const engine_t *e, const json_t *table, buf_t *sql, size_t *cols)
{
    const json_t *columns = json_object_get(table, "columns");
    int n = 0;
    for (size_t i = 0; i < json_array_size(columns) && n < RANGE_MAX_COLS; i++) {
        const json_t *col = json_array_get(columns, i);
        if (!range_wanted(col))
            continue;
        for (int k = 0; k < 2; k++) {
            buf_puts(sql, n || k ? ", " : "SELECT ");
            buf_puts(sql, k ? "max(" : "min(");
            e->dialect->quote_ident(sql, json_string_value(json_object_get(col, "name")));
            buf_putc(sql, ')');
        }
        cols[n++] = i;
    }
    if (!n)
        return 0;
    buf_puts(sql, " FROM ");
    e->dialect->quote_ident(sql, json_string_value(json_object_get(table, "schema")));
    buf_putc(sql, '.');
    e->dialect->quote_ident(sql, json_string_value(json_object_get(table, "name")));
    return n;
}

static void range_table(const engine_t *e, engine_conn_t *c, json_t *table, int timeout_ms)
{
    size_t cols[RANGE_MAX_COLS];
    buf_t sql = {0};
    json_t *res = NULL;
    char err[256];
    int pos, n = range_sql(e, table, &sql, cols);
    engine_run_t o = {.timeout_ms = timeout_ms, .max_rows = 1};
    if (n && e->execute(c, buf_str(&sql), &o, &res, &pos, err, sizeof err) == 0) {
        const json_t *row = json_array_get(json_object_get(res, "rows"), 0);
        for (int k = 0; k < n; k++) {
            json_t *col = json_array_get(json_object_get(table, "columns"), cols[k]);
            char lo[11], hi[11];
            if (range_day(json_array_get(row, 2 * k), 1, lo) &&
                range_day(json_array_get(row, 2 * k + 1), 0, hi) && strcmp(lo, hi) <= 0) {
                json_object_set_new(col, "min", json_string(lo));
                json_object_set_new(col, "max", json_string(hi));
            }
        }
    }
    json_decref(res);
    buf_free(&sql);
}

void engine_discover_ranges(const engine_t *e, engine_conn_t *c, json_t *schema)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const json_t *tables = json_object_get(schema, "tables");
    for (size_t i = 0; i < json_array_size(tables); i++) {
        json_t *t = json_array_get(tables, i);
        const char *type = json_string_value(json_object_get(t, "type"));
        long left = RANGE_BUDGET_MS - ms_since(&t0);
        if (left <= 100 || !e->idle_ok(c))
            break;
        if (type && !strcmp(type, "view"))
            continue;
        range_table(e, c, t, left < RANGE_TIMEOUT_MS ? (int)left : RANGE_TIMEOUT_MS);
    }
}

int engine_discover(const engine_t *e, engine_conn_t *c, const sqlsafe_discover_opts_t *o,
                    json_t **schema, char *err, size_t errlen)
{
    if (e->discover(c, o, schema, err, errlen) < 0)
        return -1;
    engine_discover_ranges(e, c, *schema);
    return 0;
}
