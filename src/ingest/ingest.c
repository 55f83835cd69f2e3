/* ingest.c — the public entry points: pick the format and hand over to the
 * reader (csvscan.c, xlsx.c). See ingest.h; the helpers every file shares
 * (options, messages, tables) are in base.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "ingest/internal.h"

static int has_xlsx_ext(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n >= 5 && (strcasecmp(name + n - 5, ".xlsx") == 0 ||
                      strcasecmp(name + n - 5, ".xlsm") == 0);
}

static int starts_like_zip(const char *path)
{
    char head[4];
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return sniff_is_zip(head, n);
}

int ingest_scan(const char *path, const char *filename, const ingest_opts_t *o,
                ingest_table_t **tables, size_t *ntables, char *err, size_t errlen)
{
    ingest_opts_t opts;
    ingest_input_t in = {.path = path};
    ingest_opts_resolve(o, &opts);
    *tables = NULL, *ntables = 0;
    if (!filename)
        filename = path;
    if (has_xlsx_ext(filename) || starts_like_zip(path))
        return xlsx_scan(&in, &opts, tables, ntables, err, errlen);
    if (csv_scan(&in, filename, &opts, tables, err, errlen) < 0)
        return -1;
    *ntables = 1;
    return 0;
}

static int rows_any(const ingest_input_t *in, const ingest_table_t *tables, size_t i,
                    const ingest_opts_t *o, ingest_row_fn fn, void *ctx, char *err,
                    size_t errlen)
{
    ingest_opts_t opts;
    ingest_opts_resolve(o, &opts);
    if (!tables) {
        ingest_errf(err, errlen, "no table to read");
        return -1;
    }
    const ingest_table_t *t = &tables[i];
    if (t->format == INGEST_XLSX)
        return xlsx_rows(in, t, &opts, fn, ctx, err, errlen);
    return csv_rows(in, t, &opts, fn, ctx, err, errlen);
}

int ingest_rows(const char *path, const ingest_table_t *tables, size_t table_index,
                const ingest_opts_t *o, ingest_row_fn fn, void *ctx, char *err,
                size_t errlen)
{
    ingest_input_t in = {.path = path};
    return rows_any(&in, tables, table_index, o, fn, ctx, err, errlen);
}

int ingest_rows_buffer(const char *data, size_t len, const ingest_table_t *tables,
                       size_t table_index, const ingest_opts_t *o, ingest_row_fn fn,
                       void *ctx, char *err, size_t errlen)
{
    ingest_input_t in = {.data = data ? data : "", .len = data ? len : 0};
    return rows_any(&in, tables, table_index, o, fn, ctx, err, errlen);
}

int ingest_scan_csv_buffer(const char *data, size_t len, const ingest_opts_t *o,
                           ingest_table_t **out, char *err, size_t errlen)
{
    ingest_opts_t opts;
    ingest_input_t in = {.data = data ? data : "", .len = data ? len : 0};
    ingest_opts_resolve(o, &opts);
    return csv_scan(&in, NULL, &opts, out, err, errlen);
}

int ingest_scan_xlsx_buffer(const char *data, size_t len, const ingest_opts_t *o,
                            ingest_table_t **out, size_t *n, char *err, size_t errlen)
{
    ingest_opts_t opts;
    ingest_input_t in = {.data = data ? data : "", .len = data ? len : 0};
    ingest_opts_resolve(o, &opts);
    *out = NULL, *n = 0;
    return xlsx_scan(&in, &opts, out, n, err, errlen);
}
