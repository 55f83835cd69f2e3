/* internal.h — what the sqlsafe data-path files share; not for other modules. */
#ifndef DM_SQLSAFE_INTERNAL_H
#define DM_SQLSAFE_INTERNAL_H

#include <jansson.h>
#include <libpq-fe.h>

#include "core/buf.h"
#include "sqlsafe/sqlsafe.h"

/* SQL predicate: namespace alias n is a user schema (not pg_catalog,
 * information_schema, pg_toast*, pg_temp_*). */
#define SQLSAFE_USER_SCHEMA(n)                                        \
    n ".nspname NOT IN ('pg_catalog', 'information_schema') AND " n \
    ".nspname !~ '^pg_(toast|temp_)'"

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

/* result.c: {"name","type","pgtype"} for each column of r (new array). */
json_t *sqlsafe_result_columns(const PGresult *r);
/* result.c: row i of r as a new JSON array of typed values; a value longer
 * than max_cell bytes is cut (see sqlsafe.h). *bytes += the bytes kept,
 * *cut += the values cut. */
json_t *sqlsafe_result_row(const PGresult *r, int i, size_t max_cell, size_t *bytes,
                           long *cut);

/* The error of r in words for err: the primary message's first line, plus
 * DETAIL and HINT when they are short. *pos (if not NULL) = the 1-based
 * statement position, 0 if none. */
void sqlsafe_result_error(const PGresult *r, char *err, size_t errlen, int *pos);

/* ---- discovery's working set (discover.c builds it, sample.c fills in
 * counts and samples) ---- */

typedef struct sqlsafe_col {
    int attnum;
    int textlike;      /* string category or enum: a sampling candidate */
    int numeric;       /* a number: sampled only when it holds a few values (flags: 0/1) */
    int has_stats;
    double n_distinct; /* pg_stats: > 0 a count, < 0 a fraction of the rows */
    json_t *json;      /* borrowed from the table's "columns" */
} sqlsafe_col_t;

typedef struct sqlsafe_rel {
    unsigned int oid;
    char kind;         /* pg_class.relkind: r p v m */
    double reltuples;  /* < 0: never analyzed */
    long long rows;    /* best row count known, -1 if none */
    const char *schema, *name;  /* borrowed from the relations' PGresult */
    json_t *json;      /* borrowed from "tables" */
    sqlsafe_col_t *cols;
    size_t ncols, cap;
} sqlsafe_rel_t;

/* sample.c: exact counts and sample values for rels[0..n), each query in
 * the open READ ONLY transaction under savepoint dm_probe and rolled back
 * to it (which also drops its locks). -1 only when the connection is lost. */
int sqlsafe_sample_rels(PGconn *c, sqlsafe_rel_t *rels, size_t n,
                        const sqlsafe_discover_opts_t *o, char *err, size_t errlen);

/* sample.c: in an open transaction, set statement_timeout (transaction-
 * local) and make savepoint dm_probe. 0 / -1 (the connection failed). */
int sqlsafe_savepoint_begin(PGconn *c, int timeout_ms);
/* sample.c: run one query under dm_probe and roll back to it: 0 with *out
 * (rows), 1 when it failed or timed out (skip it), -1 when the connection
 * is gone. */
int sqlsafe_bounded(PGconn *c, const char *sql, int n, const char *const *params,
                    PGresult **out);

#endif
