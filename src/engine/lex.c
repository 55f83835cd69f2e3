/* lex.c — the tokens of one statement in MySQL's, SQLite's or ClickHouse's
 * lexical rules, for those engines' SQL policies (engine/internal.h).
 *
 * PostgreSQL's validator parses with PostgreSQL's own parser (libpg_query);
 * the other engines have no parser DataMind can link, so their policies
 * look at tokens: which statement it is, which words and functions it uses,
 * whether a second statement follows. A policy is a filter that gives
 * reasons; the engine's read-only mode is the boundary. What a lexer gets
 * wrong must therefore fail closed: anything this file cannot read whole
 * (an unterminated string, a MySQL executable comment, nesting past
 * SQLSAFE_MAX_NESTING) is an error, never a guess.
 *
 * Per engine (rules):
 *   mysql       `ident`, "string" (no ANSI_QUOTES), 'string', \-escapes,
 *               # and "-- " comments, executable comments (slash-star-bang) refused
 *   clickhouse  `ident`, "ident", 'string', \-escapes, -- comments
 *   sqlite      `ident`, "ident", [ident], 'string', -- comments
 */
#include "engine/internal.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

static int ident_start(unsigned char ch)
{
    return isalpha(ch) || ch == '_' || ch >= 0x80;
}

static int ident_char(unsigned char ch)
{
    return ident_start(ch) || isdigit(ch) || ch == '$';
}

typedef struct lexer {
    const char *s;
    size_t len, i;
    const engine_lex_rules_t *r;
    char *err;
    size_t errlen;
} lexer_t;

static int fail(lexer_t *lx, const char *what)
{
    snprintf(lx->err, lx->errlen, "%s (at character %zu)", what, lx->i + 1);
    return -1;
}

/* s[i] is the opening quote q: past the closing one ('' doubled inside,
 * \x escaped when the rules say so), or -1 when it never closes. */
static int skip_quoted(lexer_t *lx, char q, int backslash)
{
    size_t i = lx->i + 1;
    while (i < lx->len) {
        if (backslash && lx->s[i] == '\\' && i + 1 < lx->len) {
            i += 2;
        } else if (lx->s[i] == q) {
            if (i + 1 < lx->len && lx->s[i + 1] == q) {
                i += 2;
            } else {
                lx->i = i + 1;
                return 0;
            }
        } else {
            i++;
        }
    }
    return fail(lx, q == '\'' || (q == '"' && !lx->r->dquote_ident) ? "a string is not closed"
                                                                    : "a quoted name is not closed");
}

/* Comments: 1 when one was skipped, 0 when s[i] starts none, -1 refused. */
static int skip_comment(lexer_t *lx)
{
    const char *s = lx->s;
    size_t i = lx->i, len = lx->len;
    int dash = i + 1 < len && s[i] == '-' && s[i + 1] == '-';
    /* MySQL: "--" starts a comment only when a space or control follows */
    if (dash && lx->r->dash_needs_space && i + 2 < len && !isspace((unsigned char)s[i + 2]) &&
        !iscntrl((unsigned char)s[i + 2]))
        dash = 0;
    if (dash || (lx->r->hash_comment && s[i] == '#')) {
        while (i < len && s[i] != '\n')
            i++;
        lx->i = i;
        return 1;
    }
    if (!(i + 1 < len && s[i] == '/' && s[i + 1] == '*'))
        return 0;
    if (lx->r->exec_comments && i + 2 < len &&
        (s[i + 2] == '!' || s[i + 2] == '+' || (s[i + 2] == 'M' && i + 3 < len && s[i + 3] == '!')))
        return fail(lx, "comments that run as SQL (/*! … */, optimizer hints) are not accepted");
    const char *end = NULL;
    for (size_t j = i + 2; j + 1 < len; j++)
        if (s[j] == '*' && s[j + 1] == '/') {
            end = s + j + 2;
            break;
        }
    if (!end)
        return fail(lx, "a /* comment is not closed");
    lx->i = (size_t)(end - s);
    return 1;
}

