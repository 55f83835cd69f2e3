/* clickhouse_policy.c — which ClickHouse statements DataMind sends
 * (engine_t.validate for ClickHouse), read from engine/lex.c's tokens.
 *
 * Accepted: one SELECT (or WITH … SELECT) statement whose function calls
 * are on the allow-list (clickhouse_functions.c) or the connection's extra
 * list, with $1..$nparams for parameters. Refused anywhere in it, sub-queries
 * included: INTO OUTFILE, a FORMAT clause (DataMind picks the format), a
 * SETTINGS clause (a statement must not lift readonly or the limits), table
 * functions and functions that reach outside the database (file, url,
 * remote, mysql, dictGet…, whatever the extra list says), system.* tables
 * but a few harmless ones, statement words (INSERT, ALTER, KILL …) outside
 * quotes, and quoted names with backslash escapes (`sys\x74em` would be a
 * way round the name checks). The boundary is the server's readonly
 * setting (clickhouse_http.c); this filter gives reasons. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/internal.h"

const engine_lex_rules_t engine_clickhouse_lex = {.backtick_ident = 1, .dquote_ident = 1,
                                                  .backslash_escape = 1};

typedef struct policy {
    const engine_tokens_t *t;
    size_t n;
    int nparams;
    const char *const *extra;
    size_t n_extra;
    char *err;
    size_t errlen;
} policy_t;

/* the reason: before, the token's text (at most 60 bytes), after */
static int refuse_at(policy_t *p, const char *before, const char *what, size_t n,
                     const char *after)
{
    snprintf(p->err, p->errlen, "%s%.*s%s", before, (int)(n < 60 ? n : 60), what, after);
    return -1;
}

static int refuse(policy_t *p, const char *why)
{
    snprintf(p->err, p->errlen, "%s", why);
    return -1;
}

static int word_in(const char *s, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], s, n) == 0)
            return 1;
    return 0;
}

/* words that may stand before '(' without calling a function */
static const char *const not_calls[] = {
    "all", "and", "any", "array", "as", "asc", "between", "by", "case", "cross", "desc",
    "distinct", "else", "end", "exists", "final", "from", "full", "global", "having",
    "ilike", "in", "inner", "interval", "is", "join", "left", "like", "limit", "not",
    "offset", "on", "or", "outer", "prewhere", "right", "sample", "select", "then",
    "union", "using", "when", "where", "with", NULL,
};

/* statement words: never part of a SELECT outside quotes */
static const char *const statements[] = {
    "alter", "attach", "create", "delete", "describe", "detach", "drop",
    "exchange", "explain", "grant", "insert", "kill", "optimize", "rename",
    "revoke", "set", "show", "truncate", "update", "use", NULL,
};

/* system tables a statement may read: nothing about other users, queries,
 * the server's files or settings */
static const char *const system_ok[] = {
    "data_type_families", "functions", "numbers", "numbers_mt", "one", NULL,
};

static const char *tok_s(const policy_t *p, size_t k) { return p->t->s + p->t->tok[k].start; }
static size_t tok_n(const policy_t *p, size_t k) { return p->t->tok[k].end - p->t->tok[k].start; }

/* a name's text: a bare word, or a quoted name without its quotes */
static void name_of(const policy_t *p, size_t k, const char **s, size_t *n)
{
    *s = tok_s(p, k);
    *n = tok_n(p, k);
    if (p->t->tok[k].kind == ENGINE_TOK_IDENT) {
        (*s)++;
        *n -= 2;
    }
}

static int is_name(const policy_t *p, size_t k)
{
    return k < p->n &&
           (p->t->tok[k].kind == ENGINE_TOK_WORD || p->t->tok[k].kind == ENGINE_TOK_IDENT);
}

static int check_system(policy_t *p, size_t k)
{
    const char *s;
    size_t n;
    name_of(p, k, &s, &n);
    if (n != 6 || strncasecmp(s, "system", 6) != 0 || !engine_tok_punct(p->t, k + 1, '.'))
        return 0;
    if (!is_name(p, k + 2))
        return refuse(p, "system tables cannot be read");
    name_of(p, k + 2, &s, &n);
    if (!word_in(s, n, system_ok))
        return refuse_at(p, "the system table system.", s, n, " cannot be read");
    return 0;
}

