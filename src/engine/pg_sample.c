/* sample.c — exact row counts and sample values, each query on a leash.
 *
 * The planner's lexicon wants the values of low-cardinality text columns
 * ("Germany", "shipped") so a question can be matched to a WHERE clause.
 * Reading user tables is the expensive, unpredictable part of discovery, so
 * every query here is bounded three ways: statement_timeout (set once,
 * transaction-local), a LIMIT on the rows scanned (and TABLESAMPLE SYSTEM on
 * big tables, so the scan does not even start at the table's head), and a
 * budget for the whole phase. Each runs under savepoint dm_probe and is
 * rolled back to it whatever happens: a timeout costs that one column its
 * samples, and its locks go with the rollback, so 10,000 tables never hold
 * 10,000 locks at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "engine/pg_internal.h"
#include "sqlsafe/sqlsafe.h"

#define DEFAULT_SAMPLE_TIMEOUT_MS 2000
#define PHASE_BUDGET_MS   45000    /* counts + samples together, then skip the rest */
#define MAX_DISTINCT      SQLSAFE_SAMPLE_VALUES  /* more distinct values: not a category */
#define MAX_NUMBER_VALUES 3        /* a number column with more is a measure, not a flag */
#define SMALL_TABLE_ROWS  1000     /* no stats: sample a table this small anyway */
#define BIG_TABLE_ROWS    100000   /* above this, TABLESAMPLE first */
#define SAMPLE_TARGET     20000.0  /* rows TABLESAMPLE aims to return */
#define SCAN_LIMIT        "10000"  /* rows a sample query looks at, at most */

typedef struct phase {
    PGconn *c;
    const sqlsafe_discover_opts_t *o;
    struct timespec deadline;
} phase_t;

static int phase_over(const phase_t *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > p->deadline.tv_sec ||
           (now.tv_sec == p->deadline.tv_sec && now.tv_nsec >= p->deadline.tv_nsec);
}

/* Run one bounded query: 0 with *out (rows), 1 when it failed or timed out
 * (skip it), -1 when the connection is gone. */
int engine_pg_bounded(PGconn *c, const char *sql, int n, const char *const *params, PGresult **out)
{
    PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    int rc = PQresultStatus(r) == PGRES_TUPLES_OK ? 0 : 1;

    *out = rc == 0 ? r : NULL;
    if (rc)
        PQclear(r);
    PGresult *rb = PQexec(c, "ROLLBACK TO SAVEPOINT dm_probe");
    if (PQresultStatus(rb) != PGRES_COMMAND_OK) {
        PQclear(*out);
        *out = NULL;
        rc = -1;
    }
    PQclear(rb);
    return rc;
}

static void rel_ident(const engine_pg_rel_t *rel, buf_t *b)
{
    sqlsafe_quote_ident(b, rel->schema);
    buf_putc(b, '.');
    sqlsafe_quote_ident(b, rel->name);
}

static int rel_count(phase_t *p, engine_pg_rel_t *rel, const char *ident)
{
    buf_t sql = {0};
    PGresult *r;

    if (rel->reltuples >= 0 && rel->reltuples >= (double)p->o->exact_count_below)
        return 0;
    buf_printf(&sql, "SELECT count(*) FROM %s", ident);
    int rc = engine_pg_bounded(p->c, buf_str(&sql), 0, NULL, &r);
    if (rc == 0) {
        rel->rows = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        json_object_set_new(rel->json, "row_estimate", json_integer(rel->rows));
        PQclear(r);
    }
    buf_free(&sql);
    return rc < 0 ? -1 : 0;
}

/* A category, not an identifier: few distinct values by the statistics,
 * or no statistics and a small table. A number only when it holds a few
 * values: a flag held as 0/1 ("survived", "discontinued") is a filter the
 * planner can apply, and it must know the column holds nothing else. */
static int col_wanted(const engine_pg_rel_t *rel, const engine_pg_col_t *col)
{
    double most = col->textlike ? MAX_DISTINCT : col->numeric ? MAX_NUMBER_VALUES : 0;
    if (most <= 0 || rel->rows <= 0)
        return 0;
    if (col->has_stats && col->n_distinct > 0)
        return col->n_distinct <= most;
    if (col->has_stats && col->n_distinct < 0)
        return -col->n_distinct * (double)rel->rows <= most;
    return rel->rows <= SMALL_TABLE_ROWS;
}

