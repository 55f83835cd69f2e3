/* sqlite_exec.c — run one user's statement on a SQLite file, bounded.
 *
 * Prepared under the strict authorizer (sqlite_auth.c), one statement,
 * sqlite3_stmt_readonly; $1..$n bound by their names "$k" (a number as an
 * int64 or a double, everything else as text — dates are text in SQLite);
 * any other parameter spelling (?, ?5, :x, @x, $x) is refused. Rows are
 * read one step at a time and capped as they come (engine.h): the row past
 * max_rows, or the row that would take the kept bytes past
 * max_result_bytes, stops the statement there (nothing more is read), a
 * value longer than max_cell_bytes is cut. The progress handler interrupts
 * the statement at timeout_ms; engine_sqlite_cancel interrupts it from
 * another thread.
 *
 * Column types: the declared type's (sqlite_result.c); an expression's from
 * the storage class of its values — integer while every value is an
 * integer, number once a real joins them, text for text or blobs. dbtype:
 * the declared type, or the storage class seen ("INTEGER", "REAL", "TEXT",
 * "BLOB", "NULL"). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/sqlite_internal.h"

#define DEFAULT_TIMEOUT_MS 30000
#define DEFAULT_MAX_ROWS   1000
#define DEFAULT_MAX_CELL   ((size_t)1 << 20)
#define DEFAULT_MAX_BYTES  ((size_t)32 << 20)
#define MAX_TIMEOUT_MS     86400000

typedef struct col_seen {
    const char *decl_kind;  /* from the declared type, or NULL */
    int cls;                /* widest storage class seen: 0 none, else SQLITE_* */
} col_seen_t;

/* $k names only, k in 1..n; then bind each that the statement uses. */
static int params_bind(sqlite3_stmt *st, const engine_run_t *o, char *err, size_t errlen)
{
    int n = o && o->nparams > 0 ? o->nparams : 0;
    for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        char *end = NULL;
        long k = name && name[0] == '$' ? strtol(name + 1, &end, 10) : 0;
        if (!name || name[0] != '$' || !end || *end || k < 1 || k > n || name[1] == '0') {
            snprintf(err, errlen, "parameter %s has no value (parameters are {{name}})",
                     name ? name : "?");
            return -1;
        }
    }
    for (int k = 1; k <= n; k++) {
        char name[16];
        snprintf(name, sizeof name, "$%d", k);
        int idx = sqlite3_bind_parameter_index(st, name);
        const char *v = o->param_values ? o->param_values[k - 1] : NULL;
        const char *type = o->param_types ? o->param_types[k - 1] : NULL;
        if (!idx)
            continue;
        if (!v) {
            sqlite3_bind_null(st, idx);
            continue;
        }
        if (type && !strcmp(type, "number")) {
            char *end;
            errno = 0;
            long long i = strtoll(v, &end, 10);
            if (!errno && end != v && !*end) {
                sqlite3_bind_int64(st, idx, i);
                continue;
            }
            double d = strtod(v, &end);
            if (end != v && !*end) {
                sqlite3_bind_double(st, idx, d);
                continue;
            }
        }
        sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT);
    }
    return 0;
}

static void seen_update(sqlite3_stmt *st, col_seen_t *seen, int ncols)
{
    for (int j = 0; j < ncols; j++) {
        int t = sqlite3_column_type(st, j);
        int *c = &seen[j].cls;
        if (t == SQLITE_NULL || *c == t)
            continue;
        if (!*c)
            *c = t;
        else if ((*c == SQLITE_INTEGER && t == SQLITE_FLOAT) ||
                 (*c == SQLITE_FLOAT && t == SQLITE_INTEGER))
            *c = SQLITE_FLOAT;
        else
            *c = SQLITE_TEXT;
    }
}

static json_t *columns_make(sqlite3_stmt *st, const col_seen_t *seen, int ncols)
{
    static const char *const cls_name[] = {"NULL", "INTEGER", "REAL", "TEXT", "BLOB", "NULL"};
    json_t *cols = json_array();
    for (int j = 0; j < ncols; j++) {
        const char *decl = sqlite3_column_decltype(st, j);
        const char *kind = seen[j].decl_kind;
        int cls = seen[j].cls;
        if (!kind)
            kind = cls == SQLITE_INTEGER ? "integer" : cls == SQLITE_FLOAT ? "number" : "text";
        json_t *c = json_pack("{s:s, s:s, s:s}", "name", sqlite3_column_name(st, j), "type",
                              kind, "dbtype", decl && *decl ? decl : cls_name[cls > 0 && cls <= 5 ? cls : 0]);
        json_array_append_new(cols, c ? c : json_null());
    }
    return cols;
}

