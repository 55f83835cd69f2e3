/* export_bench.c — 100,000 rows x 6 columns (date, timestamp, text,
 * integer, numeric-as-string, boolean) to CSV, XLSX and PDF. Each format
 * runs in its own forked child so its peak RSS (getrusage ru_maxrss) is its
 * own: the figure printed is the peak minus the RSS at fork, which already
 * holds the parsed result. Usage: export_bench [ROWS] [OUTDIR] */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "export/export.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static json_t *build(long n)
{
    static const char *products[] = {"Widget Pro", "Gadget \"Max\"", "Gizmo, large",
                                     "Doohickey", "=cmd|' /C calc'!A0"};
    json_t *rows = json_array();
    for (long i = 0; i < n; i++) {
        char day[16], ts[40], amount[32];
        snprintf(day, sizeof day, "2024-%02ld-%02ld", 1 + i / 28 % 12, 1 + i % 28);
        snprintf(ts, sizeof ts, "%s %02ld:%02ld:%02ld.%06ld+00", day, i % 24, i % 60, i * 7 % 60,
                 i * 13 % 1000000);
        snprintf(amount, sizeof amount, "%ld.%02ld", i * 37 % 100000, i % 100);
        json_array_append_new(rows, json_pack("[s,s,s,I,s,b]", day, ts, products[i % 5],
                                              (json_int_t)i, amount, (int)(i % 3 == 0)));
    }
    return json_pack("{s:[{s:s,s:s},{s:s,s:s},{s:s,s:s},{s:s,s:s},{s:s,s:s},{s:s,s:s}],"
                     "s:o,s:I,s:b}",
                     "columns", "name", "day", "type", "date", "name", "created_at", "type",
                     "timestamp", "name", "product", "type", "text", "name", "order_id", "type",
                     "integer", "name", "amount", "type", "number", "name", "paid", "type",
                     "boolean", "rows", rows, "row_count", (json_int_t)n, "truncated", 0);
}

static int run_one(const char *fmt, const json_t *r, const char *dir)
{
    export_meta_t m = {.title = "Orders", .question = "All orders in 2024",
                       .insight = "100,000 orders.", .sql = "SELECT * FROM orders",
                       .source = "Shop (demo) \xc2\xb7 DataMind",
                       .generated_at = "2026-11-22 14:05 UTC"};
    char path[512], err[256] = "";
    snprintf(path, sizeof path, "%s/bench.%s", dir, fmt);
    long base = maxrss_kb();
    double t0 = now();
    int rc;
    if (fmt[0] == 'c') {
        FILE *f = fopen(path, "w");
        rc = f ? export_csv(r, 1, f, err, sizeof err) : -1;
        if (f)
            fclose(f);
    } else if (fmt[0] == 'x') {
        rc = export_xlsx(r, &m, path, err, sizeof err);
    } else {
        rc = export_pdf(r, &m, path, err, sizeof err);
    }
    double t = now() - t0;
    struct stat st = {0};
    stat(path, &st);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", fmt, err);
        return 1;
    }
    printf("%-5s %8.3f s   peak RSS +%6.1f MB (total %6.1f MB)   file %7.1f MB\n", fmt, t,
           (double)(maxrss_kb() - base) / 1024, (double)maxrss_kb() / 1024,
           (double)st.st_size / 1048576);
    return 0;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    double t0 = now();
    json_t *r = build(n);
    printf("%ld rows x 6 columns built in %.2f s, RSS %.1f MB\n", n, now() - t0,
           (double)maxrss_kb() / 1024);
    const char *fmts[] = {"csv", "xlsx", "pdf"};
    int bad = 0;
    for (int i = 0; i < 3; i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            int rc = run_one(fmts[i], r, dir);
            fflush(stdout);
            _exit(rc);
        }
        int st;
        waitpid(pid, &st, 0);
        bad |= !WIFEXITED(st) || WEXITSTATUS(st);
    }
    json_decref(r);
    return bad;
}
