/* sqlite_validate.c — the SQLite policy, checked without a connection.
 *
 * A filter that gives reasons early; the boundary is the read-only open,
 * the authorizer and sqlite3_stmt_readonly (sqlite_run.c). Accepted:
 * exactly one complete statement (sqlite3_complete) that begins with
 * SELECT, WITH or VALUES and writes nothing at its top level (WITH …
 * INSERT/UPDATE/DELETE/REPLACE is a write), at most SQLSAFE_MAX_BYTES,
 * whose parameters are exactly $1..$nparams (?, ?N, :x, @x and $x are
 * refused: parameters are {{name}}). Functions are left to the authorizer,
 * which sees the statement as SQLite reads it.
 *
 * For the audit: the statement without the comments and spaces around it
 * or a trailing ';' (what runs), the normalized text (tokens one space
 * apart where they had space or comments between them, every literal —
 * string, number, blob — as ?), and a fingerprint (FNV-1a 64 of the
 * normalized text with words in lower case, 16 hex digits). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/mem.h"
#include "engine/sqlite_internal.h"

typedef enum tok_kind { T_WORD, T_QUOTED, T_LITERAL, T_PARAM, T_PUNCT, T_COMMENT, T_SPACE } tok_kind_t;

typedef struct tok {
    tok_kind_t kind;
    size_t start, end;
    int depth;  /* ( nesting it sits at */
} tok_t;

typedef struct toks {
    tok_t *t;
    size_t n, cap;
    int unclosed;  /* a string or quoted name runs to the end */
    int depth;     /* ( left open at the end; -1 when a ) closed none */
} toks_t;

static int word_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* Past a quoted run opened by s[i] and closed by close (doubled = literal). */
static size_t quoted_end(const char *s, size_t len, size_t i, char close, int *unclosed)
{
    for (i++; i < len; i++) {
        if (s[i] != close)
            continue;
        if (close != ']' && i + 1 < len && s[i + 1] == close) {
            i++;
            continue;
        }
        return i + 1;
    }
    *unclosed = 1;
    return len;
}

static size_t number_end(const char *s, size_t len, size_t i)
{
    if (s[i] == '0' && i + 1 < len && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        for (i += 2; i < len && isxdigit((unsigned char)s[i]); i++)
            ;
        return i;
    }
    while (i < len && (isdigit((unsigned char)s[i]) || s[i] == '.' || s[i] == '_'))
        i++;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < len && isdigit((unsigned char)s[j]))
            for (i = j; i < len && isdigit((unsigned char)s[i]); i++)
                ;
    }
    return i;
}

/* One token at s[i]; its kind in *k, the offset past it returned. */
static size_t token_at(const char *s, size_t len, size_t i, tok_kind_t *k, int *unclosed)
{
    unsigned char c = (unsigned char)s[i];
    if (isspace(c)) {
        *k = T_SPACE;
        while (i < len && isspace((unsigned char)s[i]))
            i++;
        return i;
    }
    *k = T_COMMENT;
    if (c == '-' && i + 1 < len && s[i + 1] == '-') {
        const char *nl = memchr(s + i, '\n', len - i);
        return nl ? (size_t)(nl - s) + 1 : len;
    }
    if (c == '/' && i + 1 < len && s[i + 1] == '*') {
        for (size_t j = i + 2; j + 1 < len; j++)
            if (s[j] == '*' && s[j + 1] == '/')
                return j + 2;
        return len; /* SQLite ends an open comment at the end of the text */
    }
    if ((c == 'x' || c == 'X') && i + 1 < len && s[i + 1] == '\'') {
        *k = T_LITERAL;
        return quoted_end(s, len, i + 1, '\'', unclosed);
    }
    if (c == '\'') {
        *k = T_LITERAL;
        return quoted_end(s, len, i, '\'', unclosed);
    }
    if (c == '"' || c == '`' || c == '[') {
        *k = T_QUOTED;
        return quoted_end(s, len, i, c == '[' ? ']' : (char)c, unclosed);
    }
    if (isdigit(c) || (c == '.' && i + 1 < len && isdigit((unsigned char)s[i + 1]))) {
        *k = T_LITERAL;
        return number_end(s, len, i);
    }
    if (c == '?' || c == ':' || c == '@' || c == '$') {
        *k = T_PARAM;
        for (i++; i < len && (isalnum((unsigned char)s[i]) || s[i] == '_'); i++)
            ;
        return i;
    }
    if (word_char(c)) {
        *k = T_WORD;
        while (i < len && word_char((unsigned char)s[i]))
            i++;
        return i;
    }
    *k = T_PUNCT;
    return i + 1;
}

static void toks_scan(const char *s, size_t len, toks_t *ts)
{
    int depth = 0;
    for (size_t i = 0; i < len;) {
        tok_kind_t k;
        size_t end = token_at(s, len, i, &k, &ts->unclosed);
        if (k == T_PUNCT && s[i] == ')' && depth-- == 0)
            ts->depth = -1;
        if (depth < 0)
            depth = 0;
        if (ts->n == ts->cap) {
            ts->cap = ts->cap ? 2 * ts->cap : 64;
            ts->t = xrealloc(ts->t, ts->cap * sizeof *ts->t);
        }
        ts->t[ts->n++] = (tok_t){k, i, end, depth};
        if (k == T_PUNCT && s[i] == '(')
            depth++;
        i = end;
    }
    if (ts->depth == 0)
        ts->depth = depth;
}

static int real_tok(const tok_t *t)
{
    return t->kind != T_SPACE && t->kind != T_COMMENT;
}

static int word_is(const char *s, const tok_t *t, const char *w)
{
    size_t n = t->end - t->start;
    return t->kind == T_WORD && strlen(w) == n && !strncasecmp(s + t->start, w, n);
}

