/* params.c — {{name}} parameters: their declarations (type, default or
 * stored value), the values a page was given, and the binding query_run
 * sends with the statement (see query.h). A value is only ever a bound
 * parameter: nothing here writes it into SQL. */
#include "query/query.h"
#include "core/buf.h"
#include "sqlsafe/sqlsafe.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALUE_BYTES (64 * 1024)

_Static_assert(SQLSAFE_MAX_PARAMS == sizeof ((query_bound_t *)0)->values / sizeof(const char *),
               "query_bound_t holds SQLSAFE_MAX_PARAMS values");

static const char *const kinds[] = {"text", "number", "date", "list"};

const char *query_param_type(const char *t)
{
    for (size_t i = 0; t && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(t, kinds[i]) == 0)
            return kinds[i];
    return "text";
}

static int iso_date(const char *s)
{
    if (strlen(s) != 10)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] - (m == 2 && !leap);
}

static int plain_number(const char *s)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (end == s || !isfinite(d))
        return 0;
    while (isspace((unsigned char)*end))
        end++;
    /* digits, sign, point and exponent only: no "inf", "nan" or hex */
    return *end == '\0' && strspn(s, " +-0123456789.eE") == strlen(s);
}

int query_param_check(const char *name, const char *type, const char *value, char *err,
                      size_t errlen)
{
    type = query_param_type(type);
    if (!value || !*value) {
        snprintf(err, errlen, "the parameter {{%s}} has no value: fill it in", name);
        return -1;
    }
    if (strlen(value) > MAX_VALUE_BYTES) {
        snprintf(err, errlen, "the value of {{%s}} is longer than %d KB: shorten it", name,
                 MAX_VALUE_BYTES / 1024);
        return -1;
    }
    if (strcmp(type, "number") == 0 && !plain_number(value)) {
        snprintf(err, errlen, "the parameter {{%s}} is a number, and \"%.40s\" is not one: "
                              "write digits such as 42 or 3.5", name, value);
        return -1;
    }
    if (strcmp(type, "date") == 0 && !iso_date(value)) {
        snprintf(err, errlen, "the parameter {{%s}} is a date, and \"%.40s\" is not one: "
                              "write it as YYYY-MM-DD, e.g. 2024-01-31", name, value);
        return -1;
    }
    return 0;
}

/* The declaration of name in decl (array of {name, type, value}), or NULL. */
static const json_t *decl_of(const json_t *decl, const char *name)
{
    size_t i;
    const json_t *d;
    json_array_foreach(decl, i, d) {
        const char *n = json_string_value(json_object_get(d, "name"));
        if (n && strcmp(n, name) == 0)
            return d;
    }
    return NULL;
}

const char *query_param_value(const json_t *decl, const json_t *given, const char *name)
{
    const char *v = json_string_value(json_object_get(given, name));
    if (v && *v)
        return v;
    v = json_string_value(json_object_get(decl_of(decl, name), "value"));
    return v && *v ? v : NULL;
}

int query_params_bind(arena_t *a, const char *sql, const json_t *decl, const json_t *given,
                      query_bound_t *b, char *err, size_t errlen)
{
    sqlsafe_params_t p;
    memset(b, 0, sizeof *b);
    if (sqlsafe_params_rewrite(sql, strlen(sql), &p, err, errlen) < 0)
        return -1;
    b->sql = arena_strdup(a, p.sql);
    b->n = (int)p.n;
    int rc = 0;
    for (size_t k = 0; k < p.n && rc == 0; k++) {
        const char *name = p.names[k];
        const char *type = query_param_type(json_string_value(
            json_object_get(decl_of(decl, name), "type")));
        const char *v = query_param_value(decl, given, name);
        b->names[k] = arena_strdup(a, name);
        b->types[k] = type;
        b->values[k] = v ? arena_strdup(a, v) : NULL;
        rc = query_param_check(name, type, v, err, errlen);
        if (rc < 0)
            b->missing = !v;
    }
    sqlsafe_params_free(&p);
    return rc;
}

json_t *query_params_fields(const char *sql, const json_t *decl, const json_t *given)
{
    sqlsafe_params_t p;
    char err[256];
    json_t *out = json_array();
    if (!sql || sqlsafe_params_rewrite(sql, strlen(sql), &p, err, sizeof err) < 0)
        return out;
    for (size_t k = 0; k < p.n; k++) {
        const char *name = p.names[k];
        const json_t *d = decl_of(decl, name);
        const char *type = query_param_type(json_string_value(json_object_get(d, "type")));
        const char *v = query_param_value(decl, given, name);
        const char *dflt = json_string_value(json_object_get(d, "value"));
        json_t *f = json_pack("{s:s, s:s, s:s, s:s, s:b}", "name", name, "type", type, "value",
                              v ? v : "", "default", dflt ? dflt : "", "missing", v == NULL);
        json_t *types = json_array();
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            json_array_append_new(types, json_pack("{s:s, s:b}", "value", kinds[i], "selected",
                                                   strcmp(kinds[i], type) == 0));
        json_object_set_new(f, "types", types);
        json_object_set_new(f, strcmp(type, "number") == 0 ? "is_number"
                               : strcmp(type, "date") == 0 ? "is_date"
                               : strcmp(type, "list") == 0 ? "is_list" : "is_text", json_true());
        const char *col = json_string_value(json_object_get(d, "column"));
        if (col)
            json_object_set_new(f, "column", json_string(col));
        json_array_append_new(out, f);
    }
    sqlsafe_params_free(&p);
    return out;
}

const json_t *query_params_decl(arena_t *a, const char *text)
{
    json_t *d = text ? json_loads(text, 0, NULL) : NULL;
    if (!json_is_array(d)) {
        json_decref(d);
        d = json_array();
    }
    arena_defer_json(a, d);
    return d;
}

int query_params_same(arena_t *arena, const char *sql, const json_t *a, const json_t *b)
{
    query_bound_t x, y;
    char err[256];
    if (query_params_bind(arena, sql, a, NULL, &x, err, sizeof err) < 0 ||
        query_params_bind(arena, sql, b, NULL, &y, err, sizeof err) < 0 || x.n != y.n)
        return 0;
    for (int k = 0; k < x.n; k++)
        if (strcmp(x.types[k], y.types[k]) != 0 || strcmp(x.values[k], y.values[k]) != 0)
            return 0;
    return 1;
}
