/* derive.c — "the rows behind this number": from an aggregate query over
 * one FROM clause (a table or a join), the query that lists the rows one
 * of its numbers was computed from. Only the simple shape is derived —
 * SELECT <items> FROM <from> [WHERE <cond>] [GROUP BY <keys>] [HAVING …]
 * [ORDER BY …] [LIMIT …], with no WITH, set operation, DISTINCT or
 * WINDOW, the x column a plain select item that the GROUP BY lists; for
 * anything else the reason is given instead of a guess. The pieces are
 * cut from the statement's own text at its top-level keywords (found by
 * lexer, so nothing inside brackets, strings or comments counts), so a
 * {{name}} parameter stays as it was; the value is a {{param}} parameter,
 * bound like the others (query_run), never pasted in. */
#include "sqlsafe/sqlsafe.h"
#include "sqlsafe/internal.h"
#include "core/buf.h"

#include <ctype.h>
#include <jansson.h>
#include <pg_query.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TOKENS 4096

typedef struct tok {
    size_t start, end;
    int depth;
} tok_t;

typedef struct toks {
    const char *s;
    tok_t *t;
    size_t n;
    int overflow;
} toks_t;

static int take(void *ud, size_t start, size_t end, int depth)
{
    toks_t *k = ud;
    if (k->n == MAX_TOKENS) {
        k->overflow = 1;
        return 1;
    }
    k->t[k->n++] = (tok_t){start, end, depth};
    return 0;
}

static int is_word(const toks_t *k, size_t i, const char *w)
{
    return i < k->n && k->t[i].depth == 0 && k->t[i].end - k->t[i].start == strlen(w) &&
           strncasecmp(k->s + k->t[i].start, w, strlen(w)) == 0;
}

__attribute__((format(printf, 3, 4)))
static int why(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* The structure, from libpg_query's tree (of sql with its {{name}}
 * parameters as $k): one plain SELECT with a FROM. */
static int check_shape(const char *sql, int grouped, char *err, size_t errlen)
{
    sqlsafe_params_t p;
    if (sqlsafe_params_rewrite(sql, strlen(sql), &p, err, errlen) < 0)
        return -1;
    PgQueryParseResult pr = pg_query_parse(p.sql);
    sqlsafe_params_free(&p);
    if (pr.error) {
        pg_query_free_parse_result(pr);
        return why(err, errlen, "the query could not be read");
    }
    json_t *tree = json_loads(pr.parse_tree, 0, NULL);
    pg_query_free_parse_result(pr);
    json_t *stmts = json_object_get(tree, "stmts");
    json_t *sel = json_object_get(json_object_get(json_array_get(stmts, 0), "stmt"), "SelectStmt");
    int rc = -1;
    const char *op = json_string_value(json_object_get(sel, "op"));
    if (!sel || json_array_size(stmts) != 1)
        why(err, errlen, "it is not one SELECT");
    else if (op && strcmp(op, "SETOP_NONE") != 0)
        why(err, errlen, "it combines queries (UNION, INTERSECT or EXCEPT)");
    else if (json_object_get(sel, "withClause"))
        why(err, errlen, "it uses WITH");
    else if (json_object_get(sel, "distinctClause"))
        why(err, errlen, "it uses DISTINCT");
    else if (json_object_get(sel, "windowClause"))
        why(err, errlen, "it uses WINDOW");
    else if (!json_array_size(json_object_get(sel, "fromClause")))
        why(err, errlen, "it reads no table");
    else if (grouped && !json_array_size(json_object_get(sel, "groupClause")))
        why(err, errlen, "it has no GROUP BY: each row is its own");
    else if (!grouped && json_array_size(json_object_get(sel, "groupClause")))
        why(err, errlen, "it has a GROUP BY: pick one bar or row of it");
    else
        rc = 0;
    json_decref(tree);
    return rc;
}

/* Text of tokens [a, b) with single spaces between them (for comparing). */
static void put_tokens(buf_t *b, const toks_t *k, size_t a, size_t e)
{
    for (size_t i = a; i < e; i++) {
        if (i > a)
            buf_putc(b, ' ');
        buf_append(b, k->s + k->t[i].start, k->t[i].end - k->t[i].start);
    }
}

/* An identifier token as PostgreSQL names it: "Quoted" as written, bare
 * ones folded to lower case. */
static void ident_name(buf_t *b, const toks_t *k, size_t i)
{
    const char *p = k->s + k->t[i].start;
    size_t n = k->t[i].end - k->t[i].start;
    if (n >= 2 && p[0] == '"') {
        for (size_t j = 1; j + 1 < n; j++) {
            buf_putc(b, p[j]);
            if (p[j] == '"')
                j++;
        }
        return;
    }
    for (size_t j = 0; j < n; j++)
        buf_putc(b, (char)tolower((unsigned char)p[j]));
}

static int is_ident(const toks_t *k, size_t i)
{
    unsigned char c = (unsigned char)k->s[k->t[i].start];
    return c == '"' || isalpha(c) || c == '_' || c >= 0x80;
}

/* The end of the clause that starts at token i: the next top-level clause
 * keyword. */
static size_t clause_end(const toks_t *k, size_t i, size_t stop)
{
    static const char *const words[] = {"where", "group", "having", "window", "order",
                                        "limit", "offset", "fetch", "for"};
    for (; i < stop; i++)
        for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
            if (is_word(k, i, words[w]))
                return i;
    return stop;
}

