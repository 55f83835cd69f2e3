/* params.c — {{name}} parameters rewritten to $k placeholders (sqlsafe.h).
 * The SQL is walked with the validator's own lexer, so a '{{' inside a
 * string literal, a quoted identifier, a dollar-quoted string or a comment
 * is text and stays as it is; only one outside them is a parameter. */
#include "sqlsafe/internal.h"
#include "sqlsafe/sqlsafe.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int name_start(unsigned char ch)
{
    return isalpha(ch) || ch == '_';
}

static int word_char(unsigned char ch)
{
    return isalnum(ch) || ch == '_' || ch == '$' || ch >= 0x80;
}

/* 1-based line of offset i, for messages. */
static int line_of(const char *s, size_t i)
{
    int line = 1;
    for (size_t k = 0; k < i; k++)
        line += s[k] == '\n';
    return line;
}

/* The index of name in p (adding it when new), or -1 when full. */
static int name_index(sqlsafe_params_t *p, const char *name, size_t n)
{
    for (size_t k = 0; k < p->n; k++)
        if (strlen(p->names[k]) == n && memcmp(p->names[k], name, n) == 0)
            return (int)k;
    if (p->n >= SQLSAFE_MAX_PARAMS)
        return -1;
    memcpy(p->names[p->n], name, n);
    p->names[p->n][n] = '\0';
    return (int)p->n++;
}

/* s[i] is the first '{' of "{{": parse up to "}}", set *name / *n, return
 * the offset past "}}", or 0 with err set. */
static size_t parse_ref(const char *s, size_t len, size_t i, const char **name, size_t *n,
                        char *err, size_t errlen)
{
    size_t j = i + 2, start, end;
    while (j < len && (s[j] == ' ' || s[j] == '\t'))
        j++;
    start = j;
    while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '_'))
        j++;
    end = j;
    while (j < len && (s[j] == ' ' || s[j] == '\t'))
        j++;
    if (j + 1 >= len || s[j] != '}' || s[j + 1] != '}') {
        const char *close = memchr(s + i, '}', len - i);
        if (!close || close + 1 >= s + len || close[1] != '}')
            snprintf(err, errlen, "has a {{ without its }} on line %d: write a parameter as "
                                  "{{name}}", line_of(s, i));
        else
            snprintf(err, errlen, "has a parameter on line %d whose name is not a name "
                                  "(\"%.*s\"): use letters, digits and _, starting with a letter",
                     line_of(s, i), (int)(close - s - i - 2 > 40 ? 40 : close - s - i - 2), s + i + 2);
        return 0;
    }
    if (end == start || !name_start((unsigned char)s[start])) {
        snprintf(err, errlen, "has a parameter on line %d whose name is not a name (\"%.*s\"): "
                              "use letters, digits and _, starting with a letter",
                 line_of(s, i), (int)(end - start > 40 ? 40 : end - start), s + start);
        return 0;
    }
    if (end - start > SQLSAFE_PARAM_NAME_MAX) {
        snprintf(err, errlen, "has a parameter name longer than %d characters on line %d",
                 SQLSAFE_PARAM_NAME_MAX, line_of(s, i));
        return 0;
    }
    *name = s + start;
    *n = end - start;
    return j + 2;
}

/* Append $k, spaced from a neighbouring word so "x{{a}}" cannot become the
 * identifier x$1. */
static void put_placeholder(buf_t *b, const char *s, size_t len, size_t at, size_t past, int k)
{
    if (at > 0 && word_char((unsigned char)s[at - 1]))
        buf_putc(b, ' ');
    buf_printf(b, "$%d", k);
    if (past < len && word_char((unsigned char)s[past]))
        buf_putc(b, ' ');
}

int sqlsafe_params_rewrite(const char *sql, size_t len, sqlsafe_params_t *out, char *err,
                           size_t errlen)
{
    buf_t b = {0};
    scan_t sc = {0};
    int depth = 0, is_comment;
    size_t copied = 0;

    memset(out, 0, sizeof *out);
    if (errlen)
        err[0] = '\0';
    for (size_t i = 0; i < len;) {
        if (isspace((unsigned char)sql[i])) {
            i++;
            continue;
        }
        if (sql[i] == '$' && i + 1 < len && isdigit((unsigned char)sql[i + 1])) {
            snprintf(err, errlen, "uses $%c on line %d: name a parameter {{name}} instead",
                     sql[i + 1], line_of(sql, i));
            goto fail;
        }
        if (sql[i] == '{' && i + 1 < len && sql[i + 1] == '{') {
            const char *name;
            size_t n, past = parse_ref(sql, len, i, &name, &n, err, errlen);
            if (!past)
                goto fail;
            int k = name_index(out, name, n);
            if (k < 0) {
                snprintf(err, errlen, "has more than %d different parameters", SQLSAFE_MAX_PARAMS);
                goto fail;
            }
            buf_append(&b, sql + copied, i - copied);
            put_placeholder(&b, sql, len, i, past, k + 1);
            copied = i = past;
            continue;
        }
        i = sqlsafe_scan_token(sql, len, i, &sc, &depth, &is_comment);
    }
    buf_append(&b, sql + copied, len - copied);
    out->sql = buf_detach(&b);
    return 0;
fail:
    buf_free(&b);
    memset(out, 0, sizeof *out);
    return -1;
}

void sqlsafe_params_free(sqlsafe_params_t *p)
{
    if (!p)
        return;
    free(p->sql);
    memset(p, 0, sizeof *p);
}
