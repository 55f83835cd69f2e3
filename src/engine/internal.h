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

/* ---- mysql_*.c: the MySQL / MariaDB engine (libmariadb) ------------------- */

/* The lexical rules MySQL reads SQL with (sql_mode without ANSI_QUOTES and
 * without NO_BACKSLASH_ESCAPES, which mysql_connect.c sets). */
extern const engine_lex_rules_t engine_mysql_lex_rules;

/* mysql_connect.c: an open connection, and what a second connection needs
 * to cancel its query (KILL QUERY). engine_conn_t * is this type's pointer. */
typedef struct engine_mysql_addr {
    char ip[64];          /* the admitted address dialled ("" with a socket) */
    char socket[256];     /* a unix socket path ("" over TCP) */
    int port;
    char user[128], password[256];
    char sslmode[16];
} engine_mysql_addr_t;

typedef struct engine_mysql_conn {
    struct st_mysql *m;
    engine_mysql_addr_t addr;
    char db[256];            /* the database: discovery's "schema" */
    unsigned long thread_id; /* the server's id of this connection (KILL QUERY id) */
    int mariadb;             /* 1: MariaDB (max_statement_time, s); 0: MySQL (max_execution_time, ms) */
    int lost;                /* the connection broke: idle_ok() is 0 */
} engine_mysql_conn_t;

engine_conn_t *engine_mysql_connect(const engine_target_t *t, const char *allow, int timeout_s,
                                    char *err, size_t errlen);
void engine_mysql_close(engine_conn_t *c);
int engine_mysql_idle_ok(engine_conn_t *c);
/* Run sql (no result wanted); -1 with the server's message in err. */
int engine_mysql_command(engine_mysql_conn_t *c, const char *sql, char *err, size_t errlen);
/* Limit each statement of this session to ms (max_statement_time or
 * max_execution_time); 0 / -1. */
int engine_mysql_statement_timeout(engine_mysql_conn_t *c, int ms, char *err, size_t errlen);
/* 1 when the last error means the connection is gone (and marks c lost). */
int engine_mysql_gone(engine_mysql_conn_t *c, unsigned int errnum);
engine_cancel_t *engine_mysql_cancel_get(engine_conn_t *c);
int engine_mysql_cancel(engine_cancel_t *k, char *err, size_t errlen);
void engine_mysql_cancel_free(engine_cancel_t *k);
/* KILL QUERY thread_id from a second connection to addr. */
int engine_mysql_kill_query(const engine_mysql_addr_t *addr, unsigned long thread_id,
                            char *err, size_t errlen);

/* mysql_policy.c, mysql_functions.c: the SQL policy (engine.h's validate). */
int engine_mysql_validate(const char *sql, size_t len, int nparams,
                          const char *const *extra_functions, size_t n_extra,
                          sqlsafe_check_t *out, char *err, size_t errlen);
/* 1 when lower-case name is a built-in a BI query may call */
int engine_mysql_function_allowed(const char *name);
/* 1 when lower-case name is never allowed, whatever the extra list says
 * (SLEEP, LOAD_FILE, GET_LOCK, …) */
int engine_mysql_function_denied(const char *name);

/* mysql_execute.c, mysql_result.c */
int engine_mysql_execute(engine_conn_t *c, const char *statement, const engine_run_t *o,
                         json_t **result, int *err_pos, char *err, size_t errlen);
/* statement with each $k outside literals replaced by ?, and the k of each
 * ? in order (order[i] is 1-based; *n of them, at most max). 0, or -1 with
 * err (unreadable, too many, or INTO anywhere: READ ONLY lets OUTFILE write). */
int engine_mysql_params_rewrite(const char *statement, char **out, int *order, int max, int *n,
                                char *err, size_t errlen);
struct st_mysql_field;
/* {"name","type","dbtype"} of a result column */
json_t *engine_mysql_column(const struct st_mysql_field *f);
/* A value of column f as text s[0..n) made JSON (integer, real, boolean, text) */
json_t *engine_mysql_value(const struct st_mysql_field *f, const char *s, size_t n);
/* The first max bytes of s (a UTF-8 boundary), then SQLSAFE_CUT_MARK and the size */
json_t *engine_mysql_value_cut(const char *s, size_t kept, size_t full, size_t max);

/* mysql_probe.c, mysql_discover.c, mysql_lookup.c */
int engine_mysql_probe(engine_conn_t *c, json_t **info, char *err, size_t errlen);
int engine_mysql_discover(engine_conn_t *c, const sqlsafe_discover_opts_t *o, json_t **schema,
                          char *err, size_t errlen);
int engine_mysql_lookup_values(engine_conn_t *c, json_t *schema, const char *const *phrases,
                               int n, char *err, size_t errlen);
/* `name` backtick-quoted (embedded ` doubled) / 'it''s' */
void engine_mysql_quote_ident(buf_t *b, const char *name);
void engine_mysql_quote_literal(buf_t *b, const char *s);
/* One query's rows as text (NULL as NULL): 0 with *rows (mysql_free_result
 * it), 1 when the query failed (skip it), -1 when the connection is gone. */
struct st_mysql_res;
int engine_mysql_rows(engine_mysql_conn_t *c, const char *sql, struct st_mysql_res **rows,
                      char *err, size_t errlen);

/* the engine and its dialect (mysql.c, mysql_dialect.c) */
extern const engine_t engine_mysql;
extern const engine_dialect_t engine_mysql_dialect;

#endif