static engine_tok_kind_t scan_word(lexer_t *lx)
{
    const char *s = lx->s;
    size_t i = lx->i;
    unsigned char c = (unsigned char)s[i];
    if (isdigit(c) || (c == '.' && i + 1 < lx->len && isdigit((unsigned char)s[i + 1]))) {
        while (i < lx->len && (isalnum((unsigned char)s[i]) || s[i] == '.' || s[i] == '_' ||
                               ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E'))))
            i++;
        lx->i = i;
        return ENGINE_TOK_NUMBER;
    }
    if (c == '$' && i + 1 < lx->len && isdigit((unsigned char)s[i + 1])) {
        for (i++; i < lx->len && isdigit((unsigned char)s[i]); i++)
            ;
        lx->i = i;
        return ENGINE_TOK_PARAM;
    }
    if (c == '@') { /* @var, @@global.var */
        for (i++; i < lx->len && (ident_char((unsigned char)s[i]) || s[i] == '@' || s[i] == '.'); i++)
            ;
        lx->i = i;
        return ENGINE_TOK_VARIABLE;
    }
    if (ident_start(c)) {
        for (i++; i < lx->len && ident_char((unsigned char)s[i]); i++)
            ;
        lx->i = i;
        return ENGINE_TOK_WORD;
    }
    lx->i = i + 1;
    return ENGINE_TOK_PUNCT;
}

/* One token at s[i] (not a space, not a comment). */
static int scan_token(lexer_t *lx, engine_tok_kind_t *kind)
{
    char c = lx->s[lx->i];
    if (c == '\'') {
        *kind = ENGINE_TOK_STRING;
        return skip_quoted(lx, '\'', lx->r->backslash_escape);
    }
    if (c == '"') {
        *kind = lx->r->dquote_ident ? ENGINE_TOK_IDENT : ENGINE_TOK_STRING;
        return skip_quoted(lx, '"', !lx->r->dquote_ident && lx->r->backslash_escape);
    }
    if (c == '`' && lx->r->backtick_ident) {
        *kind = ENGINE_TOK_IDENT;
        return skip_quoted(lx, '`', 0);
    }
    if (c == '[' && lx->r->bracket_ident) {
        const char *end = memchr(lx->s + lx->i, ']', lx->len - lx->i);
        if (!end)
            return fail(lx, "a [quoted name] is not closed");
        *kind = ENGINE_TOK_IDENT;
        lx->i = (size_t)(end - lx->s) + 1;
        return 0;
    }
    *kind = scan_word(lx);
    return 0;
}

static int push(engine_tokens_t *t, engine_tok_kind_t kind, size_t start, size_t end, int depth)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->tok = xrealloc(t->tok, t->cap * sizeof *t->tok);
    }
    t->tok[t->n++] = (engine_token_t){.kind = kind, .start = start, .end = end, .depth = depth};
    return 0;
}

int engine_lex(const char *s, size_t len, const engine_lex_rules_t *r, engine_tokens_t *out,
               char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->s = s;
    lexer_t lx = {.s = s, .len = len, .r = r, .err = err, .errlen = errlen};
    int depth = 0;
    while (lx.i < len) {
        if (isspace((unsigned char)s[lx.i])) {
            lx.i++;
            continue;
        }
        int c = skip_comment(&lx);
        if (c < 0)
            goto bad;
        if (c)
            continue;
        size_t start = lx.i;
        engine_tok_kind_t kind;
        if (scan_token(&lx, &kind) < 0)
            goto bad;
        int at = depth;
        if (kind == ENGINE_TOK_PUNCT && s[start] == '(' && ++depth > SQLSAFE_MAX_NESTING) {
            fail(&lx, "the query nests parentheses too deeply");
            goto bad;
        }
        if (kind == ENGINE_TOK_PUNCT && s[start] == ')')
            at = depth = depth > 0 ? depth - 1 : 0;
        push(out, kind, start, lx.i, at);
    }
    return 0;
bad:
    engine_tokens_free(out);
    return -1;
}

void engine_tokens_free(engine_tokens_t *t)
{
    free(t->tok);
    memset(t, 0, sizeof *t);
}

int engine_tok_is(const engine_tokens_t *t, size_t k, const char *word)
{
    if (k >= t->n || t->tok[k].kind != ENGINE_TOK_WORD)
        return 0;
    size_t n = t->tok[k].end - t->tok[k].start;
    return strlen(word) == n && strncasecmp(t->s + t->tok[k].start, word, n) == 0;
}

int engine_tok_punct(const engine_tokens_t *t, size_t k, char ch)
{
    return k < t->n && t->tok[k].kind == ENGINE_TOK_PUNCT && t->s[t->tok[k].start] == ch;
}

/* The statement without its trailing ';'s: how many tokens count. A ';'
 * anywhere else means a second statement. */
size_t engine_tok_statement_end(const engine_tokens_t *t)
{
    size_t n = t->n;
    while (n > 0 && engine_tok_punct(t, n - 1, ';'))
        n--;
    return n;
}

/* Normalized text (constants as ?, words lower-cased, one space between
 * tokens) and its fingerprint (32 hex digits of its BLAKE2b hash) for the
 * cache and the audit log, into out (malloc'd strings). statement: the text
 * from the first token to the last before any trailing ';'. */
void engine_tok_check(const engine_tokens_t *t, sqlsafe_check_t *out)
{
    size_t n = engine_tok_statement_end(t);
    buf_t b = {0};
    for (size_t k = 0; k < n; k++) {
        const engine_token_t *tk = &t->tok[k];
        if (k)
            buf_putc(&b, ' ');
        if (tk->kind == ENGINE_TOK_STRING || tk->kind == ENGINE_TOK_NUMBER)
            buf_putc(&b, '?');
        else if (tk->kind == ENGINE_TOK_WORD)
            for (size_t i = tk->start; i < tk->end; i++)
                buf_putc(&b, (char)tolower((unsigned char)t->s[i]));
        else
            buf_append(&b, t->s + tk->start, tk->end - tk->start);
    }
    unsigned char h[16];
    char hex[33];
    crypto_generichash(h, sizeof h, (const unsigned char *)buf_str(&b), b.len, NULL, 0);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    out->normalized = xstrdup(buf_str(&b));
    out->fingerprint = xstrdup(hex);
    out->statement = n ? xstrndup(t->s + t->tok[0].start, t->tok[n - 1].end - t->tok[0].start)
                       : xstrdup("");
    buf_free(&b);
}
