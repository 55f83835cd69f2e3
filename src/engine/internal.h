/* internal.h — what the engine files share; not for other modules.
 *
 * One section per engine, each named with its engine's prefix
 * (engine_pg_…, engine_mysql_…, …). Engines only add lines here. */
#ifndef DM_ENGINE_INTERNAL_H
#define DM_ENGINE_INTERNAL_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/net.h"
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

/* ---- target.c: before a packet is sent; the suggested password --------- */

/* The host, SSL mode and port checked; a socket path admitted only when
 * allow lists it; a host name resolved once and its addresses admitted by
 * allow (DATAMIND_CONNECT_ALLOW; NULL: DataMind's own, any) into addrs.
 * 0, or -1 with err (why the first address was refused). */
int engine_target_check(const engine_target_t *t, const char *allow, net_addrs_t *addrs,
                        char *err, size_t errlen);
/* 24 hex characters from the kernel's CSPRNG ("CHANGE-ME" when it cannot
 * be read): the password of a read-only user script. */
void engine_password_make(char out[25]);

/* ---- lookup.c: what every engine's lookup_values shares ------------------ */

#define ENGINE_LOOKUP_COLUMNS 60  /* columns looked in, at most, per call */
#define ENGINE_LOOKUP_HITS    5   /* distinct values one column may give */

/* A value found for a phrase, in a column of the schema being filled. */
typedef struct engine_hit {
    json_t *col;      /* the column's object in the schema (borrowed) */
    char *value;      /* owned */
    int how;          /* 2 the phrase as typed, 1 only a first letter's case differs,
                       * 0 another case ("PNEUMONIA"): kept only beside a 1 or 2
                       * of its own column */
} engine_hit_t;

typedef struct engine_hits {
    engine_hit_t h[ENGINE_LOOKUP_COLUMNS * ENGINE_LOOKUP_HITS];
    int n;
    const char *const *phrases;
    int nphrases;
} engine_hits_t;

/* 1 when a column's name says it names things ("name", "title"): looked
 * in first. */
int engine_lookup_name_like(const json_t *col);
/* The separators a column's cells may list items with (", ", "|"), NULL
 * ended, and the LIKE pattern of v as one item: "%<sep>v<sep>%", v's own
 * % _ \ escaped with a backslash. */
extern const char *const engine_list_seps[];
void engine_lookup_item_pattern(buf_t *pat, const char *v, const char *sep);
/* The items of cell (split by sep) other than v, at most max, each a copy
 * to free: the ones that must be values of their own for the cell to be a
 * list ("Drama" of "Comedy, Drama") and not a name qualified ("Whole
 * Blood" of "Potassium, Whole Blood"). Their count. */
int engine_lookup_other_items(const char *cell, const char *v, const char *sep, char **out, int max);
/* Mark col as holding lists with items separated by sep (the planner reads
 * "lists" and "list_sep"). */
void engine_lookup_mark_lists(json_t *col, const char *sep);
/* v, a value of col, kept when it is one of the phrases as typed or with
 * only a word's first letter in another case. */
void engine_hits_add(engine_hits_t *hs, json_t *col, const char *v);
/* The first hit from index from on spelled as a phrase was (or with a
 * capital): the value a column's list test looks at; NULL when none. */
const char *engine_hits_named(const engine_hits_t *hs, int from);
/* The hits into their columns' samples (when some hit is exact, those
 * equal only case aside are dropped: "LUFTHANSA" the callsign beside
 * "Lufthansa" the name — but a column's other spellings of a value kept
 * stay with it: "Pneumonia" and "PNEUMONIA" beside "pneumonia" are one
 * cause typed three ways); the number added. Empties hs. */
int engine_hits_keep(engine_hits_t *hs);

/* ---- The engines of the registry (engine.c) -------------------------------
 * Each engine's table, defined in its own files. An engine that is not in
 * this build is absent from engine.c's table (and engine_for_kind says so:
 * engine_find / engine_kind_label). */
extern const engine_t engine_pg;


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

/* ---- SQLite (sqlite_*.c) -------------------------------------------------- */

/* The registry's; the rest of the engine is in sqlite_internal.h, the only
 * header of engine/ that names sqlite3.h. */
extern const engine_t engine_sqlite;
extern const engine_dialect_t engine_sqlite_dialect;

/* ---- clickhouse_*.c: the ClickHouse engine (HTTP, libcurl) ----------------- */

extern const engine_t engine_clickhouse;                 /* clickhouse.c */
extern const engine_dialect_t engine_clickhouse_dialect; /* clickhouse_dialect.c */

/* ClickHouse's lexical rules: `name` and "name", 'string' with \-escapes,
 * -- and slash-star comments. */
extern const engine_lex_rules_t engine_clickhouse_lex;

/* clickhouse_policy.c: engine_t.validate */
int engine_clickhouse_validate(const char *sql, size_t len, int nparams,
                               const char *const *extra_functions, size_t n_extra,
                               sqlsafe_check_t *out, char *err, size_t errlen);
/* clickhouse_functions.c: 1 when name (an ordinary or aggregate function,
 * with -If/-Array/-Distinct/-OrNull/-OrDefault/-Merge combinators) is on the
 * built-in allow-list; 1 when it is a table function or a function that
 * reaches outside the database (refused whatever the extra list says). */
int engine_clickhouse_function_allowed(const char *name, size_t n);
int engine_clickhouse_function_outside(const char *name, size_t n);

/* clickhouse_params.c: statement with each $k token (outside literals and
 * names) replaced by a literal of param k: number (checked, in parentheses),
 * date (toDate('YYYY-MM-DD'), checked), text ('…', \ and ' escaped),
 * list (as text, as the PostgreSQL engine binds it), NULL. 0 and *out
 * (malloc'd), or -1 with err. */
