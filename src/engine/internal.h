/* internal.h — what the engine files share; not for other modules.
 *
 * One section per engine, each named with its engine's prefix
 * (engine_pg_…, engine_mysql_…, …). Engines only add lines here. */
#ifndef DM_ENGINE_INTERNAL_H
#define DM_ENGINE_INTERNAL_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "engine/engine.h"

/* ---- lex.c: tokens for the MySQL, SQLite and ClickHouse policies ---------- */

typedef struct engine_lex_rules {
    unsigned backtick_ident : 1;   /* `name` */
    unsigned dquote_ident : 1;     /* "name" (else "…" is a string, as MySQL reads it) */
    unsigned bracket_ident : 1;    /* [name] (SQLite) */
    unsigned backslash_escape : 1; /* \' and \\ inside strings (MySQL, ClickHouse) */
    unsigned hash_comment : 1;     /* # to the end of the line (MySQL) */
    unsigned dash_needs_space : 1; /* "-- " needs a space after it (MySQL) */
    unsigned exec_comments : 1;    /* refuse executable comments and hints: slash-star followed by !, M! or + (MySQL) */
} engine_lex_rules_t;

typedef enum engine_tok_kind {
    ENGINE_TOK_WORD,     /* a bare word: keyword, name or function */
    ENGINE_TOK_IDENT,    /* a quoted name */
    ENGINE_TOK_STRING,   /* a string literal */
    ENGINE_TOK_NUMBER,
    ENGINE_TOK_PARAM,    /* $1 … */
    ENGINE_TOK_VARIABLE, /* @name, @@name */
    ENGINE_TOK_PUNCT     /* one character: ( ) , ; . = < > + - * / … */
} engine_tok_kind_t;

typedef struct engine_token {
    engine_tok_kind_t kind;
    size_t start, end;   /* s[start, end) */
    int depth;           /* ( nesting it sits at; a parenthesis: the depth outside it */
} engine_token_t;

typedef struct engine_tokens {
    const char *s;       /* the text (borrowed) */
    engine_token_t *tok; /* malloc'd */
    size_t n, cap;
} engine_tokens_t;

/* Every token of s[0..len) but spaces and comments: 0 and *out (free with
 * engine_tokens_free), or -1 with err (an unclosed string, name or comment,
 * an executable comment, parentheses deeper than SQLSAFE_MAX_NESTING). */
int engine_lex(const char *s, size_t len, const engine_lex_rules_t *r, engine_tokens_t *out,
               char *err, size_t errlen);
void engine_tokens_free(engine_tokens_t *t);
/* token k is the bare word word (case aside) / the punctuation ch */
int engine_tok_is(const engine_tokens_t *t, size_t k, const char *word);
int engine_tok_punct(const engine_tokens_t *t, size_t k, char ch);
/* the number of tokens before the trailing ';'s */
size_t engine_tok_statement_end(const engine_tokens_t *t);
/* out's normalized text (constants as ?), fingerprint and statement (the
 * text without comments around it or trailing ';'), malloc'd. */
void engine_tok_check(const engine_tokens_t *t, sqlsafe_check_t *out);

/* ---- The engines of the registry (engine.c) -------------------------------
 * Each engine's table, defined in its own files. An engine that is not in
 * this build is absent from engine.c's table (and engine_for_kind says so:
 * engine_find / engine_kind_label). */
extern const engine_t engine_pg;

/* pg_dialect.c: how PostgreSQL is written (engine_pg's dialect). */
extern const engine_dialect_t engine_pg_dialect;

/* PostgreSQL's own declarations (libpq's types) are in pg_internal.h, for
 * the pg_*.c files only: nothing else of engine/ includes libpq. */

#endif
