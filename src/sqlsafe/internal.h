/* internal.h — what sqlsafe's files share; not for other modules. */
#ifndef DM_SQLSAFE_INTERNAL_H
#define DM_SQLSAFE_INTERNAL_H

#include <jansson.h>

#include "core/buf.h"
#include "sqlsafe/sqlsafe.h"

/* words.c: SQL as a user would write it, for refusal messages. */
const char *sqlsafe_string_node(json_t *node);           /* {"String":{"sval"}} */
/* "a.b.c" from a list of String nodes; -1 if a part is not a String. */
int sqlsafe_qualified_name(json_t *list, int quote, buf_t *b);
const char *sqlsafe_last_name(json_t *list);
void sqlsafe_stmt_word(buf_t *b, const char *node, json_t *body);  /* "DROP TABLE" */
const char *sqlsafe_article(const char *word);           /* "a" / "an" */
/* The one key of a node such as {"SelectStmt": {...}}, with its body. */
const char *sqlsafe_stmt_node(json_t *wrapper, json_t **body);

/* lexer.c: the span of real tokens of a statement and its ( / [ depth. */
typedef struct scan {
    size_t first;      /* offset of the first token, len if none */
    size_t end;        /* offset just past the last token that is not ';' */
    int max_depth;     /* deepest ( / [ nesting */
    const char *open;  /* what is left unterminated, or NULL */
} scan_t;
void sqlsafe_scan(const char *s, size_t len, scan_t *sc);
/* Every real token of s (no spaces, no comments) in order: [start, end)
 * and the ( / [ depth it sits at (a bracket: the depth outside it). fn
 * returns nonzero to stop. */
typedef int (*sqlsafe_token_fn)(void *ud, size_t start, size_t end, int depth);
void sqlsafe_tokens(const char *s, size_t len, sqlsafe_token_fn fn, void *ud);
/* lexer.c: one token at s[i] (not whitespace) — a whole string literal,
 * quoted identifier, dollar-quoted string, comment or word, else one
 * character; the offset past it; *is_comment set for comments. */
size_t sqlsafe_scan_token(const char *s, size_t len, size_t i, scan_t *sc, int *depth,
                          int *is_comment);

#endif
