/* sqlsafe_bench.c — time sqlsafe_validate() over the good corpus.
 *
 * usage: sqlsafe_bench [GOOD.sql [ITERATIONS]]
 * Each query is validated ITERATIONS times (default 2000) after a warm-up;
 * every call is timed on its own with CLOCK_MONOTONIC. Prints the median
 * per query, then the median and p99 over all calls. */
#define _POSIX_C_SOURCE 200809L  /* clock_gettime */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pg_query.h>

#include "core/buf.h"
#include "core/mem.h"
#include "sqlsafe/sqlsafe.h"

#define SEP "-- ---"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* 1 if some line is neither blank nor a -- comment (skips the header). */
static int has_sql(const char *s)
{
    while (*s) {
        s += strspn(s, " \t\r");
        if (*s != '\n' && *s != '\0' && strncmp(s, "--", 2) != 0)
            return 1;
        s = strchr(s, '\n');
        if (!s)
            break;
        s++;
    }
    return 0;
}

/* Queries of the corpus as owned strings; returns the count. */
static size_t load_corpus(const char *path, char ***out)
{
    FILE *f = fopen(path, "r");
    buf_t entry = {0};
    char line[4096];
    size_t n = 0;

    *out = NULL;
    if (!f)
        return 0;
    for (int eof = 0; !eof;) {
        eof = fgets(line, sizeof line, f) == NULL;
        if (eof || strcmp(line, SEP "\n") == 0) {
            if (has_sql(buf_str(&entry))) {
                *out = xrealloc(*out, (n + 1) * sizeof **out);
                (*out)[n++] = buf_detach(&entry);
            }
            buf_reset(&entry);
        } else {
            buf_puts(&entry, line);
        }
    }
    buf_free(&entry);
    fclose(f);
    return n;
}

static double time_one(const char *sql, size_t len)
{
    sqlsafe_check_t c;
    char err[256];
    double t0 = now_us();
    int rc = sqlsafe_validate(sql, len, NULL, 0, &c, err, sizeof err);
    double dt = now_us() - t0;

    if (rc < 0) {
        fprintf(stderr, "unexpected rejection: %s\n%s\n", err, sql);
        exit(1);
    }
    sqlsafe_check_free(&c);
    return dt;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "tests/unit/sqlsafe_good.sql";
    int iters = argc > 2 ? atoi(argv[2]) : 2000;
    char **q;
    size_t n = load_corpus(path, &q);

    if (n == 0 || iters < 1) {
        fprintf(stderr, "no queries in %s\n", path);
        return 1;
    }
    double *all = xmalloc(n * (size_t)iters * sizeof *all);
    double *one = xmalloc((size_t)iters * sizeof *one);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(q[i]);
        for (int k = 0; k < 50; k++)
            time_one(q[i], len);
        for (int k = 0; k < iters; k++)
            all[i * (size_t)iters + (size_t)k] = one[k] = time_one(q[i], len);
        qsort(one, (size_t)iters, sizeof *one, cmp_double);
        printf("query %2zu  %5zu bytes  median %7.1f us\n", i + 1, len, one[iters / 2]);
    }
    size_t total = n * (size_t)iters;
    qsort(all, total, sizeof *all, cmp_double);
    printf("all: %zu queries x %d iterations: median %.1f us, p99 %.1f us\n", n, iters,
           all[total / 2], all[total * 99 / 100]);
    for (size_t i = 0; i < n; i++)
        free(q[i]);
    free(q);
    free(all);
    free(one);
    pg_query_exit();
    return 0;
}
