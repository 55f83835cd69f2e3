/* columns.c — a result's columns read for a chart: a column by name, a
 * cell as a number or a time, and a column's class (number, time, text)
 * from its declared type or, for text, from every value it holds. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart/internal.h"
#include "core/mem.h"

int chart_col_find(const json_t *result, const char *name, size_t *idx, char *err, size_t errlen)
{
    const json_t *cols = json_object_get(result, "columns");
    size_t i, n = json_array_size(cols);
    for (int pass = 0; pass < 2; pass++)
        for (i = 0; i < n; i++) {
            const char *c = json_string_value(json_object_get(json_array_get(cols, i), "name"));
            if (c && (pass ? strcasecmp(c, name) : strcmp(c, name)) == 0) {
                *idx = i;
                return 0;
            }
        }
    buf_t names = {0};
    for (i = 0; i < n && i < 12; i++) {
        const char *c = json_string_value(json_object_get(json_array_get(cols, i), "name"));
        buf_printf(&names, "%s%s", i ? ", " : "", c ? c : "?");
    }
    snprintf(err, errlen, "there is no column named \"%s\" in the result (columns: %s)", name,
             n ? buf_str(&names) : "none");
    buf_free(&names);
    return -1;
}

int chart_value_number(const json_t *v, double *out)
{
    double d;
    if (json_is_number(v)) {
        d = json_number_value(v);
    } else if (json_is_boolean(v)) {
        d = json_is_true(v);
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end;
        if (!*s || isspace((unsigned char)*s))
            return -1;
        d = strtod(s, &end);
        if (*end)
            return -1;
    } else {
        return -1;
    }
    if (!isfinite(d))
        return -1;
    *out = fmax(-1e300, fmin(1e300, d));  /* keeps hi - lo finite */
    return 0;
}

int chart_value_time(const json_t *v, double *out)
{
    if (json_is_integer(v) && json_integer_value(v) >= 1000 && json_integer_value(v) <= 9999) {
        char ymd[16];  /* a year (a "year" column): its first day */
        snprintf(ymd, sizeof ymd, "%04d-01-01", (int)json_integer_value(v));
        return chart_time_parse(ymd, out);
    }
    return json_is_string(v) ? chart_time_parse(json_string_value(v), out) : -1;
}

/* A column named "year" whose values are all whole years (1000–9999). */
static int year_column(const json_t *result, size_t idx, const char *name)
{
    const json_t *rows = json_object_get(result, "rows");
    size_t any = 0;
    if (!name || strcasecmp(name, "year"))
        return 0;
    for (size_t i = 0; i < json_array_size(rows); i++) {
        const json_t *v = json_array_get(json_array_get(rows, i), idx);
        if (json_is_null(v))
            continue;
        if (!json_is_integer(v) || json_integer_value(v) < 1000 || json_integer_value(v) > 9999)
            return 0;
        any++;
    }
    return any > 0;
}

/* A column named "quarter" of whole numbers 1–4: quarters of one year,
 * categories on the axis, not a quantity. */
static int quarter_column(const json_t *result, size_t idx, const char *name)
{
    const json_t *rows = json_object_get(result, "rows");
    if (!name || strcasecmp(name, "quarter"))
        return 0;
    for (size_t i = 0; i < json_array_size(rows); i++) {
        const json_t *v = json_array_get(json_array_get(rows, i), idx);
        if (!json_is_null(v) && (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 4))
            return 0;
    }
    return 1;
}

int chart_col_is_quarter(const json_t *result, size_t idx)
{
    const json_t *col = json_array_get(json_object_get(result, "columns"), idx);
    return quarter_column(result, idx, json_string_value(json_object_get(col, "name")));
}

/* A text column counts as dates or numbers if every value reads as one. */
static int text_class(const json_t *result, size_t idx)
{
    const json_t *rows = json_object_get(result, "rows");
    int all_time = 1, all_num = 1, any = 0;
    double d;
    for (size_t i = 0; i < json_array_size(rows) && (all_time || all_num); i++) {
        const json_t *v = json_array_get(json_array_get(rows, i), idx);
        if (!v || json_is_null(v))
            continue;
        any = 1;
        all_time &= chart_value_time(v, &d) == 0;
        all_num &= (json_is_number(v) || json_is_string(v)) && chart_value_number(v, &d) == 0;
    }
    return !any ? CT_TEXT : all_time ? CT_TIME : all_num ? CT_NUM : CT_TEXT;
}

/* A column type by name: DataMind's own (integer, number, date, timestamp,
 * boolean) and PostgreSQL's as a result file written by hand or by another
 * tool names them ("numeric", "bigint", "double precision", "timestamptz",
 * "timestamp with time zone", "numeric(12,2)"). -1 for anything else. */
static int type_class(const char *t)
{
    static const char *const nums[] = {
        "integer", "number", "numeric", "decimal", "bigint", "int", "int2", "int4", "int8",
        "smallint", "real", "float", "float4", "float8", "double precision", "double",
        "serial", "bigserial", "smallserial", "money"};
    static const char *const times[] = {
        "date", "timestamp", "timestamptz", "timestamp with time zone",
        "timestamp without time zone"};
    char base[64];
    size_t o = 0;
    int depth = 0;
    for (const char *p = t; *p && o + 1 < sizeof base; p++) {  /* lower case, no "(…)" */
        if (*p == '(' || *p == ')')
            depth += *p == '(' ? 1 : -1;
        else if (depth == 0)
            base[o++] = (char)tolower((unsigned char)*p);
    }
    while (o > 0 && base[o - 1] == ' ')
        o--;
    base[o] = '\0';
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        if (!strcmp(base, nums[i]))
            return CT_NUM;
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++)
        if (!strcmp(base, times[i]))
            return CT_TIME;
    if (!strcmp(base, "boolean") || !strcmp(base, "bool"))
        return CT_BOOL;
    return -1;
}

int chart_col_class(const json_t *result, size_t idx)
{
    const json_t *col = json_array_get(json_object_get(result, "columns"), idx);
    const char *t = json_string_value(json_object_get(col, "type"));
    int k = t ? type_class(t) : -1;
    if (k == CT_NUM && year_column(result, idx, json_string_value(json_object_get(col, "name"))))
        return CT_TIME;  /* "year": 2024, 2025 — a time axis, not a quantity */
    if (k == CT_NUM && quarter_column(result, idx, json_string_value(json_object_get(col, "name"))))
        return CT_TEXT;
    return k >= 0 ? k : text_class(result, idx);
}
