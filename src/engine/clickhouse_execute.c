/* clickhouse_execute.c — one statement on ClickHouse, streamed into
 * engine.h's result JSON (the shape sqlsafe_execute gives).
 *
 * The parameters are written in as literals (clickhouse_params.c), the
 * statement goes with FORMAT TabSeparatedWithNamesAndTypes and the
 * request's settings (clickhouse_http.c), and each row is taken as it
 * arrives (clickhouse_tsv.c): at the row cap or the byte cap the reading
 * stops, the result is marked truncated and the query is killed. Types come
 * from the reply's second line: IntN and UIntN (UInt8 too: 18.16 has no Bool)
 * → integer, FloatN and DecimalN → number, Date → date, DateTime → timestamp,
 * Nullable(…) and LowCardinality(…) unwrapped, anything else text. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/internal.h"

static const char *unwrap(const char *type, size_t *n)
{
    static const char *const wrappers[] = {"Nullable(", "LowCardinality(", NULL};
    *n = strlen(type);
    for (int again = 1; again;) {
        again = 0;
        for (int i = 0; wrappers[i]; i++) {
            size_t w = strlen(wrappers[i]);
            if (*n > w && strncmp(type, wrappers[i], w) == 0 && type[*n - 1] == ')') {
                type += w;
                *n -= w + 1;
                again = 1;
            }
        }
    }
    return type;
}

static int starts(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    return n >= m && strncmp(s, p, m) == 0;
}

const char *engine_clickhouse_type_kind(const char *type)
{
    size_t n;
    const char *t = unwrap(type, &n);
    if (starts(t, n, "Int") || starts(t, n, "UInt"))
        return "integer";
    if (starts(t, n, "Float") || starts(t, n, "Decimal"))
        return "number";
    if (n == 4 && starts(t, n, "Date"))
        return "date";
    if (starts(t, n, "DateTime"))
        return "timestamp";
    return "text";
}

typedef struct run {
    const engine_run_t *o;
    long max_rows;
    size_t max_cell, max_bytes, bytes;
    long cut;
    const char *truncated_by;
    json_t *columns, *rows;
    const char **kinds;
    int ncols;
    engine_ch_tsv_t tsv;
    int tsv_rc;
} run_t;

static int on_header(void *ctx, int ncols, char **names, char **types)
{
    run_t *r = ctx;
    r->ncols = ncols;
    r->kinds = calloc((size_t)ncols, sizeof *r->kinds);
    for (int i = 0; i < ncols; i++) {
        r->kinds[i] = engine_clickhouse_type_kind(types[i]);
        json_array_append_new(r->columns, json_pack("{s:s, s:s, s:s}", "name", names[i], "type",
                                                    r->kinds[i], "dbtype", types[i]));
    }
    return 0;
}

static json_t *text_value(const char *s, size_t n)
{
    json_t *v = json_stringn(s, n);
    return v ? v : json_string("(invalid UTF-8)");
}

/* significant digits of a plain decimal (Decimal's text has no exponent) */
static int digits(const char *s)
{
    int n = 0, seen = 0;
    const char *last = s;
    for (const char *p = s; *p; p++)
        if (*p >= '1' && *p <= '9')
            last = p;
    for (const char *p = s; *p && p <= last; p++) {
        if (*p >= '1' && *p <= '9')
            seen = 1;
        if (seen && *p >= '0' && *p <= '9')
            n++;
    }
    return n;
}

static json_t *number_value(const char *s, size_t n)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (errno || end != s + n || !isfinite(d) || digits(s) > 15)
        return text_value(s, n); /* inf, nan, wide decimals: exact as text */
    return json_real(d);
}

static json_t *integer_value(const char *s, size_t n)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end != s + n || end == s)
        return text_value(s, n); /* past int64 (UInt64, Int128): as text */
    return json_integer((json_int_t)v);
}

static json_t *cut_value(const char *s, size_t keep, size_t full)
{
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--;
    char tail[96];
    snprintf(tail, sizeof tail, SQLSAFE_CUT_MARK "%zu bytes, first %zu shown]", full, keep);
    buf_t b = {0};
    buf_append(&b, s, keep);
    buf_puts(&b, tail);
    json_t *v = text_value(buf_str(&b), b.len);
    buf_free(&b);
    return v;
}

static json_t *cell_value(const run_t *r, int i, const engine_ch_cell_t *c)
{
    if (!c->s)
        return json_null();
    if (c->full > r->max_cell)
        return cut_value(c->s, r->max_cell, c->full);
    if (strcmp(r->kinds[i], "integer") == 0)
        return integer_value(c->s, c->n);
    if (strcmp(r->kinds[i], "number") == 0)
        return number_value(c->s, c->n);
    return text_value(c->s, c->n);
}