typedef struct reading {
    long max;
    size_t max_cell, max_bytes, bytes;
    long count, cut;
    const char *truncated_by;
    json_t *rows;
} reading_t;

/* Step to the end or the first cap; SQLITE_DONE when the rows are read. */
static int rows_read(sqlite3_stmt *st, col_seen_t *seen, int ncols, reading_t *r)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (r->count >= r->max) {
            r->truncated_by = "rows";
            return SQLITE_DONE;
        }
        size_t need = 0;
        for (int j = 0; j < ncols; j++)
            need += engine_sqlite_value_bytes(st, j, r->max_cell);
        if (need > r->max_bytes - r->bytes) {
            r->truncated_by = "bytes";
            return SQLITE_DONE;
        }
        seen_update(st, seen, ncols);
        json_t *row = json_array();
        for (int j = 0; j < ncols; j++)
            json_array_append_new(row, engine_sqlite_value(st, j, seen[j].decl_kind,
                                                           r->max_cell, &r->bytes, &r->cut));
        json_array_append_new(r->rows, row);
        r->count++;
    }
    return rc;
}

int engine_sqlite_execute(engine_sqlite_conn_t *c, const char *statement, const engine_run_t *o,
                          json_t **result, int *err_pos, char *err, size_t errlen)
{
    int timeout_ms = o && o->timeout_ms > 0 ? o->timeout_ms : DEFAULT_TIMEOUT_MS;
    reading_t r = {.max = o && o->max_rows > 0 ? o->max_rows : DEFAULT_MAX_ROWS,
                   .max_cell = o && o->max_cell_bytes > 0 ? o->max_cell_bytes : DEFAULT_MAX_CELL,
                   .max_bytes = o && o->max_result_bytes > 0 ? o->max_result_bytes
                                                             : DEFAULT_MAX_BYTES};
    double t0 = engine_sqlite_now_ms();
    sqlite3_stmt *st = NULL;
    col_seen_t *seen = NULL;
    int rc = -1;

    *result = NULL;
    *err_pos = 0;
    err[0] = '\0';
    if (timeout_ms > MAX_TIMEOUT_MS)
        timeout_ms = MAX_TIMEOUT_MS;
    if (!engine_sqlite_idle_ok(c)) {
        snprintf(err, errlen, "the connection to the database was lost");
        return -1;
    }
    if (engine_sqlite_prepare(c, statement, 0, o ? o->extra_functions : NULL,
                              o ? o->n_extra_functions : 0, &st, err_pos, err, errlen) < 0 ||
        params_bind(st, o, err, errlen) < 0)
        goto out;
    int ncols = sqlite3_column_count(st);
    seen = calloc((size_t)(ncols ? ncols : 1), sizeof *seen);
    for (int j = 0; j < ncols; j++)
        seen[j].decl_kind = engine_sqlite_decl_kind(sqlite3_column_decltype(st, j));
    r.rows = json_array();
    engine_sqlite_deadline(c, timeout_ms);
    int step = rows_read(st, seen, ncols, &r);
    engine_sqlite_deadline(c, 0);
    if (step != SQLITE_DONE) {
        engine_sqlite_error(c, step, timeout_ms, err, errlen);
        goto out;
    }
    *result = json_pack("{s:o, s:O, s:I, s:b, s:s?, s:I, s:I, s:I}", "columns",
                        columns_make(st, seen, ncols), "rows", r.rows, "row_count",
                        (json_int_t)r.count, "truncated", r.truncated_by != NULL, "truncated_by",
                        r.truncated_by, "result_bytes", (json_int_t)r.bytes, "cells_cut",
                        (json_int_t)r.cut, "ms", (json_int_t)(engine_sqlite_now_ms() - t0 + 0.5));
    if (!*result) {
        snprintf(err, errlen, "could not build the result");
        goto out;
    }
    rc = 0;
out:
    sqlite3_finalize(st);
    json_decref(r.rows);
    free(seen);
    return rc;
}
