/* sqlite_sample.c — row counts and sample values of a SQLite file, each
 * query on a leash.
 *
 * SQLite keeps no statistics DataMind can count on (sqlite_stat1 exists
 * only after ANALYZE), so every table and view is counted (count(*)), and
 * a column is sampled when its first SCAN_LIMIT non-null values hold few
 * distinct ones: up to SQLSAFE_SAMPLE_VALUES for text (a category, not an
 * identifier), up to MAX_NUMBER_VALUES for numbers (a 0/1 flag). Each query
 * is interrupted by the progress handler after sample_timeout_ms and then
 * skipped (row_estimate stays null, samples []); after PHASE_BUDGET_MS the
 * rest is left uncounted and unsampled. When a table's rows were all
 * scanned, n_distinct is the exact count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "engine/sqlite_internal.h"

#define DEFAULT_SAMPLE_TIMEOUT_MS 2000
#define PHASE_BUDGET_MS   45000
#define MAX_NUMBER_VALUES 3
#define SCAN_LIMIT        10000

typedef struct phase {
    engine_sqlite_conn_t *c;
    const sqlsafe_discover_opts_t *o;
    int timeout_ms;
    double deadline_ms;
} phase_t;

static int phase_over(const phase_t *p)
{
    return engine_sqlite_now_ms() >= p->deadline_ms;
}

static int int_row(void *ud, sqlite3_stmt *st)
{
    *(long long *)ud = sqlite3_column_int64(st, 0);
    return 0;
}

static int sample_row(void *ud, sqlite3_stmt *st)
{
    const unsigned char *v = sqlite3_column_text(st, 0);
    json_t *s = v ? json_stringn((const char *)v, (size_t)sqlite3_column_bytes(st, 0)) : NULL;
    if (s)
        json_array_append_new(ud, s);
    return 0;
}

/* The most values a sampled column of this type may hold; 0: not sampled. */
static int col_most(const json_t *col)
{
    const char *type = json_string_value(json_object_get(col, "type"));
    const char *kind = engine_sqlite_decl_kind(type && strcmp(type, "any") ? type : NULL);
    if (!kind || !strcmp(kind, "text"))
        return SQLSAFE_SAMPLE_VALUES;
    if (!strcmp(kind, "integer") || !strcmp(kind, "number"))
        return MAX_NUMBER_VALUES;
    return 0;
}

/* 0 done, -1 the file is lost. */
static int col_sample(phase_t *p, const char *from, long long rows, json_t *col)
{
    const char *name = json_string_value(json_object_get(col, "name"));
    int most = col_most(col);
    buf_t qc = {0}, inner = {0}, sql = {0};
    long long distinct = -1;
    char limit[16];
    const char *params[1] = {limit};
    int rc = 0;

    if (!name || !most || rows <= 0)
        return 0;
    engine_sqlite_dialect.quote_ident(&qc, name);
    buf_printf(&inner, "SELECT %s AS v FROM %s WHERE %s IS NOT NULL LIMIT %d", buf_str(&qc), from,
               buf_str(&qc), SCAN_LIMIT);
    buf_printf(&sql, "SELECT count(DISTINCT v) FROM (%s)", buf_str(&inner));
    rc = engine_sqlite_query(p->c, buf_str(&sql), 0, NULL, p->timeout_ms, int_row, &distinct);
    if (rc != 0 || distinct < 0 || distinct > most)
        goto out;
    if (rows <= SCAN_LIMIT)
        json_object_set_new(col, "n_distinct", json_real((double)distinct));
    buf_reset(&sql);
    buf_printf(&sql, "SELECT CAST(v AS TEXT) FROM (%s) GROUP BY v ORDER BY count(*) DESC, v LIMIT ?1",
               buf_str(&inner));
    snprintf(limit, sizeof limit, "%d", p->o->sample_values);
    rc = engine_sqlite_query(p->c, buf_str(&sql), 1, params, p->timeout_ms, sample_row,
                             json_object_get(col, "samples"));
out:
    buf_free(&qc);
    buf_free(&inner);
    buf_free(&sql);
    return rc < 0 ? -1 : 0;
}

static int table_probe(phase_t *p, json_t *t)
{
    const char *name = json_string_value(json_object_get(t, "name"));
    buf_t from = {0}, sql = {0};
    long long rows = -1;
    int rc = 0;
    size_t i;
    json_t *col;

    if (!name)
        return 0;
    engine_sqlite_dialect.quote_ident(&from, name);
    buf_printf(&sql, "SELECT count(*) FROM %s", buf_str(&from));
    rc = engine_sqlite_query(p->c, buf_str(&sql), 0, NULL, p->timeout_ms, int_row, &rows);
    if (rc == 0 && rows >= 0)
        json_object_set_new(t, "row_estimate", json_integer(rows));
    if (rc == 0 && p->o->sample_values > 0)
        json_array_foreach(json_object_get(t, "columns"), i, col) {
            if (phase_over(p) || (rc = col_sample(p, buf_str(&from), rows, col)) < 0)
                break;
        }
    buf_free(&from);
    buf_free(&sql);
    return rc < 0 ? -1 : 0;
}

int engine_sqlite_sample_tables(engine_sqlite_conn_t *c, json_t *tables,
                                const sqlsafe_discover_opts_t *o, char *err, size_t errlen)
{
    sqlsafe_discover_opts_t def = {.sample_values = 10};
    phase_t p = {.c = c, .o = o ? o : &def};
    size_t i;
    json_t *t;

    p.timeout_ms = p.o->sample_timeout_ms > 0 ? p.o->sample_timeout_ms : DEFAULT_SAMPLE_TIMEOUT_MS;
    p.deadline_ms = engine_sqlite_now_ms() + PHASE_BUDGET_MS;
    json_array_foreach(tables, i, t) {
        if (phase_over(&p))
            break;
        if (table_probe(&p, t) < 0) {
            snprintf(err, errlen, "the connection to the database was lost");
            return -1;
        }
    }
    return 0;
}
