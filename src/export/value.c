/* value.c — reading a result: column kinds, cell text, numbers and dates. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "export/internal.h"

static int kind_parse(const char *s)
{
    static const struct { const char *name; int kind; } map[] = {
        {"integer", EXPORT_INT}, {"number", EXPORT_NUM},  {"boolean", EXPORT_BOOL},
        {"date", EXPORT_DATE},   {"timestamp", EXPORT_TS}, {"text", EXPORT_TEXT},
    };
    for (size_t i = 0; s && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(s, map[i].name) == 0)
            return map[i].kind;
    return EXPORT_TEXT;
}

int export_table_open(const json_t *result, export_table_t *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    const json_t *cols = json_object_get(result, "columns");
    const json_t *rows = json_object_get(result, "rows");
    if (!json_is_array(cols) || !json_is_array(rows)) {
        snprintf(err, errlen, "The result has no columns and rows to export.");
        return -1;
    }
    t->rows = rows;
    t->ncols = json_array_size(cols);
    t->nrows = json_array_size(rows);
    t->names = xcalloc(t->ncols + 1, sizeof *t->names);
    t->kinds = xcalloc(t->ncols + 1, sizeof *t->kinds);
    for (size_t c = 0; c < t->ncols; c++) {
        const json_t *col = json_array_get(cols, c);
        const char *name = json_string_value(json_object_get(col, "name"));
        t->names[c] = name ? name : "";
        t->kinds[c] = kind_parse(json_string_value(json_object_get(col, "type")));
    }
    const json_t *rc = json_object_get(result, "row_count");
    t->row_count = json_is_integer(rc) && json_integer_value(rc) >= 0
                       ? (size_t)json_integer_value(rc) : t->nrows;
    if (t->row_count < t->nrows)
        t->row_count = t->nrows;
    t->truncated = json_is_true(json_object_get(result, "truncated"));
    const char *by = json_string_value(json_object_get(result, "truncated_by"));
    t->by_bytes = t->truncated && by && strcmp(by, "bytes") == 0;
    return 0;
}

void export_table_close(export_table_t *t)
{
    free(t->names);
    free(t->kinds);
    memset(t, 0, sizeof *t);
}

const json_t *export_table_cell(const export_table_t *t, size_t r, size_t c)
{
    return json_array_get(json_array_get(t->rows, r), c);
}

int export_kind_numeric(int kind)
{
    return kind == EXPORT_INT || kind == EXPORT_NUM;
}

static void real_text(double v, buf_t *b)
{
    char s[40];
    if (!isfinite(v)) {  /* jansson cannot hold these, but be safe */
        buf_puts(b, isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        return;
    }
    snprintf(s, sizeof s, "%.15g", v);
    if (strtod(s, NULL) != v)
        snprintf(s, sizeof s, "%.17g", v);
    buf_puts(b, s);
}

void export_value_text(const json_t *v, buf_t *b)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        buf_append(b, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        buf_printf(b, "%lld", (long long)json_integer_value(v));
        break;
    case JSON_REAL:
        real_text(json_real_value(v), b);
        break;
    case JSON_TRUE:
        buf_puts(b, "true");
        break;
    case JSON_FALSE:
        buf_puts(b, "false");
        break;
    case JSON_OBJECT:
    case JSON_ARRAY: {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        if (s)
            buf_puts(b, s);
        free(s);
        break;
    }
    default:  /* null */
        break;
    }
}

/* Strictly a decimal number: sign, digits, point, exponent; no spaces, no
 * hex, no "inf"/"nan" (which strtod would happily take). */
static int numeric_string(const char *s)
{
    const char *p = s;
    int digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    while (isdigit((unsigned char)*p) || *p == '.')
        digits += isdigit((unsigned char)*p++) != 0;
    if (!digits)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

int export_value_number(const json_t *v, double *out)
{
    if (json_is_number(v)) {
        *out = json_number_value(v);
        return 1;
    }
    const char *s = json_string_value(v);
    if (!s || !numeric_string(s))
        return 0;
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (*end || errno == ERANGE || !isfinite(d))
        return 0;
    *out = d;
    return 1;
}

/* n digits at *p into *out; advances p. */
static int digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (!isdigit((unsigned char)**p))
            return -1;
        v = v * 10 + (**p - '0');
    }
    *out = v;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

static int time_parse(const char *p, export_dt_t *dt)
{
    int sec = 0;
    if (digits(&p, 2, &dt->hour) || *p++ != ':' || digits(&p, 2, &dt->min))
        return -1;
    if (*p == ':') {
        p++;
        if (digits(&p, 2, &sec))
            return -1;
    }
    dt->sec = sec;
    if (*p == '.') {
        double scale = 0.1;
        for (p++; isdigit((unsigned char)*p); p++, scale /= 10)
            dt->sec += (*p - '0') * scale;
    }
    if (*p == 'Z')
        p++;
    else if (*p == '+' || *p == '-') {  /* offset dropped: see internal.h */
        p++;
        while (isdigit((unsigned char)*p) || *p == ':')
            p++;
    }
    if (*p || dt->hour > 23 || dt->min > 59 || dt->sec >= 61)
        return -1;
    dt->has_time = 1;
    return 0;
}

int export_dt_parse(const char *s, export_dt_t *dt)
{
    memset(dt, 0, sizeof *dt);
    const char *p = s;
    if (!s || digits(&p, 4, &dt->year) || *p++ != '-' || digits(&p, 2, &dt->month) ||
        *p++ != '-' || digits(&p, 2, &dt->day))
        return -1;
    if (dt->month < 1 || dt->month > 12 || dt->day < 1 ||
        dt->day > days_in_month(dt->year, dt->month))
        return -1;
    if (*p == '\0')
        return 0;
    if (*p != ' ' && *p != 'T')
        return -1;
    return time_parse(p + 1, dt);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
    if (n == 0 || s[0] > 0xf4)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
        (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
        return 0;  /* overlong, surrogate, beyond U+10FFFF */
    return n;
}

void export_utf8_clean(buf_t *b, const char *s, int keep_nl)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        size_t n = utf8_len(p);
        if (n == 0) {
            buf_puts(b, "\xef\xbf\xbd");
            p++;
        } else if (n == 1 && *p < 0x20) {
            buf_putc(b, *p == '\n' && keep_nl ? '\n' : ' ');
            p++;
        } else {
            buf_append(b, (const char *)p, n);
            p += n;
        }
    }
}
