/* engine_bench.c — one statement through a DataMind engine, as the app runs
 * it: engine_for_kind(KIND)->connect, then per run validate + execute with
 * the configuration's caps (DATAMIND_* from the environment and CONFIG).
 * bench/engines.sh drives it.
 *
 * usage: engine_bench CONFIG KIND HOST PORT DB USER PASSWORD SQLFILE MODE [MAX_ROWS]
 *   HOST "-" for none (sqlite); PORT 0 for the engine's default.
 *   MODE serve: one connection; each line read on stdin ("go") runs the
 *        statement once and answers "ROWS TRUNCATED_BY MS" on stdout
 *        (MS: validate + execute, CLOCK_MONOTONIC), so a driver can
 *        interleave it with another client; EOF ends.
 *   MODE once: one run, then "ROWS TRUNCATED_BY MS RSS_KIB PEAK_RSS_KIB":
 *        VmRSS after connect, then VmHWM after the run (the peak reset
 *        through /proc/self/clear_refs just before it: the run's own peak).
 *   MAX_ROWS: the row cap (default: the configuration's DATAMIND_MAX_ROWS).
 * Errors: a line on stderr, exit 1. */
#define _POSIX_C_SOURCE 200809L  /* clock_gettime, getline */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/config.h"
#include "engine/engine.h"

typedef struct bench_ctx {
    const engine_t *e;
    engine_conn_t *conn;
    const char *sql;
    engine_run_t run;
} bench_ctx_t;

static double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* a line of /proc/self/status ("VmRSS", "VmHWM") in KiB; -1 if unread */
static long bench_status_kib(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':')
            v = atol(line + n + 1);
    if (f)
        fclose(f);
    return v;
}

/* VmHWM back to the current RSS (Linux >= 4.0), so the peak read after a
 * run is the run's own */
static void bench_reset_peak(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

static char *bench_read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    buf_t b = {0};
    char chunk[4096];
    size_t n;
    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    char *s = strdup(buf_str(&b));
    buf_free(&b);
    return s;
}

/* validate + execute once; prints "ROWS TRUNCATED_BY MS" (no newline) */
static int bench_run_once(bench_ctx_t *x)
{
    char err[1024] = "";
    sqlsafe_check_t chk;
    json_t *res = NULL;
    int pos = 0;
    double t0 = bench_now_ms();
    if (x->e->validate(x->sql, strlen(x->sql), 0, NULL, 0, &chk, err, sizeof err) < 0) {
        fprintf(stderr, "engine_bench: rejected: %s\n", err);
        return -1;
    }
    int rc = x->e->execute(x->conn, chk.statement, &x->run, &res, &pos, err, sizeof err);
    double ms = bench_now_ms() - t0;
    sqlsafe_check_free(&chk);
    if (rc < 0) {
        fprintf(stderr, "engine_bench: %s\n", err);
        return -1;
    }
    const char *by = json_string_value(json_object_get(res, "truncated_by"));
    printf("%lld %s %.3f", (long long)json_integer_value(json_object_get(res, "row_count")),
           by ? by : "-", ms);
    json_decref(res);
    return 0;
}

static int bench_serve(bench_ctx_t *x)
{
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    while (rc == 0 && getline(&line, &cap, stdin) > 0) {
        rc = bench_run_once(x);
        putchar('\n');
        fflush(stdout);
    }
    free(line);
    return rc;
}

static int bench_connect(bench_ctx_t *x, char **argv)
{
    char err[1024] = "";
    engine_target_t t = {.host = strcmp(argv[3], "-") ? argv[3] : NULL, .port = atoi(argv[4]),
                         .dbname = argv[5], .user = argv[6], .password = argv[7],
                         .sslmode = "disable"};
    x->e = engine_for_kind(argv[2]);
    if (!x->e) {
        fprintf(stderr, "engine_bench: no engine for %s\n", argv[2]);
        return -1;
    }
    t.kind = x->e->kind;
    /* the allow-list the app would apply to a loopback address */
    x->conn = x->e->connect(&t, t.host && t.host[0] != '/' ? "127.0.0.1/32" : NULL, 10, err,
                            sizeof err);
    if (!x->conn) {
        fprintf(stderr, "engine_bench: connect: %s\n", err);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char err[512] = "";
    bench_ctx_t x = {0};
    if (argc < 10) {
        fprintf(stderr, "usage: engine_bench CONFIG KIND HOST PORT DB USER PASSWORD SQLFILE "
                        "serve|once [MAX_ROWS]\n");
        return 2;
    }
    config_t *c = config_load(argv[1], err, sizeof err);
    if (!c) {
        fprintf(stderr, "engine_bench: %s\n", err);
        return 1;
    }
    config_set_current(c);
    x.sql = bench_read_file(argv[8]);
    x.run = (engine_run_t){.timeout_ms = cfg->query_timeout_ms,
                           .max_rows = argc > 10 ? atol(argv[10]) : cfg->max_rows,
                           .max_cell_bytes = (size_t)cfg->max_cell_bytes,
                           .max_result_bytes = (size_t)cfg->max_result_bytes};
    if (!x.sql || bench_connect(&x, argv) < 0)
        return 1;
    int rc;
    if (!strcmp(argv[9], "serve")) {
        rc = bench_serve(&x);
    } else {
        bench_reset_peak();
        long before = bench_status_kib("VmRSS");
        rc = bench_run_once(&x);
        if (rc == 0)
            printf(" %ld %ld\n", before, bench_status_kib("VmHWM"));
    }
    x.e->close(x.conn);
    free((char *)x.sql);
    return rc < 0 ? 1 : 0;
}