int engine_clickhouse_bind(const char *statement, int nparams, const char *const *values,
                           const char *const *types, char **out, char *err, size_t errlen);
/* one value as a literal of type ("text" | "number" | "date"; NULL text) */
int engine_clickhouse_literal(buf_t *b, const char *value, const char *type, char *err,
                              size_t errlen);

/* clickhouse_tsv.c: a streaming reader of TabSeparatedWithNamesAndTypes.
 * Feed it bytes as they arrive; it calls row() for each data row with the
 * cells decoded (\t \n \\ … unescaped, \N as NULL), each cell cut to
 * max_cell bytes (full: its whole decoded size). The first two lines are
 * the names and the types (header() once). A callback returning nonzero
 * stops the feed (it returns that value); -2: a row that is not one of
 * this reply's (the server's error line, engine_ch_tsv_error). */
typedef struct engine_ch_cell {
    const char *s;   /* NULL: \N */
    size_t n;        /* bytes kept (<= max_cell) */
    size_t full;     /* decoded size */
} engine_ch_cell_t;

typedef struct engine_ch_tsv {
    size_t max_cell;
    int (*header)(void *ctx, int ncols, char **names, char **types);
    int (*row)(void *ctx, int ncols, const engine_ch_cell_t *cells);
    void *ctx;
    /* state */
    int line;            /* 0 names, 1 types, then data */
    int esc;             /* the last byte was a backslash */
    int ncols, cap;
    buf_t *cell;         /* per column: kept bytes */
    size_t *full;
    unsigned char *null; /* the cell so far is exactly \N */
    int col;
    size_t raw;          /* raw bytes of the current cell */
    char **names, **types;
    long rows;
} engine_ch_tsv_t;

void engine_ch_tsv_init(engine_ch_tsv_t *p, size_t max_cell);
int engine_ch_tsv_feed(engine_ch_tsv_t *p, const char *data, size_t n);
/* 0 when the stream ended at a row's end; -1 when it stopped inside a row
 * (the server's error text, when it sent one, is in that row) */
int engine_ch_tsv_finish(engine_ch_tsv_t *p);
/* the text of the row that stopped the feed with -2 (the server's error) */
const char *engine_ch_tsv_error(const engine_ch_tsv_t *p);
void engine_ch_tsv_free(engine_ch_tsv_t *p);

/* clickhouse_http.c: one connection = the pinned address, credentials and
 * the settings mode the server's profile allows. */
typedef enum engine_ch_mode {
    ENGINE_CH_SETTINGS,   /* readonly=1 and every limit sent per request */
    ENGINE_CH_RO2,        /* the profile says readonly=2: readonly=2 and limits sent */
    ENGINE_CH_RO1         /* the profile says readonly=1: readonly=1 only, the profile's limits */
} engine_ch_mode_t;

typedef struct engine_ch_conn {
    char base[512];          /* http(s)://host:port/ */
    char resolve[600];       /* host:port:ip for CURLOPT_RESOLVE */
    char *user, *password, *database;
    int verify;              /* verify-full */
    int connect_timeout_s;
    engine_ch_mode_t mode;
    int lost;                /* the server stopped answering */
    char query_id[40];       /* what runs now ("" idle) */
    volatile int cancelled;  /* set by cancel from another thread */
} engine_ch_conn_t;

/* One statement with the given settings: the reply streamed to sink (or
 * kept in *body when sink is NULL). run NULL: only readonly. 0, or -1 with
 * err (the server's message), *code its error code (0 none), *timed_out. */
typedef struct engine_ch_request {
    const char *sql;
    const engine_run_t *run;          /* limits; may be NULL */
    int timeout_ms;                   /* whole request; 0: from run or 30 s */
    const char *format;               /* appended as FORMAT x; NULL none */
    int no_readonly;                  /* the probe's own readonly read */
    size_t (*sink)(char *data, size_t size, size_t n, void *ctx);
    void *ctx;
    buf_t *body;
    int code;
    int timed_out;
    int stopped;                      /* the sink stopped the transfer */
    char last_query_id[40];           /* the query_id it ran under */
} engine_ch_request_t;

int engine_ch_request(engine_ch_conn_t *c, engine_ch_request_t *rq, char *err, size_t errlen);
/* "Code: 60, e.displayText() = DB::Exception: X, e.what() = …" → X and 60 */
int engine_ch_error_text(const char *body, size_t n, char *err, size_t errlen);
/* Rows of a small fixed statement as TSV cells: 0 and *rows (json array of
 * arrays of strings / null), or -1 with err. */
int engine_ch_query_rows(engine_ch_conn_t *c, const char *sql, int timeout_ms, json_t **rows,
                         char *err, size_t errlen);
void engine_ch_new_query_id(char out[40]);
int engine_ch_kill(engine_ch_conn_t *c, const char *query_id, char *err, size_t errlen);

/* clickhouse_execute.c / clickhouse_meta.c: engine_t operations */
int engine_clickhouse_execute(engine_conn_t *c, const char *statement, const engine_run_t *o,
                              json_t **result, int *err_pos, char *err, size_t errlen);
/* a type's kind (integer|number|boolean|date|timestamp|text): Nullable(…)
 * and LowCardinality(…) unwrapped */
const char *engine_clickhouse_type_kind(const char *type);
int engine_clickhouse_probe(engine_conn_t *c, json_t **info, char *err, size_t errlen);
int engine_clickhouse_discover(engine_conn_t *c, const sqlsafe_discover_opts_t *o,
                               json_t **schema, char *err, size_t errlen);
int engine_clickhouse_lookup_values(engine_conn_t *c, json_t *schema,
                                    const char *const *phrases, int n, char *err,
                                    size_t errlen);

#endif
