/* mysql_policy.c — what a MySQL / MariaDB connection accepts (validate).
 *
 * There is no MySQL parser DataMind can link, so this policy reads tokens
 * (engine/lex.c with MySQL's rules: backtick names, "…" strings, \-escapes,
 * # and "-- " comments, executable comments refused). The policy is a
 * filter that gives reasons; the boundary is the READ ONLY transaction the
 * engine runs every statement in (mysql_execute.c) and a read-only user.
 *
 * Accepted: one statement (a trailing ';' is fine) that starts with SELECT,
 * WITH, VALUES or TABLE (after any '('). Refused anywhere in it:
 * - INTO (OUTFILE, DUMPFILE, @variables), PROCEDURE (ANALYSE);
 * - FOR UPDATE / FOR SHARE / LOCK IN SHARE MODE (locks);
 * - any @variable or @@variable, and so every := assignment;
 * - NEXT / PREVIOUS VALUE FOR (sequences);
 * - a name qualified by the schemas mysql, performance_schema, sys or
 *   information_schema (discovery reads information_schema itself, never
 *   through this policy);
 * - $n beyond the parameters supplied;
 * - every function not on the allow-list (mysql_functions.c) or the
 *   connection's extra list, and the denied ones (SLEEP, BENCHMARK,
 *   LOAD_FILE, GET_LOCK, …) even when the extra list names them.
 * A function is a name followed by '(' — unless the name is a keyword that
 * takes a parenthesis (IN, EXISTS, OVER, USING, …), an alias's column list
 * (after AS), or a WITH query's column list (name (a, b) AS ( … )).
 *
 * The session's sql_mode (mysql_connect.c) has neither ANSI_QUOTES nor
 * NO_BACKSLASH_ESCAPES, so the server reads strings as these tokens do. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/internal.h"

const engine_lex_rules_t engine_mysql_lex_rules = {
    .backtick_ident = 1, .backslash_escape = 1, .hash_comment = 1, .dash_needs_space = 1,
    .exec_comments = 1};

/* keywords that may stand before '(' without being a function (sorted) */
static const char *const paren_words[] = {
    "against", "all", "and", "any", "as", "asc", "between", "binary", "by", "case", "columns",
    "datetime", "dec", "decimal", "desc", "distinct", "div", "double", "else", "escape",
    "except", "exists", "float", "for", "force", "from", "group", "having", "ignore", "in",
    "index", "int", "integer", "intersect", "interval", "is", "join", "key", "lateral", "like",
    "member", "nchar", "not", "numeric", "of", "on", "or", "order", "over", "partition", "real",
    "recursive", "regexp", "rlike", "row", "select", "signed", "some", "then", "union",
    "unsigned", "use", "using", "values", "varchar", "when", "where", "window", "with", "xor",
};

static const char *const system_schemas[] = {"information_schema", "mysql", "performance_schema",
                                             "sys"};

typedef struct pol {
    const engine_tokens_t *t;
    size_t n;                    /* tokens before the trailing ';'s */
    int nparams;
    const char *const *extra;
    size_t n_extra;
    char *err;
    size_t errlen;
} pol_t;

__attribute__((format(printf, 2, 3))) static int reject(pol_t *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, p->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Token k's name, lower-case: a word as written, a `name` without its
 * quotes (`` as `). "" for other tokens. */
static void tok_name(const pol_t *p, size_t k, char *out, size_t outlen)
{
    const engine_token_t *tk = &p->t->tok[k];
    const char *s = p->t->s;
    size_t i = tk->start, end = tk->end, o = 0;
    out[0] = '\0';
    if (tk->kind == ENGINE_TOK_IDENT && s[i] == '`') {
        i++;
        end--;
    } else if (tk->kind != ENGINE_TOK_WORD) {
        return;
    }
    for (; i < end && o + 1 < outlen; i++) {
        if (s[i] == '`' && i + 1 < end && s[i + 1] == '`')
            i++;
        out[o++] = (char)tolower((unsigned char)s[i]);
    }
    out[o] = '\0';
}