/* The select item named col: its expression's tokens [*a, *e). 0, or -1. */
static int find_item(const toks_t *k, size_t from, size_t to, const char *col, size_t *a,
                     size_t *e, int *ordinal)
{
    size_t start = from;
    int n = 0;
    for (size_t i = from; i <= to; i++) {
        if (i < to && !(k->t[i].depth == 0 && k->s[k->t[i].start] == ','))
            continue;
        n++;
        size_t end = i, xe = end;
        buf_t name = {0};
        if (end - start >= 3 && is_word(k, end - 2, "as") && is_ident(k, end - 1)) {
            ident_name(&name, k, end - 1);
            xe = end - 2;
        } else {
            int colref = 1; /* ident ( . ident )* : named after its last part */
            for (size_t j = start; j < end; j++)
                colref &= (j - start) % 2 == 0 ? is_ident(k, j) : k->s[k->t[j].start] == '.';
            if (colref && (end - start) % 2 == 1)
                ident_name(&name, k, end - 1);
        }
        int hit = name.len && strcmp(buf_str(&name), col) == 0;
        buf_free(&name);
        if (hit && xe > start) {
            *a = start;
            *e = xe;
            *ordinal = n;
            return 0;
        }
        start = i + 1;
    }
    return -1;
}

/* Whether the GROUP BY [g, ge) lists the item (its text, its name or its
 * ordinal). */
static int grouped_by(const toks_t *k, size_t g, size_t ge, size_t a, size_t e, const char *col,
                      int ordinal)
{
    buf_t item = {0};
    put_tokens(&item, k, a, e);
    int found = 0;
    size_t start = g;
    for (size_t i = g; i <= ge && !found; i++) {
        if (i < ge && !(k->t[i].depth == 0 && k->s[k->t[i].start] == ','))
            continue;
        buf_t key = {0}, name = {0};
        put_tokens(&key, k, start, i);
        if (i - start == 1 && is_ident(k, start))
            ident_name(&name, k, start);
        char num[16];
        snprintf(num, sizeof num, "%d", ordinal);
        found = strcmp(buf_str(&key), buf_str(&item)) == 0 || strcmp(buf_str(&key), num) == 0 ||
                (name.len && strcmp(buf_str(&name), col) == 0);
        buf_free(&key);
        buf_free(&name);
        start = i + 1;
    }
    buf_free(&item);
    return found;
}

int sqlsafe_rows_behind(const char *sql, const char *col, const char *param, char **out,
                        char *err, size_t errlen)
{
    *out = NULL;
    scan_t sc;
    size_t len = strlen(sql);
    sqlsafe_scan(sql, len, &sc);
    if (sc.open || sc.first >= sc.end)
        return why(err, errlen, "the query could not be read");
    char *stmt = strndup(sql + sc.first, sc.end - sc.first);
    toks_t k = {stmt, calloc(MAX_TOKENS, sizeof(tok_t)), 0, 0};
    int rc = -1;
    if (!stmt || !k.t || check_shape(stmt, col != NULL, err, errlen) < 0)
        goto out;
    sqlsafe_tokens(stmt, strlen(stmt), take, &k);
    if (k.overflow) {
        why(err, errlen, "the query is too long to take apart");
        goto out;
    }
    size_t from = 0, where = 0, group = 0;
    for (size_t i = 1; i < k.n; i++) {
        if (!from && is_word(&k, i, "from") && !is_word(&k, i - 1, "distinct"))
            from = i;
        else if (from && !where && !group && is_word(&k, i, "where"))
            where = i;
        else if (from && !group && is_word(&k, i, "group") && is_word(&k, i + 1, "by"))
            group = i;
    }
    if (!is_word(&k, 0, "select") || !from) {
        why(err, errlen, "its SELECT … FROM could not be found");
        goto out;
    }
    size_t from_end = clause_end(&k, from + 1, k.n);
    size_t where_end = where ? clause_end(&k, where + 1, k.n) : 0;
    size_t xa = 0, xe = 0;
    int ordinal = 0;
    if (col && find_item(&k, 1, from, col, &xa, &xe, &ordinal) < 0) {
        why(err, errlen, "%s is not a plain item of its SELECT list", col);
        goto out;
    }
    if (col && (!group || !grouped_by(&k, group + 2, clause_end(&k, group + 2, k.n), xa, xe, col,
                                      ordinal))) {
        why(err, errlen, "its GROUP BY does not list %s as the SELECT list has it", col);
        goto out;
    }
    buf_t b = {0};
    buf_puts(&b, "SELECT * FROM ");
    buf_append(&b, stmt + k.t[from + 1].start,
               k.t[from_end - 1].end - k.t[from + 1].start);
    if (where) {
        buf_puts(&b, " WHERE (");
        buf_append(&b, stmt + k.t[where + 1].start,
                   k.t[where_end - 1].end - k.t[where + 1].start);
        buf_puts(&b, ")");
    }
    if (col) {
        buf_puts(&b, where ? " AND (" : " WHERE (");
        buf_append(&b, stmt + k.t[xa].start, k.t[xe - 1].end - k.t[xa].start);
        buf_printf(&b, ") = {{%s}}", param);
    }
    *out = strdup(buf_str(&b));
    buf_free(&b);
    rc = *out ? 0 : -1;
out:
    free(k.t);
    free(stmt);
    return rc;
}