static int on_row(void *ctx, int ncols, const engine_ch_cell_t *cells)
{
    run_t *r = ctx;
    if ((long)json_array_size(r->rows) >= r->max_rows) {
        r->truncated_by = "rows";
        return 1;
    }
    size_t bytes = 0;
    for (int i = 0; i < ncols; i++)
        bytes += cells[i].full > r->max_cell ? r->max_cell : cells[i].n;
    if (r->bytes + bytes > r->max_bytes) {
        r->truncated_by = "bytes";
        return 1;
    }
    r->bytes += bytes;
    json_t *row = json_array();
    for (int i = 0; i < ncols; i++) {
        r->cut += cells[i].s && cells[i].full > r->max_cell;
        json_array_append_new(row, cell_value(r, i, &cells[i]));
    }
    json_array_append_new(r->rows, row);
    return 0;
}

static size_t sink(char *data, size_t size, size_t n, void *ctx)
{
    run_t *r = ctx;
    r->tsv_rc = engine_ch_tsv_feed(&r->tsv, data, size * n);
    return r->tsv_rc ? 0 : size * n;
}

/* "Syntax error: failed at position 8 …": 8 */
static int error_position(const char *err)
{
    const char *p = strstr(err, "failed at position ");
    return p ? atoi(p + 19) : 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void run_init(run_t *r, const engine_run_t *o)
{
    memset(r, 0, sizeof *r);
    r->o = o;
    r->max_rows = o->max_rows > 0 ? o->max_rows : 1000;
    r->max_cell = o->max_cell_bytes ? o->max_cell_bytes : 1u << 20;
    r->max_bytes = o->max_result_bytes ? o->max_result_bytes : 32u << 20;
    r->columns = json_array();
    r->rows = json_array();
    engine_ch_tsv_init(&r->tsv, r->max_cell);
    r->tsv.header = on_header;
    r->tsv.row = on_row;
    r->tsv.ctx = r;
}

static void run_free(run_t *r)
{
    json_decref(r->columns);
    json_decref(r->rows);
    free(r->kinds);
    engine_ch_tsv_free(&r->tsv);
}

/* the reply ended inside a row, or with the server's error line */
static int reply_error(run_t *r, char *err, size_t errlen)
{
    const char *text = engine_ch_tsv_error(&r->tsv);
    int code = engine_ch_error_text(text, strlen(text), err, errlen);
    if (code == 159)
        snprintf(err, errlen, "the query ran longer than %d s and was cancelled",
                 ((r->o->timeout_ms > 0 ? r->o->timeout_ms : 30000) + 999) / 1000);
    else if (!code)
        snprintf(err, errlen, "the server's reply ended in the middle of a row");
    return -1;
}

static json_t *result_json(run_t *r, double ms)
{
    json_t *res = json_pack("{s:O, s:O, s:I, s:b, s:s?, s:I, s:I, s:I}", "columns", r->columns,
                            "rows", r->rows, "row_count", (json_int_t)json_array_size(r->rows),
                            "truncated", r->truncated_by != NULL, "truncated_by",
                            r->truncated_by, "result_bytes", (json_int_t)r->bytes, "cells_cut",
                            (json_int_t)r->cut, "ms", (json_int_t)(ms + 0.5));
    if (res && !r->truncated_by)
        json_object_set_new(res, "truncated_by", json_null());
    return res;
}

static int run_request(engine_ch_conn_t *c, run_t *r, const char *sql, int *err_pos, char *err,
                       size_t errlen)
{
    engine_ch_request_t rq = {.sql = sql, .run = r->o, .format = "TabSeparatedWithNamesAndTypes",
                              .sink = sink, .ctx = r};
    char qid[40];
    int rc = engine_ch_request(c, &rq, err, errlen);
    snprintf(qid, sizeof qid, "%s", rq.last_query_id);
    if (rc < 0 && !rq.stopped) {
        *err_pos = error_position(err);
        return -1;
    }
    if (r->tsv_rc == -2 || (r->tsv_rc == 0 && engine_ch_tsv_finish(&r->tsv) < 0))
        return reply_error(r, err, errlen);
    if (r->truncated_by) {
        char kerr[200]; /* the server may still be making rows nobody reads */
        engine_ch_kill(c, qid, kerr, sizeof kerr);
    }
    return 0;
}

int engine_clickhouse_execute(engine_conn_t *conn, const char *statement, const engine_run_t *o,
                              json_t **result, int *err_pos, char *err, size_t errlen)
{
    engine_ch_conn_t *c = (engine_ch_conn_t *)conn;
    char *sql = NULL;
    *result = NULL;
    *err_pos = 0;
    c->cancelled = 0;
    if (engine_clickhouse_bind(statement, o->nparams, o->param_values, o->param_types, &sql, err,
                               errlen) < 0)
        return -1;
    run_t r;
    run_init(&r, o);
    double t0 = now_ms();
    int rc = run_request(c, &r, sql, err_pos, err, errlen);
    if (rc == 0)
        *result = result_json(&r, now_ms() - t0);
    run_free(&r);
    free(sql);
    return rc;
}