static int is_name(const pol_t *p, size_t k)
{
    return k < p->n && (p->t->tok[k].kind == ENGINE_TOK_WORD ||
                        (p->t->tok[k].kind == ENGINE_TOK_IDENT && p->t->s[p->t->tok[k].start] == '`'));
}

static int word_at(const pol_t *p, size_t k, const char *w)
{
    return k < p->n && engine_tok_is(p->t, k, w);
}

static int by_name(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

static int paren_word(const char *name)
{
    return bsearch(name, paren_words, sizeof paren_words / sizeof *paren_words,
                   sizeof *paren_words, by_name) != NULL;
}

static int extra_has(const pol_t *p, const char *name)
{
    for (size_t i = 0; i < p->n_extra; i++)
        if (p->extra[i] && strcasecmp(p->extra[i], name) == 0)
            return 1;
    return 0;
}

/* The ')' that closes the '(' at k, or p->n. */
static size_t close_of(const pol_t *p, size_t k)
{
    int depth = p->t->tok[k].depth;
    for (size_t j = k + 1; j < p->n; j++)
        if (engine_tok_punct(p->t, j, ')') && p->t->tok[j].depth == depth)
            return j;
    return p->n;
}

/* name ( a, b ) AS ( … ) after WITH, RECURSIVE or ',': a WITH query's
 * column list, not a call. */
static int cte_columns(const pol_t *p, size_t k)
{
    if (k == 0 || !(word_at(p, k - 1, "with") || word_at(p, k - 1, "recursive") ||
                    engine_tok_punct(p->t, k - 1, ',')))
        return 0;
    size_t close = close_of(p, k + 1);
    for (size_t j = k + 2; j < close; j++)
        if (!is_name(p, j) && !engine_tok_punct(p->t, j, ','))
            return 0;
    return word_at(p, close + 1, "as") && engine_tok_punct(p->t, close + 2, '(');
}

/* Token k (a name) is followed by '(': a call to check, or not a call. */
static int check_call(pol_t *p, size_t k)
{
    char name[128], qual[260];
    tok_name(p, k, name, sizeof name);
    if (k > 0 && engine_tok_punct(p->t, k - 1, '.')) {
        char schema[128] = "";
        if (k >= 2)
            tok_name(p, k - 2, schema, sizeof schema);
        snprintf(qual, sizeof qual, "%s.%s", schema, name);
        if (extra_has(p, qual))
            return 0;
        return reject(p, "calls %s, which is not on the allowed function list", qual);
    }
    if ((k > 0 && word_at(p, k - 1, "as")) || cte_columns(p, k))
        return 0;
    if (p->t->tok[k].kind == ENGINE_TOK_WORD && paren_word(name))
        return 0;
    if (engine_mysql_function_denied(name))
        return reject(p, "calls %s, which is never allowed (it waits, locks, reads files or "
                         "changes state)", name);
    if (engine_mysql_function_allowed(name) || extra_has(p, name))
        return 0;
    return reject(p, "calls %s, which is not on the allowed function list", name);
}

static int check_schema(pol_t *p, size_t k)
{
    char name[128];
    tok_name(p, k, name, sizeof name);
    for (size_t i = 0; i < sizeof system_schemas / sizeof *system_schemas; i++)
        if (!strcmp(name, system_schemas[i]))
            return reject(p, "reads %s.…; the schemas information_schema, mysql, "
                             "performance_schema and sys are off limits", name);
    return 0;
}

/* The words that make a SELECT write, lock or wait. */
static int check_word(pol_t *p, size_t k)
{
    if (word_at(p, k, "into"))
        return reject(p, "uses INTO, which writes the result to a file or variables; "
                         "INTO is not allowed");
    if (word_at(p, k, "procedure"))
        return reject(p, "uses PROCEDURE, which runs a procedure over the result");
    if (word_at(p, k, "lock"))
        return reject(p, "uses LOCK IN SHARE MODE, which locks rows; locking clauses are "
                         "not allowed");
    if (word_at(p, k, "for") && (word_at(p, k + 1, "update") || word_at(p, k + 1, "share")))
        return reject(p, "uses FOR %s, which locks rows; locking clauses are not allowed",
                      word_at(p, k + 1, "update") ? "UPDATE" : "SHARE");
    if (word_at(p, k, "value") && word_at(p, k + 1, "for"))
        return reject(p, "reads a sequence (NEXT VALUE FOR), which changes it; sequences are "
                         "not allowed");
    return 0;
}

static int check_token(pol_t *p, size_t k)
{
    const engine_token_t *tk = &p->t->tok[k];
    const char *s = p->t->s;
    if (tk->kind == ENGINE_TOK_VARIABLE)
        return reject(p, "uses the variable %.*s; variables (@name, @@name) are not allowed",
                      (int)(tk->end - tk->start), s + tk->start);
    if (tk->kind == ENGINE_TOK_PARAM) {
        long v = strtol(s + tk->start + 1, NULL, 10);
        if (v < 1 || v > p->nparams)
            return reject(p, "uses the parameter %.*s, which nothing supplies",
                          (int)(tk->end - tk->start), s + tk->start);
        return 0;
    }
    if (!is_name(p, k))
        return 0;
    if (tk->kind == ENGINE_TOK_WORD && check_word(p, k) < 0)
        return -1;
    if (engine_tok_punct(p->t, k + 1, '.') && check_schema(p, k) < 0)
        return -1;
    if (k + 1 < p->n && engine_tok_punct(p->t, k + 1, '(') && check_call(p, k) < 0)
        return -1;
    return 0;
}

/* One statement, and a reading one. */
static int check_statement(pol_t *p)
{
    for (size_t k = 0; k < p->n; k++)
        if (engine_tok_punct(p->t, k, ';'))
            return reject(p, "has more than one statement; only one is allowed");
    size_t k = 0;
    while (k < p->n && engine_tok_punct(p->t, k, '('))
        k++;
    if (word_at(p, k, "select") || word_at(p, k, "with") || word_at(p, k, "values") ||
        word_at(p, k, "table"))
        return 0;
    if (k < p->n && p->t->tok[k].kind == ENGINE_TOK_WORD) {
        char w[64];
        tok_name(p, k, w, sizeof w);
        for (char *c = w; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        return reject(p, "is %s %s statement; only SELECT is allowed",
                      strchr("AEIOU", w[0]) ? "an" : "a", w);
    }
    return reject(p, "does not start with SELECT; only SELECT is allowed");
}

int engine_mysql_validate(const char *sql, size_t len, int nparams,
                          const char *const *extra_functions, size_t n_extra,
                          sqlsafe_check_t *out, char *err, size_t errlen)
{
    engine_tokens_t t;
    pol_t p = {.t = &t, .nparams = nparams, .extra = extra_functions, .n_extra = n_extra,
               .err = err, .errlen = errlen};
    memset(out, 0, sizeof *out);
    err[0] = '\0';
    if (len > SQLSAFE_MAX_BYTES)
        return reject(&p, "query is %zu bytes long; the limit is %d", len, SQLSAFE_MAX_BYTES);
    if (memchr(sql, '\0', len))
        return reject(&p, "contains a NUL byte");
    if (engine_lex(sql, len, &engine_mysql_lex_rules, &t, err, errlen) < 0)
        return -1;
    p.n = engine_tok_statement_end(&t);
    int rc = p.n == 0 ? reject(&p, "empty query") : check_statement(&p);
    for (size_t k = 0; rc == 0 && k < p.n; k++)
        rc = check_token(&p, k);
    if (rc == 0)
        engine_tok_check(&t, out);
    engine_tokens_free(&t);
    return rc;
}