/* The most frequent non-null values, most frequent first. */
static int col_sample(phase_t *p, engine_pg_rel_t *rel, engine_pg_col_t *col, const char *ident)
{
    buf_t sql = {0}, name = {0};
    char limit[16], pct[32];
    const char *params[2] = {limit, pct};
    int big = rel->rows > BIG_TABLE_ROWS && rel->kind != 'v';
    PGresult *r = NULL;
    int rc = 0;

    const char *col_name = json_string_value(json_object_get(col->json, "name"));
    if (!col_name)
        goto out;
    sqlsafe_quote_ident(&name, col_name);
    snprintf(limit, sizeof limit, "%d", p->o->sample_values);
    snprintf(pct, sizeof pct, "%.6f", 100.0 * SAMPLE_TARGET / (double)rel->rows);
    buf_printf(&sql,
               "SELECT v FROM (SELECT %s::text AS v FROM %s%s WHERE %s IS NOT NULL"
               " LIMIT " SCAN_LIMIT ") s GROUP BY v ORDER BY count(*) DESC, v LIMIT $1",
               buf_str(&name), ident, big ? " TABLESAMPLE SYSTEM ($2::real)" : "",
               buf_str(&name));
    rc = engine_pg_bounded(p->c, buf_str(&sql), big ? 2 : 1, params, &r);
    if (rc != 0)
        goto out;
    json_t *samples = json_object_get(col->json, "samples");
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *v = json_stringn(PQgetvalue(r, i, 0), (size_t)PQgetlength(r, i, 0));
        if (v)
            json_array_append_new(samples, v);
    }
out:
    PQclear(r);
    buf_free(&sql);
    buf_free(&name);
    return rc < 0 ? -1 : 0;
}

static int rel_probe(phase_t *p, engine_pg_rel_t *rel)
{
    buf_t ident = {0};
    int rc = 0;

    if (!rel->json)
        goto out;
    rel_ident(rel, &ident);
    if ((rc = rel_count(p, rel, buf_str(&ident))) < 0 || p->o->sample_values <= 0)
        goto out;
    for (size_t i = 0; i < rel->ncols && rc == 0 && !phase_over(p); i++)
        if (col_wanted(rel, &rel->cols[i]))
            rc = col_sample(p, rel, &rel->cols[i], buf_str(&ident));
out:
    buf_free(&ident);
    return rc;
}

int engine_pg_savepoint_begin(PGconn *c, int timeout_ms)
{
    char ms[16];
    const char *params[1] = {ms};

    snprintf(ms, sizeof ms, "%d", timeout_ms);
    PGresult *r = PQexecParams(c, "SELECT set_config('statement_timeout', $1, true)", 1, NULL,
                               params, NULL, NULL, 0);
    int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
    if (ok) {
        r = PQexec(c, "SAVEPOINT dm_probe");
        ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
    }
    return ok ? 0 : -1;
}

int engine_pg_sample_rels(PGconn *c, engine_pg_rel_t *rels, size_t n,
                        const sqlsafe_discover_opts_t *o, char *err, size_t errlen)
{
    sqlsafe_discover_opts_t def = {.sample_values = 10, .exact_count_below = 0};
    phase_t p = {.c = c, .o = o ? o : &def};
    int timeout_ms = p.o->sample_timeout_ms > 0 ? p.o->sample_timeout_ms
                                                : DEFAULT_SAMPLE_TIMEOUT_MS;

    clock_gettime(CLOCK_MONOTONIC, &p.deadline);
    p.deadline.tv_sec += PHASE_BUDGET_MS / 1000;
    if (engine_pg_savepoint_begin(c, timeout_ms) < 0)
        goto lost;
    for (size_t i = 0; i < n && !phase_over(&p); i++)
        if (rel_probe(&p, &rels[i]) < 0)
            goto lost;
    return 0;
lost:
    if (PQstatus(c) == CONNECTION_BAD)
        snprintf(err, errlen, "the connection to the database was lost");
    else
        snprintf(err, errlen, "%.*s", (int)strcspn(PQerrorMessage(c), "\n"), PQerrorMessage(c));
    return -1;
}