static int check_call(policy_t *p, size_t k)
{
    const char *s;
    size_t n;
    name_of(p, k, &s, &n);
    if (p->t->tok[k].kind == ENGINE_TOK_WORD && word_in(s, n, not_calls))
        return 0;
    if (engine_clickhouse_function_outside(s, n))
        return refuse_at(p, "the function ", s, n, " reaches outside the database");
    if (engine_clickhouse_function_allowed(s, n))
        return 0;
    for (size_t i = 0; i < p->n_extra; i++)
        if (strlen(p->extra[i]) == n && strncasecmp(p->extra[i], s, n) == 0)
            return 0;
    return refuse_at(p, "the function ", s, n,
                     " is not allowed (an admin can allow it for this connection)");
}

static int check_param(policy_t *p, size_t k)
{
    const char *s = tok_s(p, k) + 1;
    size_t n = tok_n(p, k) - 1;
    char *end;
    long v = strtol(s, &end, 10);
    if (end != s + n || v < 1 || v > p->nparams)
        return refuse_at(p, "$", s, n, " is not a parameter of this query");
    return 0;
}

static int check_word(policy_t *p, size_t k)
{
    const char *s = tok_s(p, k);
    size_t n = tok_n(p, k);
    int call = engine_tok_punct(p->t, k + 1, '(');
    if (k > 0 && engine_tok_punct(p->t, k - 1, '.'))
        return 0; /* t.format: a column */
    if (n == 4 && !strncasecmp(s, "into", 4))
        return refuse(p, "SELECT … INTO OUTFILE writes a file on the server");
    if (!call && n == 6 && !strncasecmp(s, "format", 6))
        return refuse(p, "a FORMAT clause is not allowed (DataMind picks the format)");
    if (!call && n == 8 && !strncasecmp(s, "settings", 8))
        return refuse(p, "a SETTINGS clause is not allowed (the limits DataMind sets stay)");
    if (word_in(s, n, statements))
        return refuse_at(p, "only SELECT statements are allowed (", s, n, " is not)");
    if (check_system(p, k) < 0)
        return -1;
    return call ? check_call(p, k) : 0;
}

static int check_ident(policy_t *p, size_t k)
{
    if (memchr(tok_s(p, k), '\\', tok_n(p, k)))
        return refuse(p, "a quoted name with a backslash escape is not allowed");
    if (check_system(p, k) < 0)
        return -1;
    return engine_tok_punct(p->t, k + 1, '(') ? check_call(p, k) : 0;
}

static int check_token(policy_t *p, size_t k)
{
    switch (p->t->tok[k].kind) {
    case ENGINE_TOK_WORD:
        return check_word(p, k);
    case ENGINE_TOK_IDENT:
        return check_ident(p, k);
    case ENGINE_TOK_PARAM:
        return check_param(p, k);
    case ENGINE_TOK_VARIABLE:
        return refuse_at(p, "", tok_s(p, k), tok_n(p, k), ": variables are not allowed");
    case ENGINE_TOK_PUNCT:
        return engine_tok_punct(p->t, k, ';') ? refuse(p, "only one statement is allowed")
                                              : 0;
    default:
        return 0;
    }
}

static int check_start(policy_t *p)
{
    size_t k = 0;
    while (k < p->n && engine_tok_punct(p->t, k, '('))
        k++;
    if (k >= p->n)
        return refuse(p, "the query is empty");
    if (engine_tok_is(p->t, k, "select") || engine_tok_is(p->t, k, "with"))
        return 0;
    return refuse_at(p, "only SELECT statements are allowed (this one starts with ", tok_s(p, k),
                     tok_n(p, k), ")");
}

int engine_clickhouse_validate(const char *sql, size_t len, int nparams,
                               const char *const *extra_functions, size_t n_extra,
                               sqlsafe_check_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len > SQLSAFE_MAX_BYTES) {
        snprintf(err, errlen, "the query is longer than %d KB", SQLSAFE_MAX_BYTES / 1024);
        return -1;
    }
    engine_tokens_t t;
    if (engine_lex(sql, len, &engine_clickhouse_lex, &t, err, errlen) < 0)
        return -1;
    policy_t p = {.t = &t, .n = engine_tok_statement_end(&t), .nparams = nparams,
                  .extra = extra_functions, .n_extra = n_extra, .err = err, .errlen = errlen};
    int rc = check_start(&p);
    for (size_t k = 0; rc == 0 && k < p.n; k++)
        rc = check_token(&p, k);
    if (rc == 0)
        engine_tok_check(&t, out);
    engine_tokens_free(&t);
    return rc;
}