/* The statement's tokens [*first, *last]: no leading or trailing spaces,
 * comments or ';'. -1 with err when there is a second statement. */
static int toks_span(const char *s, const toks_t *ts, size_t *first, size_t *last, char *err,
                     size_t errlen)
{
    size_t i = 0, end = 0;
    int seen_semi = 0, any = 0;
    for (; i < ts->n && !real_tok(&ts->t[i]); i++)
        ;
    *first = i;
    for (size_t j = i; j < ts->n; j++) {
        const tok_t *t = &ts->t[j];
        if (!real_tok(t))
            continue;
        if (t->kind == T_PUNCT && s[t->start] == ';') {
            seen_semi = 1;
            continue;
        }
        if (seen_semi) {
            snprintf(err, errlen, "only one statement can run at a time");
            return -1;
        }
        end = j;
        any = 1;
    }
    if (!any) {
        snprintf(err, errlen, "there is no statement to run");
        return -1;
    }
    *last = end;
    return 0;
}

/* The policy over the statement's tokens. */
static int toks_check(const char *s, const toks_t *ts, size_t first, size_t last, int nparams,
                      char *err, size_t errlen)
{
    const tok_t *t0 = &ts->t[first];
    if (!word_is(s, t0, "select") && !word_is(s, t0, "with") && !word_is(s, t0, "values")) {
        int n = (int)(t0->end - t0->start);
        snprintf(err, errlen, "only SELECT, WITH and VALUES statements can run, not %.*s",
                 n > 40 ? 40 : n, s + t0->start);
        return -1;
    }
    for (size_t i = first; i <= last; i++) {
        const tok_t *t = &ts->t[i];
        if (t->kind == T_WORD && t->depth == 0 &&
            (word_is(s, t, "insert") || word_is(s, t, "update") || word_is(s, t, "delete"))) {
            snprintf(err, errlen, "a statement that writes (%.*s) cannot run: queries only read",
                     (int)(t->end - t->start), s + t->start);
            return -1;
        }
        size_t nx = i + 1;
        while (nx <= last && !real_tok(&ts->t[nx]))
            nx++;
        if (t->kind == T_WORD && t->depth == 0 && word_is(s, t, "replace") && nx <= last &&
            word_is(s, &ts->t[nx], "into")) {
            snprintf(err, errlen, "a statement that writes (REPLACE INTO) cannot run: queries only read");
            return -1;
        }
        if (t->kind != T_PARAM)
            continue;
        char *endp = NULL;
        long k = s[t->start] == '$' ? strtol(s + t->start + 1, &endp, 10) : 0;
        if (!endp || endp != s + t->end || k < 1 || k > nparams || s[t->start + 1] == '0') {
            snprintf(err, errlen, "parameter %.*s is not allowed: parameters are written {{name}}",
                     (int)(t->end - t->start), s + t->start);
            return -1;
        }
    }
    return 0;
}

/* normalized text and fingerprint of tokens [first, last] */
static void toks_normalize(const char *s, const toks_t *ts, size_t first, size_t last,
                           sqlsafe_check_t *out)
{
    buf_t norm = {0};
    uint64_t h = 1469598103934665603ULL;
    int gap = 0;
    for (size_t i = first; i <= last; i++) {
        const tok_t *t = &ts->t[i];
        if (!real_tok(t)) {
            gap = norm.len > 0;
            continue;
        }
        if (gap)
            buf_putc(&norm, ' ');
        gap = 0;
        if (t->kind == T_LITERAL)
            buf_putc(&norm, '?');
        else
            buf_append(&norm, s + t->start, t->end - t->start);
    }
    const char *n = buf_str(&norm);
    for (size_t i = 0; i < norm.len; i++) {
        h ^= (unsigned char)tolower((unsigned char)n[i]);
        h *= 1099511628211ULL;
    }
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    out->fingerprint = xstrdup(hex);
    out->normalized = buf_detach(&norm);
}

int engine_sqlite_validate(const char *sql, size_t len, int nparams,
                           const char *const *extra_functions, size_t n_extra,
                           sqlsafe_check_t *out, char *err, size_t errlen)
{
    toks_t ts = {0};
    size_t first, last;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (len > SQLSAFE_MAX_BYTES) {
        snprintf(err, errlen, "the query is longer than %d KB", SQLSAFE_MAX_BYTES / 1024);
        return -1;
    }
    if (memchr(sql, '\0', len)) {
        snprintf(err, errlen, "the query holds a NUL character");
        return -1;
    }
    toks_scan(sql, len, &ts);
    if (ts.unclosed) {
        snprintf(err, errlen, "a quoted string or name is not closed");
        goto out;
    }
    if (ts.depth) {
        snprintf(err, errlen, "the parentheses do not match: a ( is %s", ts.depth > 0 ? "not closed" : "missing");
        goto out;
    }
    if (toks_span(sql, &ts, &first, &last, err, errlen) < 0 ||
        toks_check(sql, &ts, first, last, nparams, err, errlen) < 0)
        goto out;
    size_t from = ts.t[first].start, to = ts.t[last].end;
    char *stmt = xstrndup(sql + from, to - from);
    buf_t probe = {0};
    buf_printf(&probe, "%s\n;", stmt); /* a trailing -- comment must not swallow the ';' */
    int complete = sqlite3_complete(buf_str(&probe));
    buf_free(&probe);
    if (!complete) {
        free(stmt);
        snprintf(err, errlen, "the statement is incomplete");
        goto out;
    }
    out->statement = stmt;
    toks_normalize(sql, &ts, first, last, out);
    rc = 0;
out:
    free(ts.t);
    return rc;
}
