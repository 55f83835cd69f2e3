/* ingest_bench.c — time ingest_scan (pass 1) and ingest_rows (pass 2) on a
 * generated CSV: id, date, country, product, quantity, price, note.
 * usage: ingest_bench FILE [ROWS]   (FILE is overwritten) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/ingest.h"

static const char *const countries[] = {"France", "Germany", "United States", "Japan",
                                        "Brazil", "Côte d'Ivoire", "India", "Spain"};
static const char *const products[] = {"Widget", "Gadget", "Gizmo, large", "Doohickey",
                                       "Thingamajig", "Sprocket"};

static int generate(const char *path, long rows)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    unsigned s = 12345;
    fputs("id,date,country,product,quantity,price,note\n", f);
    for (long i = 1; i <= rows; i++) {
        s = s * 1103515245u + 12345u;
        const char *p = products[(s >> 8) % 6];
        fprintf(f, "%ld,2025-%02u-%02u,%s,%s%s%s,%u,%u.%02u,"
                   "\"order %ld shipped by carrier %u, see ticket #%u\"\n",
                i, (s >> 4) % 12 + 1, (s >> 12) % 28 + 1, countries[(s >> 16) % 8],
                strchr(p, ',') ? "\"" : "", p, strchr(p, ',') ? "\"" : "", (s >> 20) % 50 + 1,
                (s >> 3) % 1000, (s >> 7) % 100, i, s % 97, (s >> 9) % 100000);
    }
    return fclose(f);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count(void *ctx, const char *line, size_t len)
{
    (void)line;
    *(size_t *)ctx += len + 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    long rows = argc > 2 ? atol(argv[2]) : 1000000;
    char err[512];
    if (generate(argv[1], rows) < 0)
        return 1;
    FILE *f = fopen(argv[1], "rb");
    fseek(f, 0, SEEK_END);
    double mb = (double)ftell(f) / 1e6;
    fclose(f);
    ingest_table_t *t;
    size_t n, copy_bytes = 0;
    double t0 = now();
    if (ingest_scan(argv[1], "sales.csv", NULL, &t, &n, err, sizeof err) < 0) {
        fprintf(stderr, "scan: %s\n", err);
        return 1;
    }
    double t1 = now();
    if (ingest_rows(argv[1], t, 0, NULL, count, &copy_bytes, err, sizeof err) < 0) {
        fprintf(stderr, "rows: %s\n", err);
        return 1;
    }
    double t2 = now();
    printf("file: %.1f MB, %ld rows; types:", mb, t->rows);
    for (size_t i = 0; i < t->ncols; i++)
        printf(" %s=%s", t->cols[i].name, ingest_type_sql(t->cols[i].type));
    printf("\n%-12s %8s %12s %8s\n", "pass", "s", "rows/s", "MB/s");
    printf("%-12s %8.2f %12.0f %8.1f\n", "scan", t1 - t0, t->rows / (t1 - t0), mb / (t1 - t0));
    printf("%-12s %8.2f %12.0f %8.1f\n", "rows (COPY)", t2 - t1, t->rows / (t2 - t1),
           mb / (t2 - t1));
    printf("%-12s %8.2f %12.0f %8.1f\n", "both", t2 - t0, t->rows / (t2 - t0), mb / (t2 - t0));
    printf("COPY text produced: %.1f MB\n", (double)copy_bytes / 1e6);
    ingest_tables_free(t, n);
    return 0;
}
