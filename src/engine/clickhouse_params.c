/* clickhouse_params.c — $k parameters as ClickHouse literals.
 *
 * ClickHouse 18.16 has no server-side query parameters, so the engine
 * writes each value as a literal it quotes itself, in place of its $k
 * token (found by engine/lex.c: never inside a string, a quoted name or a
 * comment). The value is checked against its type first: a number must be
 * a number, a date a real YYYY-MM-DD; text is quoted with \ and ' escaped
 * (ClickHouse reads backslash escapes in strings, so both are escaped). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

static void quote_text(buf_t *b, const char *s, size_t n)
{
    buf_putc(b, '\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' || s[i] == '\'')
            buf_putc(b, '\\');
        buf_putc(b, s[i]);
    }
    buf_putc(b, '\'');
}

/* -12, 3.5, 1e6: digits, one point, an exponent; nothing else */
static int number_ok(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    int digits = 0, dot = 0;
    for (; isdigit((unsigned char)*p) || (*p == '.' && !dot); p++) {
        dot |= *p == '.';
        digits += *p != '.';
    }
    if (!digits)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        p += *p == '-' || *p == '+';
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == 0 && isfinite(strtod(s, NULL));
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

static int date_ok(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int engine_clickhouse_literal(buf_t *b, const char *value, const char *type, char *err,
                              size_t errlen)
{
    if (!value) {
        buf_puts(b, "NULL");
        return 0;
    }
    if (type && strcmp(type, "number") == 0) {
        if (!number_ok(value)) {
            snprintf(err, errlen, "the value \"%.40s\" is not a number", value);
            return -1;
        }
        buf_printf(b, "(%s)", value); /* x-$1 with -5: x-(-5), never x--5 */
        return 0;
    }
    if (type && strcmp(type, "date") == 0) {
        if (!date_ok(value)) {
            snprintf(err, errlen, "the value \"%.40s\" is not a date (YYYY-MM-DD)", value);
            return -1;
        }
        buf_printf(b, "toDate('%s')", value);
        return 0;
    }
    quote_text(b, value, strlen(value));
    return 0;
}

int engine_clickhouse_bind(const char *statement, int nparams, const char *const *values,
                           const char *const *types, char **out, char *err, size_t errlen)
{
    engine_tokens_t t;
    if (engine_lex(statement, strlen(statement), &engine_clickhouse_lex, &t, err, errlen) < 0)
        return -1;
    buf_t b = {0};
    size_t at = 0;
    int rc = 0;
    for (size_t k = 0; k < t.n && rc == 0; k++) {
        if (t.tok[k].kind != ENGINE_TOK_PARAM)
            continue;
        int i = atoi(statement + t.tok[k].start + 1);
        if (i < 1 || i > nparams) {
            snprintf(err, errlen, "$%d has no value", i);
            rc = -1;
            break;
        }
        buf_append(&b, statement + at, t.tok[k].start - at);
        const char *type = types ? types[i - 1] : NULL;
        rc = engine_clickhouse_literal(&b, values[i - 1], type, err, errlen);
        at = t.tok[k].end;
    }
    engine_tokens_free(&t);
    if (rc < 0) {
        buf_free(&b);
        return -1;
    }
    buf_puts(&b, statement + at);
    *out = buf_detach(&b);
    return 0;
}
