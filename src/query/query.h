/* query.h — run SQL on one of an organization's connections, end to end:
 * validate (sqlsafe), look in the result cache (Redis), connect (a small
 * per-process pool), execute read-only with the row cap, store in the
 * cache, audit. Chat, Explore, dashboards, alerts and exports all come
 * through here, so the rules hold everywhere. */
#ifndef DM_QUERY_H
#define DM_QUERY_H

#include <jansson.h>
#include <libpq-fe.h>

#include "core/arena.h"
#include "store/connections.h"
#include "store/db.h"

typedef struct query_opts {
    int refresh;         /* bypass the cache (still stores the fresh result) */
    long max_rows;       /* 0 = DATAMIND_MAX_ROWS */
    long max_bytes;      /* 0 = DATAMIND_MAX_RESULT_BYTES */
    int no_cache;        /* neither read nor store the cache (a large export) */
    const char *source;  /* "explore", "chat", "widget", "alert", "export" — for the audit */
    /* Values bound to $1..$nparams of the SQL (text; the server types
     * them), never pasted in: the validator accepts those $n only. The
     * result cache keys on them too. */
    int nparams;
    const char *const *params;
    /* Called with the connection just before the statement is sent, and
     * with NULL once it is done: a job can keep PQgetCancel of it. */
    void (*on_running)(PGconn *pg, void *ud);
    void *ud;
} query_opts_t;

typedef struct query_outcome {
    json_t *result;      /* new reference: {columns, rows, row_count, truncated,
                          * truncated_by, result_bytes, cells_cut, ms, cached} */
    int err_pos;         /* 1-based position of an error in the SQL, 0 when none */
    int rejected;        /* the validator refused the SQL (err says why) */
    const char *fingerprint; /* arena-owned, when validated */
} query_outcome_t;

/* 0 with out->result, or -1 with err in plain words (and err_pos/rejected). */
int query_run(arena_t *a, const char *org_id, const char *user_id, const char *ip,
              const char *conn_id, const char *sql, const query_opts_t *o,
              query_outcome_t *out, char *err, size_t errlen);

/* A connection to the user's database, from the pool or new. Do not
 * PQfinish it: hand it back with query_release (bad = it failed). */
PGconn *query_acquire(arena_t *a, const store_conn_t *c, char *err, size_t errlen);
void query_release(PGconn *pg, int bad);
void query_pool_drop(const char *conn_id); /* after an edit or delete */
void query_pool_close(void);

/* "Test": probe the database (server version, user, can it write…). */
int query_probe(arena_t *a, const store_conn_t *c, json_t **info, char *err, size_t errlen);
/* Discover the schema and save it (on create and "Refresh"). */
int query_discover(arena_t *a, const char *org_id, const store_conn_t *c, int *ntables,
                   char *err, size_t errlen);

/* Drill-down and sorting: sql as a sub-query, filtered to the rows whose
 * column col equals $1 (the caller binds the value: query_opts_t's
 * params) when col is set, ordered by column sort (desc: descending; NULLs
 * last) when sort is set. Identifiers are quoted; sql itself when neither
 * is set. */
const char *query_wrap_drill(arena_t *a, const char *sql, const char *col, const char *sort,
                             int desc);
/* "The rows behind this number" (sqlsafe_rows_behind): the query listing
 * the rows an aggregate's number came from (col set: the group whose col
 * is $1), in a; NULL with the reason in err when it cannot be derived
 * safely. */
const char *query_rows_behind(arena_t *a, const char *sql, const char *col, char *err,
                              size_t errlen);

/* A dashboard date range (range: all, 7d, 30d, 90d, year, custom with ISO
 * from/to) applied to sql on column, as a wrapping sub-query. Returns sql
 * itself when there is nothing to apply. */
const char *query_wrap_date_range(arena_t *a, const char *sql, const char *column,
                                  const char *range, const char *from, const char *to);
/* ---- capped results (limits.c) ----
 * A result stops at DATAMIND_MAX_ROWS rows or DATAMIND_MAX_RESULT_BYTES
 * bytes, and a value longer than DATAMIND_MAX_CELL_BYTES is cut (see
 * sqlsafe_execute). The note says which, in words for a page or a file
 * (arena string), or NULL when the result is whole. */
const char *query_result_note(arena_t *a, const json_t *result);
/* 1 when the byte cap (not the row cap) stopped the result. */
int query_result_by_bytes(const json_t *result);
/* 1 when v is a value cut by DATAMIND_MAX_CELL_BYTES. */
int query_value_is_cut(const json_t *v);
/* A view of v for a screen: a string longer than max bytes becomes its
 * start (whole UTF-8 sequences) and "…", keeping the cut mark of a cut
 * value. New reference; anything else is v itself. */
json_t *query_value_clip(const json_t *v, size_t max);
/* "32 MB", "512 KB", "100 bytes". */
void query_size_words(size_t n, char *out, size_t outlen);

/* SELECT * FROM "schema"."table" LIMIT n, identifiers quoted. */
const char *query_preview_sql(arena_t *a, const char *schema, const char *table, int limit);

#endif
